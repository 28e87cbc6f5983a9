package org.tensormark.grading;

import java.util.List;
import org.jboss.logging.Logger;
import org.tensormark.reference.ReferenceRuntime;

/**
 * What every job of this process needs and no hand-in changes, done once when a worker starts,
 * beside its first jobs rather than inside one: the {@link SelfCheck}, which grades a tiny
 * assignment end to end, or where it is switched off the reference engine's native library and
 * the report reader with its font mapping (the grading image's versions come from its manifest
 * and need no warming); then the reference figures of the released assignments due last, read
 * into memory ({@link SyncedReferences#loadReleased}). Without it the first hand-in after a start
 * waits for all of them.
 */
final class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private WarmUp() {
    }

    /** How many released assignments' reference figures a starting worker reads into memory. */
    static final int RELEASED_VERSIONS = 20;

    /**
     * Starts the warm-up on a daemon thread of its own and returns at once; the warm-up runs
     * {@code then} last. {@code selfCheck} and {@code references} may be null (a worker a test
     * builds has neither).
     */
    static void inBackground(SelfCheck selfCheck, SyncedReferences references, Runnable then) {
        Thread warm = new Thread(() -> {
            loadLateSubclasses();
            try {
                if (selfCheck == null) {
                    ReferenceRuntime.engine();
                    ReportCheck.warmUp();
                } else { // its references load the engine, its report check reads a PDF
                    SelfCheck.Result r = selfCheck.run();
                    if (r.fullMarks()) {
                        LOG.infof("worker self-check: %s of %s points in %d ms (then %d rehearsals of a job's own work and"
                                        + " %d hand-ins graded but for their sandbox, each in a transaction rolled back,"
                                        + " in %d ms: %s)", r.points(), r.maxPoints(), r.millis(), SelfCheck.REHEARSALS,
                                r.handins(), r.rehearsalMillis(), r.replayed().map(p -> "the last scored hand-in, "
                                        + p.handin() + ", with its kept runs").orElse("the self-check's own"));
                        r.replayed().filter(p -> !p.scoredAsRecorded()).ifPresent(p -> LOG.warnf("worker warm-up:"
                                + " hand-in %s's kept runs scored %s now, its result recorded %s: scoring has changed"
                                + " since it was recorded (a new TensorMark release?)", p.handin(), p.rehearsed(),
                                p.recorded()));
                    } else {
                        LOG.warnf("worker self-check scored %s of %s points: the grading image or harness is broken",
                                r.points(), r.maxPoints());
                    }
                }
            } catch (Throwable e) { // the first job that needs them loads them itself and reports any failure
                LOG.warnf("warming up the worker: %s", e.toString());
            }
            if (references != null) {
                loadReferences(references);
            }
            then.run();
        }, "tensormark-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /**
     * Classes whose loading after the warm-up had the JVM throw away code the warm-up compiled: a
     * method compiled while a class had no subclass (or an interface one implementation) assumes
     * it stays so, and loading another discards that code; it is compiled again only when called
     * often enough once more, during the first hand-ins (`-XX:+PrintCompilation` and
     * `-Xlog:class+load`, README "Measuring"). {@code HeapByteBufferR}, the JDK's read-only heap
     * buffer, loaded by the JDK's HTTP client: the heap buffer's methods, through which a job reads
     * every array ({@code NpyData}), were discarded and the first hand-in's scoring took 65 ms
     * against 10. ArC's context for a chain of interceptors, loaded by the first upload (its
     * resource method has more than one): the transaction interceptor's code was discarded.
     */
    static final List<String> LATE_SUBCLASSES = List.of("java.nio.HeapByteBufferR",
            "io.quarkus.arc.impl.AroundInvokeInvocationContext$NextAroundInvokeInvocationContext");

    /** Loads {@link #LATE_SUBCLASSES} before anything is rehearsed, so that no code compiled later assumes them absent. */
    static void loadLateSubclasses() {
        for (String name : LATE_SUBCLASSES) {
            try {
                Class.forName(name, true, WarmUp.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) { // a later JDK or Quarkus: the first jobs pay, nothing fails
                LOG.debugf("warming up the worker: %s not loaded: %s", name, e.toString());
            }
        }
    }

    private static void loadReferences(SyncedReferences references) {
        long started = System.nanoTime();
        try {
            int versions = references.loadReleased(RELEASED_VERSIONS);
            LOG.infof("worker warm-up: reference figures of %d released assignment version(s) read in %d ms", versions,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) { // each job reads (or computes) what it needs itself
            LOG.warnf("warming up the worker: reading the reference figures: %s", e.toString());
        }
    }
}
