package org.tensormark.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.CheckDevice;
import org.tensormark.course.CheckSpec;
import org.tensormark.course.Visibility;
import org.tensormark.sandbox.GpuSlot;
import org.tensormark.sandbox.JobDirectory;
import org.tensormark.sandbox.SandboxLimits;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.SandboxRunner;
import org.tensormark.sandbox.SystemRoot;
import org.tensormark.sandbox.Verdict;

/**
 * Runs every check of an assignment on one staged hand-in: each kind adds its calls to the plan
 * of its check's visibility, the harness runs each plan in a sandbox run of its own, and each kind
 * scores its check from its own run's outputs. Shared by the worker and {@code check-assignment}.
 *
 * <p>Checks whose details reach the student at different moments (visible: at once; after_due: at
 * the due time; hidden: when an instructor releases them) never share a run: a function of one
 * group could otherwise read another group's inputs from {@code in/} and put them into its own
 * exception message or output, which the student sees earlier.
 */
final class CheckRun {

    /** The checks' outcomes and, per visibility that had checks, the run they came from. */
    record Outcome(List<CheckOutcome> checks, Map<Visibility, JobResults> runs, Map<Visibility, JobPlan> plans) {

        /** The runs that reached the sandbox, in visibility order. */
        List<GroupRun> sandboxRuns() {
            List<GroupRun> out = new ArrayList<>();
            runs.forEach((group, results) -> results.run().ifPresent(r -> out.add(new GroupRun(group, results,
                    plans.get(group)))));
            return out;
        }

        /** The run whose after-job check decides whether the GPU goes back: the first that left it busy, else the last. */
        Optional<SandboxRun> gpuWitness() {
            SandboxRun last = null;
            for (GroupRun g : sandboxRuns()) {
                Optional<GpuSlot.GpuIdleCheck> check = g.run().gpuCheck();
                if (check.isPresent() && !check.get().idle()) {
                    return Optional.of(g.run());
                }
                last = check.isPresent() ? g.run() : last;
            }
            return Optional.ofNullable(last);
        }
    }

    /** One sandbox run, the visibility group whose calls it ran and the plan it was given. */
    record GroupRun(Visibility group, JobResults results, JobPlan plan) {

        SandboxRun run() {
            return results.run().orElseThrow();
        }
    }

    private CheckRun() {
    }

    /** Every check's prepared state and, per visibility, the plan its run gets. */
    record Prepared(Map<Visibility, JobPlan> plans, Map<CheckSpec, Object> checks) {
    }

    /**
     * Prepares the checks, runs each visibility group's plan in a sandbox run of its own and scores
     * them. Without a GPU the groups' runs start at once, side by side (a hand-in's hidden run no
     * longer waits for its visible one: the demo's two runs of about 0.3 s each end together); with
     * a GPU they run one after the other, because the device passes from one run to the next only
     * while it is idle.
     */
    static Outcome execute(GradingContext context, List<GraderKind> kinds, StagedHandin handin, String module,
            String problem, SandboxRunner sandbox, SandboxLimits limits, GpuSlot gpu, ObjectMapper json)
            throws IOException, PlatformFailure {
        return execute(prepare(context, kinds, module), context, kinds, handin, problem, sandbox, limits, gpu, json,
                RunDone.NOTHING);
    }

    /**
     * As above with checks prepared before ({@link PreparedChecks}), telling {@code done} of each
     * run as soon as its sandbox returns.
     */
    static Outcome execute(Prepared prepared, GradingContext context, List<GraderKind> kinds, StagedHandin handin,
            String problem, SandboxRunner sandbox, SandboxLimits limits, GpuSlot gpu, ObjectMapper json, RunDone done)
            throws IOException, PlatformFailure {
        Map<Visibility, JobResults> runs = new EnumMap<>(Visibility.class);
        String image = image(context.assignment(), gpu);
        List<Map.Entry<Visibility, JobPlan>> toRun = new ArrayList<>();
        for (Map.Entry<Visibility, JobPlan> group : prepared.plans().entrySet()) {
            runs.put(group.getKey(), JobResults.none(problem));
            if (!group.getValue().isEmpty() && (problem == null || group.getValue().needsNoModule())) {
                toRun.add(group);
            }
        }
        if (gpu == null) {
            for (Map.Entry<Visibility, SandboxRun> r : runSideBySide(toRun, handin, sandbox, image, limits, json, done)
                    .entrySet()) {
                runs.put(r.getKey(), new JobResults(r.getValue(), json));
            }
        } else {
            GpuSlot device = gpu;
            for (Map.Entry<Visibility, JobPlan> group : toRun) {
                GpuSlot lent = wantsCuda(context.assignment().checks(), group.getKey()) ? device : null;
                SandboxRun run = runApart(group.getValue(), handin, sandbox, image, limits, lent, json, done);
                device = run.gpuCheck().map(GpuSlot.GpuIdleCheck::idle).orElse(true) ? device : null;
                runs.put(group.getKey(), new JobResults(run, json));
            }
        }
        return new Outcome(score(prepared, runs, context, kinds), runs, prepared.plans());
    }

