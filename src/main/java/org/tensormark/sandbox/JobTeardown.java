package org.tensormark.sandbox;

import java.io.IOException;
import java.util.List;

/**
 * What the host undoes after every job, whether it ended, timed out or its worker was told to
 * stop: every process of the job killed, its tmpfs mounts unmounted, its cgroup removed. A worker
 * told to stop interrupts the slot running the job, so each step here runs to its end regardless
 * of the thread's interrupt (which is kept for the caller), and a failed step does not skip the
 * next: a mount left behind pins host memory and makes the job folder undeletable, a cgroup left
 * behind is counted against the next job's name space.
 */
final class JobTeardown {

    private JobTeardown() {
    }

    /** A step that may wait; repeated when an interrupt cut it short, so it must be idempotent. */
    interface Step {
        void run() throws IOException, InterruptedException;
    }

    /** Kills the job's processes, unmounts its scratch mounts and removes its cgroup (null: none). */
    static void release(JobCgroup cgroup, ScratchMounts mounts) throws IOException {
        EveryOneTried.each(List.<Step>of(
                () -> {
                    if (cgroup != null) {
                        cgroup.killAll();
                    }
                },
                mounts::close,
                () -> {
                    if (cgroup != null) {
                        cgroup.remove();
                    }
                }), JobTeardown::uninterruptibly);
    }

    /** Runs {@code step} to its end with the thread's interrupt held back and set again afterwards. */
    static void uninterruptibly(Step step) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    step.run();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
