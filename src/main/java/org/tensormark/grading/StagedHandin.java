package org.tensormark.grading;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.tensormark.sandbox.EveryOneTried;
import org.tensormark.sandbox.JobDirectory;

/**
 * A hand-in unpacked once, outside any sandbox, from which every sandbox run of it gets a fresh
 * job directory with its own copy. No two runs share {@code in/}, {@code out/} or scratch space,
 * so what one run could read (another group's inputs) or leave behind never reaches another. The
 * staging directory itself is never bound into a sandbox. The runs' directories are deleted with
 * it, when the job ends: a job records its result first, so deleting them is not part of the
 * time a student waits for a score (a run's directory took 1-8 ms to delete, far longer while
 * the disk flushed other writes, README "Measuring").
 */
final class StagedHandin implements AutoCloseable {

    private final JobDirectory staged;
    /** Guarded by this: the runs' directories, made on the threads that run them. */
    private final List<JobDirectory> runs = new ArrayList<>();

    private StagedHandin(JobDirectory staged) {
        this.staged = staged;
    }

    /**
     * A new jobs folder for a command that grades on its own ({@code check-assignment}, a
     * benchmark): the sandbox's unprivileged user may pass through it but not list it. Closed, it
     * is deleted if empty; a job folder still in it (one the exit hook is deleting as the process
     * stops mid-job, or one whose deletion failed, whose error the caller already has) leaves it to
     * the deletion at exit rather than replacing how the grading ended with "directory not empty".
     */
    static TemporaryJobs temporaryJobsFolder(String prefix) throws IOException {
        Path jobs = Files.createTempDirectory(prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        jobs.toFile().deleteOnExit();
        return new TemporaryJobs(jobs);
    }

    /** A folder of {@link #temporaryJobsFolder}. */
    record TemporaryJobs(Path path) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            try {
                Files.deleteIfExists(path);
            } catch (DirectoryNotEmptyException e) {
                // deleted at exit, after the hook that deletes the job folders still open (LiveJobs)
            }
        }
    }

    /** An empty staging directory under {@code jobsRoot}; put the hand-in into {@link #submission()}. */
    static StagedHandin create(Path jobsRoot, Path harness) throws IOException {
        return new StagedHandin(JobDirectory.create(jobsRoot, harness));
    }

    /** The staging job directory, for the materialiser to fill. */
    JobDirectory directory() {
        return staged;
    }

    /** Where the hand-in's files go. */
    Path submission() {
        return staged.submission();
    }

    /**
     * A new job directory holding a copy of the staged hand-in and nothing else, deleted when this
     * closes (or earlier, by the caller closing it), a half-made copy too.
     */
    JobDirectory newRun() throws IOException {
        Path jobsRoot = staged.root().getParent();
        JobDirectory job = JobDirectory.create(jobsRoot, staged.harness());
        synchronized (this) {
            runs.add(job);
        }
        copyTree(staged.submission(), job.submission());
        return job;
    }

    /** Copies directories and regular files; the staged tree was written by the host, links are never followed. */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes every run's directory, then the staging directory; all are tried, the first failure is thrown. */
    @Override
    public void close() throws IOException {
        List<JobDirectory> all;
        synchronized (this) {
            all = new ArrayList<>(runs);
        }
        all.add(staged);
        EveryOneTried.each(all, JobDirectory::close);
    }
}