    /**
     * Runs every group's plan at the same time, the first on this thread and each other on a thread
     * of its own. An interrupt of this thread (a stopping worker) reaches the other runs too, and
     * none is left running when this returns or throws.
     */
    static Map<Visibility, SandboxRun> runSideBySide(List<Map.Entry<Visibility, JobPlan>> groups, StagedHandin handin,
            SandboxRunner sandbox, String image, SandboxLimits limits, ObjectMapper json, RunDone runDone)
            throws IOException, PlatformFailure {
        Map<Visibility, SandboxRun> done = new EnumMap<>(Visibility.class);
        if (groups.isEmpty()) {
            return done;
        }
        Map<Visibility, FutureTask<SandboxRun>> others = new EnumMap<>(Visibility.class);
        List<Thread> threads = new ArrayList<>();
        try {
            for (Map.Entry<Visibility, JobPlan> group : groups.subList(1, groups.size())) {
                FutureTask<SandboxRun> task = new FutureTask<>(() -> runApart(group.getValue(), handin, sandbox, image,
                        limits, null, json, runDone));
                Thread t = new Thread(task, Thread.currentThread().getName() + "-" + group.getKey().name().toLowerCase());
                t.setDaemon(true);
                others.put(group.getKey(), task);
                threads.add(t);
                t.start();
            }
            Map.Entry<Visibility, JobPlan> first = groups.get(0);
            done.put(first.getKey(), runApart(first.getValue(), handin, sandbox, image, limits, null, json, runDone));
            for (Map.Entry<Visibility, FutureTask<SandboxRun>> other : others.entrySet()) {
                done.put(other.getKey(), outcomeOf(other.getValue()));
            }
            return done;
        } finally {
            others.values().forEach(task -> task.cancel(true));
            joinUninterruptibly(threads);
        }
    }

    private static SandboxRun outcomeOf(FutureTask<SandboxRun> task) throws IOException, PlatformFailure {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformFailure("sandbox: interrupted while a run of the job was still going");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PlatformFailure f) {
                throw f;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Waits for every thread to end (their runs torn down); an interrupt on the way is kept for the caller. */
    private static void joinUninterruptibly(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The image the job's runs use: the assignment's, except that an assignment with cuda checks
     * run without a GPU falls back to the course image ({@link CheckDevice}).
     */
    static String image(AssignmentView assignment, GpuSlot gpu) {
        return gpu == null && CheckDevice.anyCuda(assignment.checks()) ? SystemRoot.DEFAULT_IMAGE : assignment.image();
    }

    /** Whether the run of this visibility group gets the job's GPU: one of its checks asks for cuda. */
    private static boolean wantsCuda(List<CheckSpec> checks, Visibility group) {
        return checks.stream().anyMatch(c -> c.visibility() == group && c.device() == CheckDevice.CUDA);
    }

    /** Each kind adds its checks' calls to the plan of their visibility (no sandbox yet). */
    static Prepared prepare(GradingContext context, List<GraderKind> kinds, String module) {
        Map<Visibility, JobPlan> plans = new EnumMap<>(Visibility.class);
        Map<CheckSpec, Object> prepared = new LinkedHashMap<>();
        for (CheckSpec check : context.assignment().checks()) {
            JobPlan plan = plans.computeIfAbsent(check.visibility(), v -> new JobPlan(module));
            prepared.put(check, kind(kinds, check).prepare(check, plan, context));
        }
        return new Prepared(plans, prepared);
    }

    /** Each kind scores its checks from the run of their visibility, a new one or a kept one. */
    static List<CheckOutcome> score(Prepared prepared, Map<Visibility, JobResults> runs, GradingContext context,
            List<GraderKind> kinds) {
        List<CheckOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<CheckSpec, Object> e : prepared.checks().entrySet()) {
            JobResults results = runs.getOrDefault(e.getKey().visibility(), JobResults.none(null));
            outcomes.add(kind(kinds, e.getKey()).score(e.getKey(), e.getValue(), results, context));
        }
        return outcomes;
    }

    /** Runs one plan in a job directory of its own, deleted with {@code handin} ({@link StagedHandin#close}). */
    static SandboxRun runApart(JobPlan plan, StagedHandin handin, SandboxRunner sandbox, String image,
            SandboxLimits limits, GpuSlot gpu, ObjectMapper json) throws IOException, PlatformFailure {
        return runApart(plan, handin, sandbox, image, limits, gpu, json, RunDone.NOTHING);
    }

    /** As above, telling {@code done} of the run (not of a platform failure) as soon as its sandbox returns. */
    private static SandboxRun runApart(JobPlan plan, StagedHandin handin, SandboxRunner sandbox, String image,
            SandboxLimits limits, GpuSlot gpu, ObjectMapper json, RunDone done) throws IOException, PlatformFailure {
        JobDirectory job = handin.newRun();
        plan.writeTo(job.in(), json);
        SandboxRun run = sandbox.run(job, image, limits, gpu);
        if (run.verdict() instanceof Verdict.PlatformFailure f) {
            throw new PlatformFailure("sandbox: " + f.reason());
        }
        done.ran(plan, run);
        return run;
    }

    /**
     * Told of each run of a job as soon as its sandbox returns, on the thread that ran it, while
     * the job's other runs may still go on and before any check is scored; it must return at once.
     */
    @FunctionalInterface
    interface RunDone {

        RunDone NOTHING = (plan, run) -> { };

        void ran(JobPlan plan, SandboxRun run);
    }

    /** The kind that grades {@code check}. */
    static GraderKind kind(List<GraderKind> kinds, CheckSpec check) {
        return kinds.stream().filter(k -> k.name().equals(check.kind())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no grader for check kind '" + check.kind() + "'"));
    }
}
