package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.tensormark.submission.Submissions;

/**
 * Writes the entries of a shadow regrade: hand-ins whose kept runs still hold every call the new
 * version makes are scored here, in batches (one read and one write transaction per batch, the
 * batches on a few threads), without a sandbox; the others are left to the worker as rerun jobs
 * ({@link ShadowReruns}), all queued in one transaction once every batch is written.
 */
@ApplicationScoped
class ShadowEntries {

    /** Hand-ins read, scored and written together. */
    static final int BATCH = 50;

    private final EntityManager em;
    private final KeptHandins handins;
    private final StoredScoring scoring;
    private final Submissions submissions;
    private final RunAgain again;
    private final GradingQueue queue;
    private final ObjectMapper json;

    ShadowEntries(EntityManager em, KeptHandins handins, StoredScoring scoring, Submissions submissions, RunAgain again,
            GradingQueue queue, ObjectMapper json) {
        this.em = em;
        this.handins = handins;
        this.scoring = scoring;
        this.submissions = submissions;
        this.again = again;
        this.queue = queue;
        this.json = json;
    }

    /** Scores what needs no sandbox and queues a rerun job for the rest; returns how many jobs it queued. */
    int write(long regradeId, List<KeptHandins.Target> targets, StoredScoring.Version version) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads(targets.size()), r -> {
            Thread t = new Thread(r, "tensormark-rescore");
            t.setDaemon(true);
            return t;
        });
        List<KeptHandins.Kept> reruns = new ArrayList<>();
        try {
            List<Future<List<KeptHandins.Kept>>> batches = new ArrayList<>();
            for (int from = 0; from < targets.size(); from += BATCH) {
                List<KeptHandins.Target> slice = targets.subList(from, Math.min(targets.size(), from + BATCH));
                batches.add(pool.submit(() -> batch(regradeId, slice, version)));
            }
            for (Future<List<KeptHandins.Kept>> batch : batches) {
                reruns.addAll(batch.get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.shutdownNow();
        }
        QuarkusTransaction.requiringNew().run(() -> reruns.forEach(k -> queue.enqueueRerun(k.target().submissionId(),
                regradeId, k.target().resultId())));
        return reruns.size();
    }

    /** Writes one hand-in's entry (in the caller's transaction). */
    void insert(long regradeId, KeptHandins.Kept kept, StoredScoring.Rescored r) {
        em.createNativeQuery("""
                insert into shadow_regrade_entry (regrade_id, submission_id, old_result_id, old_points, new_points,
                    outcome, score, run_ids)
                values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), cast(?8 as bigint[]))""")
                .setParameter(1, regradeId).setParameter(2, r.submissionId()).setParameter(3, kept.target().resultId())
                .setParameter(4, kept.target().oldPoints())
                .setParameter(5, Rescorer.projectedFinal(r.score(), kept.peoplesGrades(), kept.override()))
                .setParameter(6, r.outcome()).setParameter(7, text(r.score()))
                .setParameter(8, r.runIds().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                .executeUpdate();
    }

    /** The hand-ins of one batch that need a sandbox; the others' entries are written. */
    private List<KeptHandins.Kept> batch(long regradeId, List<KeptHandins.Target> slice, StoredScoring.Version version)
            throws IOException, PlatformFailure {
        List<KeptHandins.Kept> reruns = new ArrayList<>();
        List<KeptHandins.Kept> scored = new ArrayList<>();
        List<StoredScoring.Rescored> entries = new ArrayList<>();
        for (KeptHandins.Kept kept : handins.load(slice, version.assignment())) {
            Optional<String> problem = Optional.empty();
            if (!scoring.changedCalls(kept, version).isEmpty()) {
                // A hand-in without kept runs may be one that cannot run at all: then nothing needs a sandbox.
                problem = kept.runs().isEmpty() ? problem(kept) : Optional.empty();
                if (problem.isEmpty()) {
                    reruns.add(kept);
                    continue;
                }
            }
            String why = problem.orElse(null);
            entries.add(scoring.rescore(kept, version, (group, plan, hashes, changed, stored) ->
                    new RunAgain.Result(JobResults.none(why), Optional.empty(), "runtime_error")));
            scored.add(kept);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < scored.size(); i++) {
                insert(regradeId, scored.get(i), entries.get(i));
            }
        });
        return reruns;
    }

    private Optional<String> problem(KeptHandins.Kept kept) throws IOException, PlatformFailure {
        Submissions.Handin handin = submissions.handin(kept.target().submissionId())
                .orElseThrow(() -> new PlatformFailure("submission " + kept.target().submissionId() + " is missing"));
        return again.problem(handin);
    }

    private static int threads(int handins) {
        int batches = (handins + BATCH - 1) / BATCH;
        return Math.max(1, Math.min(batches, Math.min(4, Runtime.getRuntime().availableProcessors() + 1)));
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a shadow regrade is not serialisable", e);
        }
    }
}
