package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the transactions that commit on one thread while a task runs there (for tests). */
@ApplicationScoped
class CommitsOnAThread {

    private final TransactionSynchronizationRegistry registry;
    private volatile Thread watched;
    private final AtomicInteger committed = new AtomicInteger();

    CommitsOnAThread(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /** Runs {@code task} on the calling thread; returns how many transactions committed on it meanwhile. */
    int during(Callable<?> task) throws Exception {
        committed.set(0);
        watched = Thread.currentThread();
        try {
            task.call();
        } finally {
            watched = null;
        }
        return committed.get();
    }

    void begun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        if (Thread.currentThread() != watched) {
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    committed.incrementAndGet();
                }
            }
        });
    }
}
