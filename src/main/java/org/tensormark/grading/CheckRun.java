package org.tensormark.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.course.CheckSpec;
import org.tensormark.sandbox.GpuSlot;
import org.tensormark.sandbox.JobDirectory;
import org.tensormark.sandbox.Sandbox;
import org.tensormark.sandbox.SandboxLimits;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.Verdict;

/**
 * Runs every check of an assignment on one hand-in already in a job directory: each kind adds
 * its calls to the plan, the harness runs them in the sandbox once, and each kind scores its
 * check from the outputs. Shared by the worker and {@code check-assignment}.
 */
final class CheckRun {

    /** The checks' outcomes and the run they came from. */
    record Outcome(List<CheckOutcome> checks, JobResults results) {
    }

    private CheckRun() {
    }

    static Outcome execute(GradingContext context, List<GraderKind> kinds, JobDirectory job, String module,
            String problem, Sandbox sandbox, SandboxLimits limits, GpuSlot gpu, ObjectMapper json) throws IOException, PlatformFailure {
        JobPlan plan = new JobPlan(module);
        Map<CheckSpec, Object> prepared = new LinkedHashMap<>();
        for (CheckSpec check : context.assignment().checks()) {
            prepared.put(check, kind(kinds, check).prepare(check, plan, context));
        }
        JobResults results = JobResults.none(problem);
        if (!plan.isEmpty() && problem == null) {
            plan.writeTo(job.in(), json);
            SandboxRun run = sandbox.run(job, limits, gpu);
            if (run.verdict() instanceof Verdict.PlatformFailure f) {
                throw new PlatformFailure("sandbox: " + f.reason());
            }
            results = new JobResults(run, json);
        }
        List<CheckOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<CheckSpec, Object> e : prepared.entrySet()) {
            outcomes.add(kind(kinds, e.getKey()).score(e.getKey(), e.getValue(), results, context));
        }
        return new Outcome(outcomes, results);
    }

    private static GraderKind kind(List<GraderKind> kinds, CheckSpec check) {
        return kinds.stream().filter(k -> k.name().equals(check.kind())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no grader for check kind '" + check.kind() + "'"));
    }
}
