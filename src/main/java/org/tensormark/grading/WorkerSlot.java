package org.tensormark.grading;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One slot of a worker: a thread that runs claimed jobs one at a time, and the job it holds now.
 * Only a live slot's job has its lease renewed, so the job of a slot that died goes back to the
 * queue when its lease runs out instead of staying "running" for ever.
 */
final class WorkerSlot {

    /** Job ids are a bigserial starting at 1. */
    private static final long NONE = 0;

    private final Thread thread;
    private final AtomicLong job = new AtomicLong(NONE);

    /** A slot whose thread, made by {@code threads}, runs {@code body} with this slot once started. */
    WorkerSlot(String name, ThreadFactory threads, Consumer<WorkerSlot> body) {
        this.thread = threads.newThread(() -> body.accept(this));
        thread.setName(name);
        thread.setDaemon(true);
    }

    /** The job ids of the live slots among {@code slots} that hold a job. */
    static List<Long> liveJobs(Collection<WorkerSlot> slots) {
        return slots.stream().map(WorkerSlot::liveJob).filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong).toList();
    }

    String name() {
        return thread.getName();
    }

    boolean alive() {
        return thread.isAlive();
    }

    void start() {
        thread.start();
    }

    void interrupt() {
        thread.interrupt();
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    void hold(long jobId) {
        job.set(jobId);
    }

    void release() {
        job.set(NONE);
    }

    /** The job this slot is running, while its thread is alive. */
    OptionalLong liveJob() {
        long held = job.get();
        return held != NONE && thread.isAlive() ? OptionalLong.of(held) : OptionalLong.empty();
    }
}
