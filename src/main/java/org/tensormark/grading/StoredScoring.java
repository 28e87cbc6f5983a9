package org.tensormark.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Deadlines;
import org.tensormark.course.LateDecision;
import org.tensormark.course.Teams;
import org.tensormark.course.Visibility;
import org.tensormark.submission.BlobStore;
import org.tensormark.submission.Submissions;

/**
 * Scores a hand-in's kept runs against an assignment version. A call whose plan hash is the one
 * its kept run ran under reuses that run's output; only the calls a version changed (and the
 * calls whose stored objects they use) run again, in a sandbox run of their own whose outputs are
 * kept merged with the reused ones. When no call changed, no sandbox runs at all.
 */
@ApplicationScoped
class StoredScoring {

    private final EntityManager em;
    private final RunStore runs;
    private final Instance<GraderKind> kinds;
    private final ReferenceStore references;
    private final Deadlines deadlines;
    private final Teams teams;
    private final BlobStore blobs;
    private final Submissions submissions;
    private final RunAgain again;
    private final ObjectMapper json;

    StoredScoring(EntityManager em, RunStore runs, Instance<GraderKind> kinds, DatabaseReferences references,
            Deadlines deadlines, Teams teams, BlobStore blobs, Submissions submissions, RunAgain again, ObjectMapper json) {
        this.em = em;
        this.runs = runs;
        this.kinds = kinds;
        this.references = references;
        this.deadlines = deadlines;
        this.teams = teams;
        this.blobs = blobs;
        this.submissions = submissions;
        this.again = again;
        this.json = json;
    }

    /** A version prepared once for every hand-in it rescores: its checks' plans and their call hashes. */
    record Version(AssignmentView assignment, CheckRun.Prepared prepared, Map<Visibility, Map<String, String>> hashes) {
    }

    /** One hand-in's score against a version, the runs it scored and the sandbox work it took. */
    record Rescored(UUID submissionId, String outcome, ScoreBreakdown score, List<Long> runIds, int callsRerun,
            int sandboxRuns) {
    }

    Version prepare(AssignmentView assignment) {
        GradingContext context = new GradingContext(assignment, Optional.empty(), List.of(), references);
        CheckRun.Prepared prepared = CheckRun.prepare(context, kinds.stream().toList(), null);
        Map<Visibility, Map<String, String>> hashes = new LinkedHashMap<>();
        prepared.plans().forEach((group, plan) -> hashes.put(group, plan.callHashes(json)));
        return new Version(assignment, prepared, hashes);
    }

    /** Scores the runs of result {@code resultId} of the hand-in against {@code version}. */
    Rescored rescore(UUID submissionId, long resultId, Version version) throws IOException, PlatformFailure {
        Submissions.Handin handin = submissions.handin(submissionId)
                .orElseThrow(() -> new PlatformFailure("submission " + submissionId + " is missing"));
        List<RunStore.StoredRun> kept = QuarkusTransaction.requiringNew().call(() -> runs.runs(runIds(resultId)));
        Map<Visibility, JobResults> results = new LinkedHashMap<>();
        List<Long> used = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        int callsRerun = 0;
        int sandboxRuns = 0;
        for (Map.Entry<Visibility, JobPlan> group : version.prepared().plans().entrySet()) {
            if (group.getValue().isEmpty()) {
                continue;
            }
            String name = group.getKey().name().toLowerCase();
            RunStore.StoredRun stored = kept.stream().filter(r -> r.group().equals(name)).findFirst().orElse(null);
            Map<String, String> hashes = version.hashes().get(group.getKey());
            Set<String> changed = hashes.entrySet().stream()
                    .filter(h -> stored == null || !h.getValue().equals(stored.callHashes().get(h.getKey())))
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(LinkedHashSet::new));
            if (changed.isEmpty()) {
                results.put(group.getKey(), JobResults.stored(runs.outputs(stored), stored.verdictText(), json));
                used.add(stored.id());
                verdicts.add(stored.verdict());
                continue;
            }
            RunAgain.Result rerun = again.run(handin, version.assignment(), group.getKey(), group.getValue(), hashes,
                    changed, stored);
            results.put(group.getKey(), rerun.results());
            rerun.runId().ifPresent(used::add);
            verdicts.add(rerun.verdict());
            callsRerun += changed.size();
            sandboxRuns += rerun.runId().isPresent() ? 1 : 0;
        }
        GradingContext context = new GradingContext(version.assignment(), report(handin), members(handin), references,
                files(handin));
        List<CheckOutcome> checks = CheckRun.score(version.prepared(), results, context, kinds.stream().toList());
        var s = handin.submission();
        LateDecision late = deadlines.lateness(s.assignmentId, version.assignment().version(), s.submitterId, s.teamId,
                s.receivedAt);
        ScoreBreakdown score = ScoreBreakdown.of(checks, late.accepted() ? late.penaltyPercent() : 100, late.sentence());
        String outcome = verdicts.stream().allMatch("ok"::equals) ? "scored" : "student_error";
        return new Rescored(submissionId, outcome, score, used, callsRerun, sandboxRuns);
    }

    private List<Long> runIds(long resultId) {
        return RegradePublisher.ids((String) em.createNativeQuery("select cast(run_ids as text) from grading_result"
                + " where id = ?1").setParameter(1, resultId).getSingleResult());
    }

    private Optional<Path> report(Submissions.Handin handin) {
        return handin.files().stream().filter(f -> f.role.equals("report")).findFirst().map(f -> blobs.pathOf(f.sha256));
    }

    private List<Teams.Member> members(Submissions.Handin handin) {
        Long team = handin.submission().teamId;
        return team == null ? List.of() : teams.members(team);
    }

    private Map<String, Path> files(Submissions.Handin handin) {
        return HandinMaterialiser.files(handin, blobs);
    }
}
