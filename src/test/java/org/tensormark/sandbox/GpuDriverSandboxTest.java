package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensormark.image.ImageImport;
import org.tensormark.image.ImageStore;

/**
 * A GPU job sees the host's driver libraries read-only at the fixed folder and only its own GPU's
 * device node, with fake libraries and fake nodes: no GPU is needed.
 */
class GpuDriverSandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JobBench bench;
    private static Path store;
    private static Path imageRoot;

    @BeforeAll
    static void bench() throws Exception {
        bench = new JobBench();
        store = Files.createTempDirectory(Path.of("/tmp"), "tensormark-gpu-images-");
        imageRoot = cudaImage(store);
    }

    @AfterAll
    static void close() throws Exception {
        run("umount", imageRoot.toString());
        run("rm", "-rf", store.toString());
        bench.close();
    }

    @Test
    void aGpuJobSeesTheHostsDriverLibrariesReadOnlyAtTheFixedFolderAndOnlyItsOwnGpu() throws Exception {
        GpuSlot slot = new GpuSlot(1, fakeDev(), args -> args.get(2).contains("compute-apps") ? "" : "1\n", fakeDriver());
        Sandbox sandbox = new Sandbox(new SandboxSettings(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/python3"), 65534,
                Path.of("/sys/fs/cgroup"), true, new ImageStore(store), false));

        SandboxRun run = sandbox.run(bench.job("devices", "driver"), "cuda-test", JobBench.LIMITS, slot);

        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        Map<String, Object> seen = JSON.readValue(JobBench.printed(run), new TypeReference<>() { });
        assertEquals("/usr/local/nvidia/lib64", seen.get("LD_LIBRARY_PATH"));
        assertEquals(Map.of("libcuda.so.1", List.of("fake libcuda 550.54.15", "EROFS"),
                "libnvidia-ml.so.1", List.of("fake nvml 550.54.15", "EROFS"),
                "libnvidia-ptxjitcompiler.so.1", List.of("fake ptx jit", "EROFS")), seen.get("files"),
                "exactly the toolkit's 64-bit libraries, under their linker names, read-only");
        assertEquals("EROFS", seen.get("create"), "nothing can be added to the folder");
        @SuppressWarnings("unchecked")
        Map<String, List<Object>> nodes = (Map<String, List<Object>>) seen.get("nodes");
        assertEquals(Map.of("nvidiactl", List.of(195, 255), "nvidia-modeset", List.of(195, 254),
                "nvidia-uvm", List.of(509, 0), "nvidia-uvm-tools", List.of(509, 1), "nvidia1", List.of(195, 1)),
                nodes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().subList(0, 2))),
                "the slot's GPU and the shared nodes, never nvidia0: " + nodes);
    }

    @Test
    void aGpuJobInAnImageWithoutTheDriverFolderIsAPlatformFailureThatSaysToImportItAgain() throws Exception {
        GpuSlot slot = new GpuSlot(1, fakeDev(), args -> args.get(2).contains("compute-apps") ? "" : "1\n", fakeDriver());
        SandboxRun run = bench.sandbox.run(bench.job("devices", "driver"), JobBench.LIMITS, slot);
        Verdict.PlatformFailure failure = assertInstanceOf(Verdict.PlatformFailure.class, run.verdict());
        assertTrue(failure.reason().contains("has no folder /usr/local/nvidia/lib64 for the host's GPU driver libraries"),
                failure.reason());
        assertTrue(failure.reason().contains("tensormark image import"), failure.reason());
    }

    /** Three driver libraries behind their linker names, among the 32-bit copy and a graphics library the job must not get. */
    private static DriverLibraries fakeDriver() throws IOException {
        Path lib = Files.createDirectories(bench.root().resolve("host-lib/x86_64-linux-gnu"));
        Path lib32 = Files.createDirectories(bench.root().resolve("host-lib/i386-linux-gnu"));
        Files.setPosixFilePermissions(lib.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path d : List.of(lib, lib32)) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path cuda = library(lib.resolve("libcuda.so.550.54.15"), "fake libcuda 550.54.15");
        Files.deleteIfExists(lib.resolve("libcuda.so.1"));
        Files.createSymbolicLink(lib.resolve("libcuda.so.1"), cuda.getFileName());
        library(lib.resolve("libnvidia-ml.so.1"), "fake nvml 550.54.15");
        library(lib.resolve("libnvidia-ptxjitcompiler.so.1"), "fake ptx jit");
        library(lib.resolve("libEGL_nvidia.so.0"), "fake egl");
        library(lib32.resolve("libcuda.so.1"), "fake 32-bit libcuda");
        String ldconfig = "5 libs found in cache `/etc/ld.so.cache'\n"
                + "\tlibnvidia-ptxjitcompiler.so.1 (libc6,x86-64) => " + lib.resolve("libnvidia-ptxjitcompiler.so.1") + "\n"
                + "\tlibnvidia-ml.so.1 (libc6,x86-64) => " + lib.resolve("libnvidia-ml.so.1") + "\n"
                + "\tlibcuda.so.1 (libc6,x86-64) => " + lib.resolve("libcuda.so.1") + "\n"
                + "\tlibcuda.so.1 (libc6) => " + lib32.resolve("libcuda.so.1") + "\n"
                + "\tlibEGL_nvidia.so.0 (libc6,x86-64) => " + lib.resolve("libEGL_nvidia.so.0") + "\n";
        return DriverLibraries.of(LdCache.parse(ldconfig), "x86-64");
    }

    /** A library file anyone may write on the host, so that only the read-only bind can refuse the job's write. */
    private static Path library(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        return file;
    }

    private static Path fakeDev() throws Exception {
        return bench.fakeNvidiaDevices(2);
    }

    /**
     * "cuda-test": the course image with the driver folder an import adds, as a read-only overlay
     * (the course image itself is never written to).
     */
    private static Path cudaImage(Path store) throws Exception {
        ImageStore.InstalledImage course = ImageStore.local().find(ImageStore.COURSE_IMAGE).orElseThrow();
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path layer = Files.createDirectories(store.resolve("layer").resolve(ImageImport.GPU_DRIVER_FOLDER));
        Path image = Files.createDirectories(store.resolve("sha256-cudatest"));
        Path root = Files.createDirectories(image.resolve("root"));
        run("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + store.resolve("layer") + ":" + course.root(),
                root.toString());
        Files.copy(course.root().getParent().resolve("manifest.json"), image.resolve("manifest.json"));
        Files.writeString(Files.createDirectories(store.resolve("names")).resolve("cuda-test"), "sha256-cudatest\n");
        assertTrue(Files.isDirectory(root.resolve(ImageImport.GPU_DRIVER_FOLDER)), layer.toString());
        return root;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }
}
