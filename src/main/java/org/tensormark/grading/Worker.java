package org.tensormark.grading;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tensormark.sandbox.JobDirectory;

/**
 * A worker: slot threads that claim jobs from PostgreSQL and run them, and a heartbeat that keeps
 * the leases of the jobs its live slots hold. A slot outlives every job: whatever a job throws
 * ends that job, never the slot. A worker that dies stops renewing; its jobs are re-leased by any
 * other worker.
 */
@ApplicationScoped
public class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);
    /**
     * Hand-ins each slot rehearses on its own thread: one more than the executions after which the
     * PostgreSQL driver prepares a statement on the server (prepareThreshold, 5), so that switch too
     * happens before the slot's first job.
     */
    static final int SLOT_REHEARSALS = 6;

    /** The JVM setting above which share of free heap a collection gives memory back. */
    private static final String MAX_HEAP_FREE_RATIO = "MaxHeapFreeRatio";
    /** The modes of the program that grade: a server, a standalone worker, the spike benchmark. */
    private static final Set<String> WORKING_MODES = Set.of("serve", "worker", "spike-benchmark", "load-test");

    private final JobClaims claims;
    private final JobRunner runner;
    private final QueueMetrics metrics;
    private final WorkerConfig config;
    private final JobsRoot jobsRoot;
    private final QueueConfig queue;
    private final DataSource dataSource;
    private final String mode;
    private final ThreadFactory slotThreads;
    private final String id;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<WorkerSlot> slots = new CopyOnWriteArrayList<>();
    /** Set once a stopping worker has handed its jobs back: their slots are interrupted on purpose. */
    private volatile boolean handingBack;
    private ScheduledExecutorService heartbeat;
    /**
     * Counted down by the warm-up of the last start (it runs beside the first jobs) as it ends,
     * before it wakes the slots; zero from the start when this worker never started. Not the
     * warm-up thread's liveness: the thread may still be alive when a woken slot looks, and that
     * slot would wait for its next poll before rehearsing.
     */
    private volatile CountDownLatch warmedUp = new CountDownLatch(0);
    /**
     * Counts down as each slot of the last start has rehearsed hand-ins on its own thread after the
     * warm-up; zero from the start when the worker does not self-check.
     */
    private volatile CountDownLatch slotsRehearsed = new CountDownLatch(0);
    /** Null when this worker only polls. */
    private volatile JobAlerts alerts;
    /** Tells the dashboard which images and devices this worker holds while it runs (i14-images). */
    @Inject
    WorkerPresence presence = WorkerPresence.UNRECORDED;
    /** Graded once at start when {@link WorkerConfig#selfCheck()}; a worker a test builds has none. */
    @Inject
    SelfCheck selfCheck;
    /** What the last slot's rehearsals end with before the warm-up ends (the tests see when it runs). */
    Runnable warmUpCollection = Worker::collectWarmUpGarbage;
    /** Read into memory at start; a worker a test builds has none. */
    @Inject
    SyncedReferences references;

    @Inject
    Worker(JobClaims claims, JobRunner runner, QueueMetrics metrics, WorkerConfig config, JobsRoot jobsRoot,
            QueueConfig queue, DataSource dataSource,
            @ConfigProperty(name = "tensormark.mode", defaultValue = "serve") String mode) {
        this(claims, runner, metrics, config, jobsRoot, queue, dataSource, mode, Thread::new);
    }

    /** A worker whose slot threads come from {@code slotThreads}; tests make slots that die. */
    Worker(JobClaims claims, JobRunner runner, QueueMetrics metrics, WorkerConfig config, JobsRoot jobsRoot,
            QueueConfig queue, DataSource dataSource, String mode, ThreadFactory slotThreads) {
        this.claims = claims;
        this.runner = runner;
        this.metrics = metrics;
        this.config = config;
        this.jobsRoot = jobsRoot;
        this.queue = queue;
        this.dataSource = dataSource;
        this.mode = mode;
        this.slotThreads = slotThreads;
        this.id = config.name().orElse(ManagementFactory.getRuntimeMXBean().getName());
    }

    void onStart(@Observes StartupEvent event) {
        int slots = slots(config);
        if (WORKING_MODES.contains(mode) && slots > 0) {
            start(slots);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** The configured slots, else what this host or its cgroup allows; a negative setting fails the start. */
    static int slots(WorkerConfig config) {
        int slots = config.slots().orElseGet(() -> CpuAllowance.ofThisProcess().defaultSlots());
        if (slots < 0) {
            throw new IllegalArgumentException("tensormark.worker.slots must be 0 (no worker) or more, was " + slots);
        }
        return slots;
    }

    public String id() {
        return id;
    }

    /** Starts {@code n} slot threads; the tests start workers this way. */
    public synchronized void start(int n) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        handingBack = false;
        sweepStaleJobDirectories();
        boolean selfChecked = config.selfCheck();
        if (config.wakeOnNotify()) {
            alerts = JobAlerts.listening(dataSource, config.poll());
        }
        slotsRehearsed = new CountDownLatch(selfChecked && selfCheck != null ? n : 0);
        CountDownLatch ended = new CountDownLatch(1);
        warmedUp = ended;
        WarmUp.inBackground(selfChecked ? selfCheck : null, selfChecked ? references : null, () -> {
            ended.countDown();
            wakeSlots();
        });
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tensormark-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = queue.heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
        for (int i = 0; i < n; i++) {
            WorkerSlot slot = new WorkerSlot("tensormark-worker-" + i, slotThreads, this::loop);
            slots.add(slot);
            slot.start();
        }
        presence.refresh(id, n);
        LOG.infof("worker %s started with %d slot(s)%s", id, n, alerts == null ? ", polling only" : "");
    }

    /**
     * Stops claiming at once and lets running jobs finish within the shutdown grace (their leases
     * still renewed). Then it hands the unfinished jobs straight back to the queue, their attempt
     * not counted, so another worker takes them now instead of after the lease expires, and only
     * then interrupts their slots, which kills their sandboxes: a job interrupted that way is the
     * worker's stop, not a platform failure, and with its lease gone nothing the slot still does
     * can record a result or charge an attempt.
     */
    public synchronized void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        awaitSlots(config.shutdownGrace());
        handingBack = true;
        int handedBack = handBack();
        slots.forEach(WorkerSlot::interrupt);
        awaitSlots(Duration.ofSeconds(5));
        heartbeat.shutdownNow();
        handedBack += handBack(); // a claim that committed while the worker was stopping
        presence.leave(id);
        if (handedBack > 0) {
            LOG.infof("worker %s stopped; %d unfinished job(s) handed back to the queue", id, handedBack);
        }
        slots.clear();
        if (alerts != null) {
            alerts.close();
            alerts = null;
        }
    }

    /** Hands this worker's unfinished jobs back; without the database their leases expire instead. */
    private int handBack() {
        try {
            return claims.handBack(id);
        } catch (RuntimeException e) {
            LOG.warnf("worker %s could not hand its jobs back; they return when their leases expire: %s", id, e);
            return 0;
        }
    }

    private void awaitSlots(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        for (WorkerSlot slot : slots) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                slot.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The names of this running worker's slots whose thread has died; empty when all are alive. */
    public List<String> deadSlots() {
        if (!running.get()) {
            return List.of();
        }
        return slots.stream().filter(s -> !s.alive()).map(WorkerSlot::name).toList();
    }

    /**
     * Waits at most {@code within} for the warm-up of this worker's start (the self-check) to end,
     * and each slot's rehearsals after it; true when they have or this worker never started. A
     * hand-in between deadlines meets a warmed-up worker; the spike benchmark waits for it before
     * its first hand-in.
     */
    public boolean awaitWarmUp(Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        return warmedUp.await(within.toNanos(), TimeUnit.NANOSECONDS)
                && slotsRehearsed.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** How many slots this worker runs; 0 when it is stopped. */
    public int slotCount() {
        return running.get() ? slots.size() : 0;
    }

    private void sweepStaleJobDirectories() {
        try {
            int stale = JobDirectory.sweepStale(jobsRoot.path());
            if (stale > 0) {
                LOG.infof("removed %d job directories left by a worker that stopped mid-job", stale);
            }
        } catch (IOException e) {
            LOG.warnf("could not clean up old job directories: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop(WorkerSlot slot) {
        boolean toRehearse = slotsRehearsed.getCount() > 0; // only this slot's own rehearsal can bring it to zero
        while (running.get()) {
            try {
                JobAlerts heard = alerts;
                long seen = heard == null ? 0 : heard.arrivals();
                Optional<JobClaims.Claim> claim = claims.claim(id);
                if (claim.isPresent()) {
                    runOne(slot, claim.get());
                } else if (toRehearse && warmedUp.getCount() == 0) {
                    toRehearse = false;
                    rehearseHere(slot);
                } else if (heard != null) {
                    heard.awaitAfter(seen, config.poll());
                } else {
                    Thread.sleep(config.poll().toMillis());
                }
            } catch (InterruptedException e) {
                // stop() clears running before it interrupts; a stray interrupt must not end the slot
            } catch (Throwable e) { // a slot that died would hold nothing and grade nothing again
                LOG.warn("worker loop error; retrying shortly", e);
                sleepQuietly();
            }
        }
    }

    /**
     * The first time the slot is idle after the warm-up, it rehearses {@link #SLOT_REHEARSALS}
     * hand-ins on its own thread, whose database connection then knows a job's statements
     * ({@link HandinRehearsal#rehearseAgain}); a job that arrives meanwhile waits for them.
     */
    private void rehearseHere(WorkerSlot slot) {
        long started = System.nanoTime();
        try {
            int rehearsed = selfCheck.rehearseHandinsHere(SLOT_REHEARSALS);
            LOG.debugf("%s rehearsed %d hand-ins on its own connection in %d ms", slot.name(), rehearsed,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) { // the slot's first jobs do that work themselves
            LOG.warnf("%s could not rehearse a hand-in: %s", slot.name(), e.toString());
        } finally {
            slotRehearsed();
        }
    }

    /**
     * Counts a slot's rehearsals done; the last slot's first has the warm-up's garbage collected
     * ({@link #collectWarmUpGarbage}), so that the warm-up ends only after it.
     */
    private void slotRehearsed() {
        CountDownLatch rehearsed = slotsRehearsed;
        synchronized (rehearsed) {
            if (rehearsed.getCount() == 1) {
                warmUpCollection.run();
            }
            rehearsed.countDown();
        }
    }

    /**
     * A full collection once the warm-up has ended. The warm-up's rehearsals leave its young
     * generation nearly full of their garbage, so the collection they made due came in the first
     * hand-ins' own work (a 10-ms pause in the first A1 hand-in's recording after a start, 35 ms
     * against 16-19 for the next nine on a 2-CPU host, README "Measuring"); after this one the first
     * hand-ins start with it empty. The heap keeps its size through it ({@code MaxHeapFreeRatio},
     * a setting the JVM lets a running program change, held at 100 meanwhile): shrunk to what
     * the warm-up left alive, the young generation was then collected every second or third job
     * (two earlier tries at such a collection, README "Measuring"). Took 78-103 ms there, before
     * the first hand-in.
     */
    private static void collectWarmUpGarbage() {
        long started = System.nanoTime();
        Runtime runtime = Runtime.getRuntime();
        long before = runtime.totalMemory() - runtime.freeMemory();
        long size = runtime.totalMemory();
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String freeRatio = vm.getVMOption(MAX_HEAP_FREE_RATIO).getValue();
        try {
            vm.setVMOption(MAX_HEAP_FREE_RATIO, "100");
        } catch (IllegalArgumentException e) { // a JVM that does not let it change: the heap may shrink
            freeRatio = null;
        }
        try {
            System.gc();
        } finally {
            if (freeRatio != null) {
                vm.setVMOption(MAX_HEAP_FREE_RATIO, freeRatio);
            }
        }
        long after = runtime.totalMemory() - runtime.freeMemory();
        LOG.infof("worker warm-up: its garbage collected in %d ms (heap in use %d MB, then %d MB;"
                + " heap %d MB, then %d MB)", (System.nanoTime() - started) / 1_000_000, before >> 20, after >> 20,
                size >> 20, runtime.totalMemory() >> 20);
    }

    /** Wakes the idle slots (the warm-up has ended): each rehearses, then waits again. */
    private void wakeSlots() {
        JobAlerts heard = alerts;
        if (heard != null) {
            heard.wake();
        }
    }

    private void runOne(WorkerSlot slot, JobClaims.Claim claim) {
        Instant started = Instant.now();
        metrics.recordWait(claim.waited());
        slot.hold(claim.jobId());
        try {
            runner.run(claim, id);
        } catch (Throwable e) { // whatever a job throws ends that job, never the slot
            endFailed(claim, e);
        } finally {
            slot.release();
        }
        metrics.recordRun(Duration.between(started, Instant.now()));
    }

    /**
     * Ends a job that threw. A job that threw because its stopping worker interrupted it has been
     * handed back already. A stack overflow comes from data the hand-in made (a parser recursing
     * into it) and would recur on every retry, so the job fails at once; anything else is the
     * platform's failure, retried without charging the student.
     */
    private void endFailed(JobClaims.Claim claim, Throwable e) {
        if (handingBack) {
            LOG.infof("job %d: stopped with its worker and handed back (%s)", claim.jobId(), e.getMessage());
        } else if (e instanceof StackOverflowError) {
            StackTraceElement[] frames = e.getStackTrace();
            String where = frames.length == 0 ? "the grader" : frames[0].toString();
            LOG.errorf("job %d: the hand-in's data overflowed the stack in %s; the job fails without a retry",
                    claim.jobId(), where);
            claims.handinFailure(claim.jobId(), id, "grading this hand-in overflowed the grader's stack in " + where
                    + "; something the hand-in produced nests too deeply, and a retry would fail the same way");
        } else if (e instanceof PlatformFailure) {
            LOG.warnf("job %d: platform failure (attempt %d): %s", claim.jobId(), claim.attempt(), e.getMessage());
            claims.platformFailure(claim.jobId(), id, e.getMessage());
        } else {
            LOG.errorf(e, "job %d: unexpected error, treated as a platform failure", claim.jobId());
            claims.platformFailure(claim.jobId(), id, "internal error: " + e);
        }
    }

    private void beat() {
        try {
            claims.heartbeat(id, WorkerSlot.liveJobs(slots));
        } catch (Throwable e) { // an exception escaping a scheduled task cancels every later beat
            LOG.warn("heartbeat failed", e);
        }
        presence.refresh(id, slots.size());
    }

    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reap() {
        int released = claims.releaseExpiredLeases();
        if (released > 0) {
            LOG.infof("released %d job(s) whose worker stopped answering", released);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
