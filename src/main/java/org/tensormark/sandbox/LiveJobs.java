package org.tensormark.sandbox;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This process's job folders and the sandbox jobs running in them, so that a command that runs
 * jobs on its own threads and has no orderly stop of its own ({@code check-assignment}, a
 * benchmark) still undoes them when it is stopped mid-job by Ctrl-C or {@code kill}: its threads'
 * own teardown never runs then (the JVM does not unwind running threads when it exits), and the
 * job's processes, tmpfs mounts, cgroup and folder would outlive it. Such a command asks for it
 * ({@link Sandbox#undoJobsAtExit}); a shutdown hook then tears down each job still running and
 * deletes each job folder still open. Each job is torn down once, by whichever comes first: its
 * run's own teardown or the hook. A worker does not ask: told to stop, it lets its jobs end within
 * its grace and hands the rest back, and killed outright (SIGKILL, which runs no hook) its next
 * start sweeps its jobs folder ({@link JobDirectory#sweepStale}).
 */
final class LiveJobs {

    private static final Set<Running> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Set<JobDirectory> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    /** Set by the hook: from then on no job starts and no folder is made (other threads run on until the JVM halts). */
    private static volatile boolean stopping;

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

    /**
     * A job folder was created: deleted at exit unless closed before; while the process stops,
     * deleted at once and refused.
     */
    static void opened(JobDirectory folder) throws IOException {
        OPEN.add(folder);
        if (stopping) {
            folder.close();
            throw new IOException("this process is stopping: no new job folder");
        }
    }

    /** Adds the shutdown hook (once): from now on this process undoes its jobs as it exits. */
    static void undoAtExit() {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(LiveJobs::releaseAll, "sandbox-jobs-stop"));
        }
    }

    /** A job folder is about to be deleted: true for the first to ask, its owner or the exit. */
    static boolean closing(JobDirectory folder) {
        return OPEN.remove(folder);
    }

    /** A job folder whose deletion failed: open again, for the next close or the exit. */
    static void notDeleted(JobDirectory folder) {
        OPEN.add(folder);
    }

    /** Registers a job about to be launched in {@code folder} ({@code cgroup} null when it has none). */
    static Running running(JobDirectory folder, JobCgroup cgroup, ScratchMounts mounts) throws IOException {
        Running job = new Running(folder, cgroup, mounts);
        RUNNING.add(job);
        if (stopping) {
            job.release();
            throw new IOException("this process is stopping: no new sandbox job");
        }
        return job;
    }

    /**
     * The shutdown hook: every running job torn down, then every open folder deleted; each failure
     * reported and passed over.
     */
    static void releaseAll() {
        stopping = true;
        Set<Running> running = Set.copyOf(RUNNING);
        if (!running.isEmpty()) {
            System.err.println("tensormark: stopped mid-job; undoing " + running.size() + " running sandbox job(s)"
                    + " and deleting their folders");
        }
        for (Running job : running) {
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
