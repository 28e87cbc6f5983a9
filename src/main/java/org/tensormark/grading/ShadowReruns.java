package org.tensormark.grading;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.submission.BlobStore;
import org.tensormark.submission.Submissions;

/**
 * The worker's part of a shadow regrade whose new version changed a plan: a job of purpose
 * {@value #PURPOSE} names the regrade and the result it rescores; the worker runs again only the
 * calls whose plan changed ({@link RunAgain}), scores the hand-in against the new version, writes
 * its entry and, with the last such job, makes the regrade ready.
 */
@ApplicationScoped
class ShadowReruns {

    static final String PURPOSE = "rerun";

    private static final Logger LOG = Logger.getLogger(ShadowReruns.class);

    private final EntityManager em;
    private final AssignmentCatalog catalog;
    private final Submissions submissions;
    private final KeptHandins handins;
    private final StoredScoring scoring;
    private final ShadowEntries entries;
    private final RunAgain again;
    private final JobClaims claims;

    ShadowReruns(EntityManager em, AssignmentCatalog catalog, Submissions submissions, KeptHandins handins,
            StoredScoring scoring, ShadowEntries entries, RunAgain again, JobClaims claims) {
        this.em = em;
        this.catalog = catalog;
        this.submissions = submissions;
        this.handins = handins;
        this.scoring = scoring;
        this.entries = entries;
        this.again = again;
        this.claims = claims;
    }

    /** Runs one claimed rerun job to its entry. */
    void run(JobClaims.Claim claim, String workerId) throws PlatformFailure {
        Object[] job = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                select j.shadow_regrade_id, j.rescore_of, r.final_points, g.assignment_id, g.to_version, g.state
                from grading_job j join grading_result r on r.id = j.rescore_of
                    join shadow_regrade g on g.id = j.shadow_regrade_id
                where j.id = ?1""").setParameter(1, claim.jobId()).getSingleResult());
        long regradeId = ((Number) job[0]).longValue();
        if (!"computing".equals(job[5])) {
            QuarkusTransaction.requiringNew().run(() -> claims.finish(claim.jobId(), workerId));
            return;
        }
        AssignmentView version = catalog.version((String) job[3], ((Number) job[4]).intValue())
                .orElseThrow(() -> new PlatformFailure("assignment " + job[3] + " v" + job[4] + " is missing"));
        KeptHandins.Target target = new KeptHandins.Target(claim.submissionId(), ((Number) job[1]).longValue(),
                ((Number) job[2]).doubleValue());
        Submissions.Handin handin = submissions.handin(claim.submissionId())
                .orElseThrow(() -> new PlatformFailure("submission " + claim.submissionId() + " is missing"));
        try {
            StoredScoring.Version prepared = scoring.prepare(version);
            KeptHandins.Kept kept = handins.load(List.of(target), version).get(0);
            StoredScoring.Rescored r = scoring.rescore(kept, prepared, (group, plan, hashes, changed, stored) ->
                    again.run(handin, version, group, plan, hashes, changed, stored));
            QuarkusTransaction.requiringNew().run(() -> record(claim, workerId, regradeId, kept, r));
        } catch (BlobStore.CorruptBlobException e) {
            throw new PlatformFailure("hand-in " + claim.submissionId() + " cannot be rerun: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PlatformFailure("rerun of " + claim.submissionId() + ": " + e.getMessage(), e);
        }
    }

    private void record(JobClaims.Claim claim, String workerId, long regradeId, KeptHandins.Kept kept,
            StoredScoring.Rescored r) {
        // The regrade's row is locked first, so the last two jobs to finish never both miss each other.
        Object state = em.createNativeQuery("select state from shadow_regrade where id = ?1 for update")
                .setParameter(1, regradeId).getSingleResult();
        if (!claims.finish(claim.jobId(), workerId)) {
            LOG.infof("job %d: lease lost before recording; another worker's entry stands", claim.jobId());
            return;
        }
        if (!"computing".equals(state)) {
            return;
        }
        entries.insert(regradeId, kept, r);
        em.createNativeQuery("update shadow_regrade set calls_rerun = calls_rerun + ?2, sandbox_runs = sandbox_runs + ?3"
                        + " where id = ?1").setParameter(1, regradeId).setParameter(2, r.callsRerun())
                .setParameter(3, r.sandboxRuns()).executeUpdate();
        readyIfDone(regradeId);
    }

    /** Makes a computing regrade ready once none of its rerun jobs is left to run (the row must be locked). */
    void readyIfDone(long regradeId) {
        em.createNativeQuery("""
                update shadow_regrade set state = 'ready' where id = ?1 and state = 'computing'
                  and not exists (select 1 from grading_job where shadow_regrade_id = ?1 and purpose = ?2
                                  and state in ('queued', 'running'))""")
                .setParameter(1, regradeId).setParameter(2, PURPOSE).executeUpdate();
    }
}
