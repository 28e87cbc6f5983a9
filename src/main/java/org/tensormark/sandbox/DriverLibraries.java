package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.image.ImageImport;

/**
 * The host's NVIDIA driver libraries a CUDA job needs, found as the NVIDIA container toolkit finds
 * them: the compute and utility libraries of its list, looked up in the linker cache
 * ({@code ldconfig -p}), for this host's architecture only. A job on a GPU gets each one bound
 * read-only, under the name the cache gives it, into {@link #FOLDER}, a tmpfs that is read-only
 * once they are bound; that folder is first on the job's {@code LD_LIBRARY_PATH}. The image's own
 * copies, if any, are never used: the user-space driver must match the host's kernel module.
 */
public final class DriverLibraries {

    /**
     * Where a job finds the libraries: the folder CUDA images already name on their
     * {@code LD_LIBRARY_PATH} and in {@code ld.so.conf.d}, created in every imported image.
     */
    public static final String FOLDER = "/" + ImageImport.GPU_DRIVER_FOLDER;
    /** libnvidia-container's utility and compute libraries (src/nvc_info.c), what CUDA PyTorch can load. */
    static final List<String> TOOLKIT_LIBRARIES = List.of(
            "libnvidia-ml.so", "libnvidia-cfg.so", "libnvidia-nscq.so",
            "libcuda.so", "libcudadebugger.so", "libnvidia-opencl.so", "libnvidia-gpucomp.so",
            "libnvidia-ptxjitcompiler.so", "libnvidia-fatbinaryloader.so", "libnvidia-allocator.so",
            "libnvidia-compiler.so", "libnvidia-pkcs11.so", "libnvidia-pkcs11-openssl3.so", "libnvidia-nvvm.so");
    private static final List<Path> LDCONFIG = List.of(Path.of("/usr/sbin/ldconfig"), Path.of("/sbin/ldconfig"));
    private static final long FOLDER_TMPFS_BYTES = 64 << 10;

    private final Map<String, Path> byName;

    private DriverLibraries(Map<String, Path> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** No driver libraries: a GPU job sees the image's own libraries only. */
    public static DriverLibraries none() {
        return new DriverLibraries(Map.of());
    }

    /** The libraries this host's linker cache lists ({@code ldconfig -p}); none when there is no ldconfig. */
    public static DriverLibraries detect() throws IOException {
        for (Path ldconfig : LDCONFIG) {
            if (Files.isExecutable(ldconfig)) {
                return of(LdCache.parse(run(ldconfig)), LdCache.hostAbi());
            }
        }
        return none();
    }

    /**
     * The toolkit's libraries among {@code cache} built for {@code abi}: for each name the cache
     * lists, its first entry (the one the linker would load), resolved to the file behind its links.
     * An entry whose file is gone is left out.
     */
    static DriverLibraries of(List<LdCache.Entry> cache, String abi) throws IOException {
        Map<String, Path> found = new LinkedHashMap<>();
        for (LdCache.Entry entry : cache) {
            if (entry.isFor(abi) && isToolkitLibrary(entry.name()) && !found.containsKey(entry.name())
                    && Files.isRegularFile(entry.path())) {
                found.put(entry.name(), entry.path().toRealPath());
            }
        }
        return new DriverLibraries(found);
    }

    private static boolean isToolkitLibrary(String name) {
        return TOOLKIT_LIBRARIES.stream().anyMatch(lib -> name.equals(lib) || name.startsWith(lib + "."));
    }

    /** Host file of each library, by the name the job loads it as. */
    public Map<String, Path> byName() {
        return byName;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** bwrap arguments: a small tmpfs at {@link #FOLDER}, each library bound read-only in it, then the folder read-only. */
    List<String> bwrapArguments() {
        if (byName.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("--size", String.valueOf(FOLDER_TMPFS_BYTES), "--tmpfs", FOLDER));
        byName.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                args.addAll(List.of("--ro-bind", e.getValue().toString(), FOLDER + "/" + e.getKey())));
        args.addAll(List.of("--remount-ro", FOLDER));
        return args;
    }

    private static String run(Path ldconfig) throws IOException {
        Process p = new ProcessBuilder(ldconfig.toString(), "-p").redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(ldconfig + " -p failed: " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + ldconfig, e);
        }
    }
}
