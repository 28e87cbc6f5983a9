package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * A fresh job directory: {@code in/} (plan.json, inputs.npz, data), {@code submission/} (the
 * unpacked hand-in), {@code out/} (the job's only writable place) and host-private files next to
 * them. Inside the sandbox they appear as {@code /job/in}, {@code /job/submission},
 * {@code /job/out} and the harness as {@code /harness}; the directory itself and its root are
 * never bound, so a job cannot see other jobs. The host writes {@code in/} and
 * {@code submission/} before the run and must not follow any path under {@code out/} afterwards;
 * {@link Sandbox} collects out/ itself.
 *
 * <p>Behind the {@link SandboxLauncher} a job has two places: the unprivileged worker's job
 * directory holding {@code in/} and {@code submission/}, and the launcher's own run directory
 * holding {@code out/}, the private files and the scratch mounts, where only root can write.
 */
public final class JobDirectory implements AutoCloseable {

    private final Path root;
    private final Path runRoot;
    private final Path harness;
    private final boolean opensInputs;
    /**
     * Made by this process and known to {@link LiveJobs}: deleted by whichever closes it first, its
     * owner or the exit.
     */
    private volatile boolean tracked;

    private JobDirectory(Path root, Path runRoot, Path harness, boolean opensInputs) {
        this.root = root;
        this.runRoot = runRoot;
        this.harness = harness;
        this.opensInputs = opensInputs;
    }

    /**
     * Creates {@code <jobsRoot>/job-<random>} with its sub-directories. The job directory is mode
     * 0711 so the unprivileged sandbox uid can reach the bound sub-directories but list nothing.
     *
     * @param jobsRoot a host directory the sandbox never binds (created if missing)
     * @param harness the directory holding {@code tensormark_harness.py} (graders/python)
     */
    public static JobDirectory create(Path jobsRoot, Path harness) throws IOException {
        if (!Files.isRegularFile(harness.resolve("tensormark_harness.py"))) {
            throw new IOException("no tensormark_harness.py in harness directory " + harness);
        }
        Files.createDirectories(jobsRoot);
        Path root = Files.createDirectory(jobsRoot.toAbsolutePath().resolve("job-" + UUID.randomUUID()));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        for (String dir : new String[] {"in", "submission", "out", "private"}) {
            Files.createDirectory(root.resolve(dir));
        }
        Files.setPosixFilePermissions(root.resolve("private"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(root.resolve("out"), PosixFilePermissions.fromString("rwxrwxrwx"));
        return opened(new JobDirectory(root, root, harness.toAbsolutePath(), true));
    }

    /**
     * The launcher's view of a job its client prepared in {@code prepared}: in/ and submission/
     * are bound from there as they are (the client opened them for the sandbox; the launcher
     * never writes, opens or changes anything under them), while out/, the private files and
     * the scratch mounts go to a fresh {@code runRoot} the launcher owns. Closing it removes
     * {@code runRoot} only.
     */
    static JobDirectory prepared(Path prepared, Path runRoot, Path harness) throws IOException {
        Files.createDirectory(runRoot);
        Files.setPosixFilePermissions(runRoot, PosixFilePermissions.fromString("rwx--x--x"));
        Files.createDirectory(runRoot.resolve("out"));
        Files.setPosixFilePermissions(Files.createDirectory(runRoot.resolve("private")),
                PosixFilePermissions.fromString("rwx------"));
        return opened(new JobDirectory(prepared, runRoot, harness, false));
    }

    /** A job folder this process made: deleted at exit, should the process be stopped before closing it. */
    private static JobDirectory opened(JobDirectory folder) throws IOException {
        folder.tracked = true;
        LiveJobs.opened(folder);
        return folder;
    }

    /** The host path of the job directory (never visible inside the sandbox). */
    public Path root() {
        return root;
    }

    /** The job's name, {@code job-<uuid>}: its cgroup is named after it. */
    String name() {
        return runRoot.getFileName().toString();
    }

    /** Where the host puts plan.json, inputs.npz and data files (read-only inside). */
    public Path in() {
        return root.resolve("in");
    }

    /** Where the host unpacks the hand-in (read-only inside). */
    public Path submission() {
        return root.resolve("submission");
    }

    /** The job's writable directory; the host reads it only through {@link Sandbox}. */
    public Path out() {
        return runRoot.resolve("out");
    }

    /** The harness directory, bound read-only at /harness. */
    public Path harness() {
        return harness;
    }

    /** Host-only files of the run (seccomp program, start marker). */
    Path privateDir() {
        return runRoot.resolve("private");
    }

    /** Where the job's /tmp and /dev/shm tmpfs is mounted. */
    Path scratch() {
        return runRoot.resolve("scratch");
    }

    /**
     * Makes in/ and submission/ readable by the sandbox uid: directories 0755, files 0644. Called
     * before launch, after the host has written them, by whoever wrote them: the in-process
     * sandbox or the launcher's client; the launcher's view of a job leaves them alone.
     */
    void openForSandbox() throws IOException {
        if (!opensInputs) {
            return;
        }
        for (Path dir : new Path[] {in(), submission()}) {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }

    /**
     * Deletes the job directory (the launcher's run directory in its view) with a walk that never
     * follows a link; a second close, or one while the process's exit is deleting it, does nothing.
     */
    @Override
    public void close() throws IOException {
        if (!LiveJobs.closing(this) && tracked) {
            return;
        }
        try {
            delete();
        } catch (IOException | RuntimeException e) {
            if (tracked) {
                LiveJobs.notDeleted(this); // still there: the next close, or the exit, tries again
            }
            throw e;
        }
    }

    private void delete() throws IOException {
        if (!Files.exists(runRoot, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(runRoot, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Cleans up after a worker that died mid-job: unmounts the job tmpfs mounts it left under
     * {@code jobsRoot}, deletes its job directories (never following a link) and removes their
     * cgroups (killing anything still in them). Call it before
     * this worker starts jobs there; returns how many job directories were removed.
     */
    public static int sweepStale(Path jobsRoot) throws IOException, InterruptedException {
        return sweepStale(jobsRoot, SandboxSettings.defaults().cgroupFs());
    }

    /** As {@link #sweepStale(Path)}, also removing each stale job's cgroup under {@code cgroupFs}. */
    static int sweepStale(Path jobsRoot, Path cgroupFs) throws IOException, InterruptedException {
        Path root = jobsRoot.toAbsolutePath();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        java.util.List<String> mounts = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] fields = line.split(" ");
            String at = fields.length > 1 ? fields[1].replace("\\040", " ") : "";
            if (at.startsWith(root + "/job-")) {
                mounts.add(at);
            }
        }
        mounts.sort(java.util.Comparator.comparingInt(String::length).reversed());
        for (String at : mounts) {
            new ProcessBuilder("umount", "-l", at).inheritIO().start().waitFor();
        }
        int removed = 0;
        try (java.util.stream.Stream<Path> jobs = Files.list(root)) {
            for (Path job : jobs.filter(p -> p.getFileName().toString().startsWith("job-")).toList()) {
                new JobDirectory(job, job, root, true).close();
                JobCgroup.removeLeftover(cgroupFs, job.getFileName().toString());
                removed++;
            }
        }
        return removed;
    }
}
