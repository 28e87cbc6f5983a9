package org.tensormark.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Visibility;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.SandboxRunner;
import org.tensormark.submission.Submissions;

/**
 * Runs again only the calls of one visibility group that a new assignment version changed, in a
 * sandbox run of their own (on the CPU, under the assignment's limits), and keeps a run that
 * merges their outputs with the reused outputs of the kept run: the run the new version's plan
 * would have produced.
 */
@ApplicationScoped
class RunAgain {

    private final HandinMaterialiser materialiser;
    private final RunStore runs;
    private final JobsRoot jobsRoot;
    private final WorkerConfig config;
    private final ObjectMapper json;
    private final SandboxRunner sandbox;
    private final AtomicLong sandboxRuns = new AtomicLong();

    RunAgain(HandinMaterialiser materialiser, RunStore runs, JobsRoot jobsRoot, WorkerConfig config, ObjectMapper json, SandboxRunner sandbox) {
        this.materialiser = materialiser;
        this.runs = runs;
        this.jobsRoot = jobsRoot;
        this.config = config;
        this.json = json;
        this.sandbox = sandbox;
    }

    /** The merged results, the kept run's id (none when the hand-in has no module to run) and its verdict name. */
    record Result(JobResults results, Optional<Long> runId, String verdict) {
    }

    Result run(Submissions.Handin handin, AssignmentView assignment, Visibility group, JobPlan plan,
            Map<String, String> hashes, Set<String> changed, RunStore.StoredRun stored) throws IOException, PlatformFailure {
        try (StagedHandin staged = StagedHandin.create(jobsRoot.path(), Path.of(config.harness()))) {
            HandinMaterialiser.Materialised m = materialiser.materialise(handin, staged.directory());
            if (m.problem() != null) {
                return new Result(JobResults.none(m.problem()), Optional.empty(), "runtime_error");
            }
            JobPlan partial = plan.only(changed, m.module());
            sandboxRuns.incrementAndGet();
            SandboxRun run = CheckRun.runApart(partial, staged, sandbox, assignment.image(),
                    JobLimits.onThisHost(assignment.limits(), config.wallLimit()), null, json);
            Map<String, byte[]> merged = merge(stored == null ? Map.of() : runs.outputs(stored), run.outputs(),
                    partial.callIds());
            JobResults fresh = new JobResults(run, json);
            RunRecord record = RunRecord.of(new CheckRun.GroupRun(group, fresh, partial));
            RunStore.RunFiles files = runs.put(plan.only(hashes.keySet(), m.module()).planJson(json), hashes, merged,
                    run.stdout(), run.stderr());
            long id = QuarkusTransaction.requiringNew().call(() -> runs.insert(null,
                    new RunStore.KeptRun(record, files, stored == null ? null : stored.id())));
            return new Result(JobResults.stored(merged, fresh.verdictText(), json), Optional.of(id), record.verdict());
        }
    }

    /**
     * Why the hand-in cannot be run at all (its module is missing or unreadable), found by staging it
     * without a sandbox; empty when it can be run.
     */
    Optional<String> problem(Submissions.Handin handin) throws IOException {
        try (StagedHandin staged = StagedHandin.create(jobsRoot.path(), Path.of(config.harness()))) {
            return Optional.ofNullable(materialiser.materialise(handin, staged.directory()).problem());
        }
    }

    /** How many sandbox runs this process started to run changed calls again. */
    long sandboxRuns() {
        return sandboxRuns.get();
    }

    /** The kept files of the calls not run again, the new files of those that were, one results.json for all. */
    private Map<String, byte[]> merge(Map<String, byte[]> kept, Map<String, byte[]> fresh, List<String> rerun)
            throws IOException {
        Map<String, byte[]> merged = new LinkedHashMap<>();
        kept.forEach((name, bytes) -> {
            if (!name.equals("results.json") && !rerun.contains(name.replaceFirst("\\.npz$", ""))) {
                merged.put(name, bytes);
            }
        });
        fresh.forEach((name, bytes) -> {
            if (!name.equals("results.json")) {
                merged.put(name, bytes);
            }
        });
        ObjectNode calls = json.createObjectNode();
        JsonNode keptCalls = calls(kept.get("results.json"));
        keptCalls.fields().forEachRemaining(c -> {
            if (!rerun.contains(c.getKey())) {
                calls.set(c.getKey(), c.getValue());
            }
        });
        calls(fresh.get("results.json")).fields().forEachRemaining(c -> calls.set(c.getKey(), c.getValue()));
        ObjectNode results = json.createObjectNode();
        results.put("harness_version", JobPlan.HARNESS_VERSION);
        results.set("calls", calls);
        merged.put("results.json", json.writeValueAsBytes(results));
        return merged;
    }

    private JsonNode calls(byte[] resultsJson) throws IOException {
        return resultsJson == null ? json.createObjectNode() : json.readTree(resultsJson).path("calls");
    }
}
