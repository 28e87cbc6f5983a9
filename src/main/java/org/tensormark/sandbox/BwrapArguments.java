package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensormark.image.ImageImport;

/**
 * The bubblewrap command line of one job: every namespace unshared (the network namespace has
 * loopback only), the grading image's tree as the read-only root (or, in development, the host's
 * read-only system directories), size-capped tmpfs, the job's own directories, on a GPU that
 * GPU's device nodes and the host's driver libraries, and nothing else of the host, a read-only
 * root, an empty environment, the seccomp program on fd 3 and fd 4 left open for the harness to
 * report that it started. Python runs isolated ({@code -I}) and writes no
 * bytecode ({@code -B}); the harness compiles the hand-in from its source, never from a .pyc.
 */
final class BwrapArguments {

    static final int SECCOMP_FD = 3;
    /** The harness writes "harness-started" here once the sandbox is up; nothing else is read from it. */
    static final int STARTED_FD = 4;
    /** The folders of a job's PATH (an image's own interpreter folder may come first). */
    private static final List<String> SYSTEM_BINS = List.of("/usr/local/bin", "/usr/bin", "/bin");
    private static final String SYSTEM_PATH = String.join(":", SYSTEM_BINS);
    private static final List<String> SYSTEM_DIRS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
    private static final List<String> SYSTEM_FILES = List.of("/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf",
            "/etc/ld.so.conf.d", "/etc/localtime");

    private BwrapArguments() {
    }

    /**
     * @param scratch a host tmpfs holding tmp/ and shm/ for the job, or null to let bwrap make
     *     size-capped tmpfs (no inode cap) inside the sandbox
     */
    static List<String> of(SandboxSettings settings, SystemRoot system, JobDirectory job, SandboxLimits limits,
            Path scratch, GpuSlot gpu) throws IOException {
        List<String> a = new ArrayList<>(List.of(settings.bwrap().toString(),
                "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
                "--clearenv", "--cap-drop", "ALL", "--hostname", "tensormark-job"));
        if (system.isHost()) {
            hostSystem(a);
        } else {
            // the image has the mount points of everything bound below (ImageBuild.MOUNT_POINTS)
            a.addAll(List.of("--ro-bind", system.tree().toString(), "/"));
        }
        a.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        scratch(a, limits, scratch);
        a.addAll(List.of("--ro-bind", job.in().toString(), "/job/in",
                "--ro-bind", job.submission().toString(), "/job/submission",
                "--bind", job.out().toString(), "/job/out",
                "--ro-bind", job.harness().toString(), "/harness"));
        if (gpu != null) {
            a.addAll(gpu.bwrapArguments());
            a.addAll(driverLibraries(system, gpu));
        }
        a.addAll(List.of("--remount-ro", "/", "--remount-ro", "/dev"));
        environment(system, limits, gpu).forEach((k, v) -> a.addAll(List.of("--setenv", k, v)));
        a.addAll(List.of("--chdir", "/tmp", "--seccomp", String.valueOf(SECCOMP_FD), "--",
                system.python(settings).toString(), "-I", "-B", "/harness/tensormark_harness.py", "/job", "--started-fd", String.valueOf(STARTED_FD)));
        return a;
    }

    /**
     * The host's driver libraries for an image (the host's own system folders already hold them).
     * The image must have the folder they go into: bwrap cannot create it in the read-only root.
     */
    private static List<String> driverLibraries(SystemRoot system, GpuSlot gpu) throws IOException {
        if (system.isHost() || gpu.driver().isEmpty()) {
            return List.of();
        }
        if (!Files.isDirectory(system.tree().resolve(ImageImport.GPU_DRIVER_FOLDER), LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the grading image '" + system.image() + "' has no folder " + DriverLibraries.FOLDER
                    + " for the host's GPU driver libraries; import it again (tensormark image import adds it)");
        }
        return gpu.driver().bwrapArguments();
    }

    private static void hostSystem(List<String> a) throws IOException {
        a.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String dir : SYSTEM_DIRS) {
            system(a, Path.of(dir));
        }
        for (String file : SYSTEM_FILES) {
            a.addAll(List.of("--ro-bind-try", file, file));
        }
    }

    private static void system(List<String> a, Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            a.addAll(List.of("--symlink", Files.readSymbolicLink(dir).toString(), dir.toString()));
        } else if (Files.isDirectory(dir)) {
            a.addAll(List.of("--ro-bind", dir.toString(), dir.toString()));
        }
    }

    private static void scratch(List<String> a, SandboxLimits limits, Path scratch) {
        if (scratch != null) {
            a.addAll(List.of("--bind", scratch.resolve("tmp").toString(), "/tmp",
                    "--bind", scratch.resolve("shm").toString(), "/dev/shm"));
        } else {
            String size = String.valueOf(limits.tmpfsBytes() / 2);
            a.addAll(List.of("--size", size, "--tmpfs", "/tmp", "--size", size, "--tmpfs", "/dev/shm"));
        }
    }

    /** The system folders, after the folder of an image's own interpreter when it is elsewhere ({@code /opt/conda/bin}). */
    private static String path(SystemRoot system) {
        Path bin = system.isHost() ? null : Path.of(system.interpreter()).getParent();
        return bin == null || SYSTEM_BINS.contains(bin.toString()) ? SYSTEM_PATH : bin + ":" + SYSTEM_PATH;
    }

    /** The job's environment: the image's variables, then the sandbox's own, which win. */
    static Map<String, String> environment(SystemRoot system, SandboxLimits limits, GpuSlot gpu) {
        String threads = String.valueOf(Math.max(1, (int) Math.floor(limits.cpuCores())));
        Map<String, String> env = new TreeMap<>(system.environment());
        env.putAll(Map.of(
                "PATH", path(system),
                "HOME", "/tmp",
                "LANG", "C.UTF-8",
                "MPLCONFIGDIR", "/tmp/.matplotlib",
                "CUDA_VISIBLE_DEVICES", ""));
        // thread pools sized to the CPU quota, not the host's cores, so they stay under pids.max
        for (String pool : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
            env.put(pool, threads);
        }
        // no /etc/passwd inside: getpass.getuser() (used by torch caches) reads these first
        env.put("USER", "tensormark");
        env.put("LOGNAME", "tensormark");
        if (gpu != null) {
            env.putAll(gpu.environment());
            if (!system.isHost() && !gpu.driver().isEmpty()) {
                env.put("LD_LIBRARY_PATH", DriverLibraries.FOLDER);
            }
        }
        return env;
    }
}
