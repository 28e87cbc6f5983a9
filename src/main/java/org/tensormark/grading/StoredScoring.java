package org.tensormark.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.LateDecision;
import org.tensormark.course.Visibility;
import org.tensormark.submission.BlobStore;

/**
 * Scores a hand-in's kept runs against an assignment version. A call whose plan hash is the one
 * its kept run ran under reuses that run's output; only the calls a version changed (and the
 * calls whose stored objects they use) run again, in a sandbox run of their own whose outputs are
 * kept merged with the reused ones ({@link Rerun}, in the worker). When no call changed, no
 * sandbox runs at all and nothing but the kept runs' blobs is read.
 */
@ApplicationScoped
class StoredScoring {

    private final RunStore runs;
    private final Instance<GraderKind> kinds;
    private final ReferenceStore references;
    private final BlobStore blobs;
    private final ObjectMapper json;

    StoredScoring(RunStore runs, Instance<GraderKind> kinds, DatabaseReferences references, BlobStore blobs,
            ObjectMapper json) {
        this.runs = runs;
        this.kinds = kinds;
        this.references = references;
        this.blobs = blobs;
        this.json = json;
    }

    /** A version prepared once for every hand-in it rescores: its checks' plans and their call hashes. */
    record Version(AssignmentView assignment, CheckRun.Prepared prepared, Map<Visibility, Map<String, String>> hashes) {
    }

    /** One hand-in's score against a version, the runs it scored and the sandbox work it took. */
    record Rescored(UUID submissionId, String outcome, ScoreBreakdown score, List<Long> runIds, int callsRerun,
            int sandboxRuns) {
    }

    /** Runs again the {@code changed} calls of one visibility group of a hand-in, merged with its kept run. */
    @FunctionalInterface
    interface Rerun {
        RunAgain.Result run(Visibility group, JobPlan plan, Map<String, String> hashes, Set<String> changed,
                RunStore.StoredRun stored) throws IOException, PlatformFailure;
    }

    Version prepare(AssignmentView assignment) {
        GradingContext context = new GradingContext(assignment, Optional.empty(), List.of(), references);
        CheckRun.Prepared prepared = CheckRun.prepare(context, kinds.stream().toList(), null);
        Map<Visibility, Map<String, String>> hashes = new LinkedHashMap<>();
        prepared.plans().forEach((group, plan) -> hashes.put(group, plan.callHashes(json)));
        return new Version(assignment, prepared, hashes);
    }

    /** Per visibility group, the calls whose plan is not the one the kept run ran; empty when scoring alone changed. */
    Map<Visibility, Set<String>> changedCalls(KeptHandins.Kept kept, Version version) {
        Map<Visibility, Set<String>> changed = new EnumMap<>(Visibility.class);
        version.prepared().plans().forEach((group, plan) -> {
            if (plan.isEmpty()) {
                return;
            }
            RunStore.StoredRun stored = stored(kept, group);
            Set<String> calls = version.hashes().get(group).entrySet().stream()
                    .filter(h -> stored == null || !h.getValue().equals(stored.callHashes().get(h.getKey())))
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(LinkedHashSet::new));
            if (!calls.isEmpty()) {
                changed.put(group, calls);
            }
        });
        return changed;
    }

    /** Scores the kept runs of a hand-in against {@code version}; {@code rerun} runs the calls it changed. */
    Rescored rescore(KeptHandins.Kept kept, Version version, Rerun rerun) throws IOException, PlatformFailure {
        Map<Visibility, Set<String>> changed = changedCalls(kept, version);
        Map<Visibility, JobResults> results = new LinkedHashMap<>();
        List<Long> used = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        int callsRerun = 0;
        int sandboxRuns = 0;
        for (Map.Entry<Visibility, JobPlan> group : version.prepared().plans().entrySet()) {
            if (group.getValue().isEmpty()) {
                continue;
            }
            RunStore.StoredRun stored = stored(kept, group.getKey());
            Set<String> calls = changed.get(group.getKey());
            if (calls == null) {
                results.put(group.getKey(), JobResults.stored(runs.outputs(stored), stored.verdictText(), json));
                used.add(stored.id());
                verdicts.add(stored.verdict());
                continue;
            }
            RunAgain.Result again = rerun.run(group.getKey(), group.getValue(), version.hashes().get(group.getKey()),
                    calls, stored);
            results.put(group.getKey(), again.results());
            again.runId().ifPresent(used::add);
            verdicts.add(again.verdict());
            callsRerun += again.runId().isPresent() ? calls.size() : 0;
            sandboxRuns += again.runId().isPresent() ? 1 : 0;
        }
        Map<String, Path> files = new HashMap<>();
        kept.files().forEach((role, sha256) -> files.put(role, blobs.pathOf(sha256)));
        GradingContext context = new GradingContext(version.assignment(), Optional.ofNullable(files.get("report")),
                kept.members(), references, Map.copyOf(files));
        List<CheckOutcome> checks = CheckRun.score(version.prepared(), results, context, kinds.stream().toList());
        LateDecision late = kept.late();
        ScoreBreakdown score = ScoreBreakdown.of(checks, late.accepted() ? late.penaltyPercent() : 100, late.sentence());
        String outcome = verdicts.stream().allMatch("ok"::equals) ? "scored" : "student_error";
        return new Rescored(kept.target().submissionId(), outcome, score, used, callsRerun, sandboxRuns);
    }

    private static RunStore.StoredRun stored(KeptHandins.Kept kept, Visibility group) {
        String name = group.name().toLowerCase();
        return kept.runs().stream().filter(r -> r.group().equals(name)).findFirst().orElse(null);
    }
}
