package org.tensormark.sandbox;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This process's job folders and the sandbox jobs running in them, so that a process stopped
 * mid-job still undoes them: {@code check-assignment} interrupted with Ctrl-C or {@code kill}, a
 * benchmark or a worker told to stop by SIGTERM. Their threads' own teardown never runs then (the
 * JVM does not unwind running threads when it exits), and the job's processes, tmpfs mounts,
 * cgroup and folder would outlive it. A shutdown hook, added with the first job folder, tears down
 * each job still running, then deletes each job folder still open. Each job is torn down once, by
 * whichever comes first: its run's own teardown or the hook. A process killed with SIGKILL runs no
 * hook; a worker's next start sweeps its jobs folder ({@link JobDirectory#sweepStale}).
 */
final class LiveJobs {

    private static final Set<Running> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Set<JobDirectory> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private LiveJobs() {
    }

    /** A job in the sandbox, from its cgroup's creation until its teardown. */
    static final class Running {

        private final JobDirectory job;
        private final JobCgroup cgroup;
        private final ScratchMounts mounts;

        private Running(JobDirectory job, JobCgroup cgroup, ScratchMounts mounts) {
            this.job = job;
            this.cgroup = cgroup;
            this.mounts = mounts;
        }

        /** Kills the job's processes, unmounts its scratch and removes its cgroup, unless already done. */
        void release() throws IOException {
            if (RUNNING.remove(this)) {
                JobTeardown.release(cgroup, mounts);
            }
        }
    }

    /** A job folder was created: deleted at exit unless closed before. */
    static void opened(JobDirectory folder) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(LiveJobs::releaseAll, "sandbox-jobs-stop"));
        }
        OPEN.add(folder);
    }

    /** A job folder is being deleted by its owner. */
    static void closed(JobDirectory folder) {
        OPEN.remove(folder);
    }

    /** Registers a job about to be launched in {@code folder} ({@code cgroup} null when it has none). */
    static Running running(JobDirectory folder, JobCgroup cgroup, ScratchMounts mounts) {
        Running job = new Running(folder, cgroup, mounts);
        RUNNING.add(job);
        return job;
    }

    /** The shutdown hook: every running job torn down, then every open folder deleted; each failure reported and passed. */
    static void releaseAll() {
        for (Running job : Set.copyOf(RUNNING)) {
            try {
                job.release();
            } catch (IOException | RuntimeException e) {
                System.err.println("tensormark: could not undo sandbox job " + job.job.name() + " at exit: " + e);
            }
        }
        for (JobDirectory folder : Set.copyOf(OPEN)) {
            try {
                folder.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("tensormark: could not delete job folder " + folder.root() + " at exit: " + e);
            }
        }
    }
}
