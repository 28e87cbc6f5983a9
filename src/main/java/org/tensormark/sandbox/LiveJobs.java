package org.tensormark.sandbox;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The jobs this process's sandbox is running, so that a process stopped mid-job still undoes
 * them: {@code check-assignment} interrupted with Ctrl-C or {@code kill}, a benchmark or a
 * worker told to stop by SIGTERM. Their slot threads' own teardown never runs then (the JVM does
 * not unwind running threads when it exits), and the job's processes, tmpfs mounts and cgroup
 * would outlive it. A shutdown hook, added with the first job, tears down each job still live and
 * deletes its run directory. Each job is torn down once, by whichever comes first: its run's own
 * teardown or the hook. A process killed with SIGKILL runs no hook; a worker's next start sweeps
 * its jobs folder ({@link JobDirectory#sweepStale}).
 */
final class LiveJobs {

    private static final Set<Live> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private LiveJobs() {
    }

    /** A job being run, from its cgroup's creation until its teardown. */
    static final class Live {

        private final JobDirectory job;
        private final JobCgroup cgroup;
        private final ScratchMounts mounts;

        private Live(JobDirectory job, JobCgroup cgroup, ScratchMounts mounts) {
            this.job = job;
            this.cgroup = cgroup;
            this.mounts = mounts;
        }

        /** Kills the job's processes, unmounts its scratch and removes its cgroup, unless already done. */
        void release() throws IOException {
            if (LIVE.remove(this)) {
                JobTeardown.release(cgroup, mounts);
            }
        }
    }

    /** Registers a job about to be launched ({@code cgroup} null when it has none). */
    static Live add(JobDirectory job, JobCgroup cgroup, ScratchMounts mounts) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(LiveJobs::releaseAll, "sandbox-jobs-stop"));
        }
        Live live = new Live(job, cgroup, mounts);
        LIVE.add(live);
        return live;
    }

    /** The shutdown hook: every live job torn down and its run directory deleted, each failure reported and passed. */
    static void releaseAll() {
        for (Live live : Set.copyOf(LIVE)) {
            try {
                live.release();
                live.job.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("tensormark: could not undo sandbox job " + live.job.name() + " at exit: " + e);
            }
        }
    }
}
