package org.tensormark.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.project.PredictEntries;
import org.tensormark.project.PredictEntryQueued;
import org.tensormark.sandbox.SandboxLimits;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.SandboxRunner;
import org.tensormark.sandbox.Verdict;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * The worker's part of a leaderboard {@code predict} entry: a job of purpose {@value #PURPOSE}
 * names the entry; the worker stages the group's {@code predict.py} (and weights) as the hand-in,
 * gives the run the held-out inputs as the one array {@code inputs} of {@code in/inputs.npz} and
 * nothing else (the labels never leave the server's memory), calls {@code predict(inputs)} through
 * the harness, and reports what came back to {@link PredictEntries}, which scores it. The group's
 * failures (an exception, the time limit, a wrong answer) are the entry's feedback; a platform
 * failure throws and is retried like any job's, and costs the group nothing.
 */
@ApplicationScoped
class PredictRuns {

    static final String PURPOSE = "predict";
    /** The call id, so also the output file {@code out/predict.npz}. */
    static final String CALL = "predict";
    private static final String ONE_ARRAY = "predict(inputs) must return one array of labels: a NumPy array,"
            + " a list of Python ints or a torch tensor";

    private static final Logger LOG = Logger.getLogger(PredictRuns.class);

    private final EntityManager em;
    private final PredictEntries entries;
    private final AssignmentCatalog catalog;
    private final JobClaims claims;
    private final WorkerConfig config;
    private final JobsRoot jobsRoot;
    private final ObjectMapper json;
    private final SandboxRunner sandbox;

    PredictRuns(EntityManager em, PredictEntries entries, AssignmentCatalog catalog, JobClaims claims,
            WorkerConfig config, JobsRoot jobsRoot, ObjectMapper json, SandboxRunner sandbox) {
        this.em = em;
        this.entries = entries;
        this.catalog = catalog;
        this.claims = claims;
        this.config = config;
        this.jobsRoot = jobsRoot;
        this.json = json;
        this.sandbox = sandbox;
    }

    /** Queues the run of a new predict entry in the transaction that took it, ahead of regrades like a hand-in. */
    void onQueued(@Observes PredictEntryQueued queued) {
        em.createNativeQuery("insert into grading_job (leaderboard_entry_id, purpose, priority, state, job_submitter_id,"
                + " job_assignment_id, job_assignment_version) values (?1, ?2, ?3, 'queued', ?4, ?5, ?6)")
                .setParameter(1, queued.entryId()).setParameter(2, PURPOSE).setParameter(3, GradingQueue.HANDIN_PRIORITY)
                .setParameter(4, queued.submitterId()).setParameter(5, queued.assignmentId())
                .setParameter(6, queued.assignmentVersion()).executeUpdate();
        em.createNativeQuery("select 1 from pg_notify(?1, '')").setParameter(1, JobAlerts.CHANNEL).getSingleResult();
    }

    /** Runs one claimed predict job to its entry's score or feedback. */
    void run(JobClaims.Claim claim, String workerId) throws PlatformFailure {
        long entryId = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select leaderboard_entry_id from grading_job where id = ?1").setParameter(1, claim.jobId())
                .getSingleResult()).longValue());
        Optional<PredictEntries.Job> job = QuarkusTransaction.requiringNew().call(() -> entries.job(entryId));
        if (job.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> claims.finish(claim.jobId(), workerId));
            return;
        }
        AssignmentView a = catalog.version(job.get().assignmentId(), job.get().assignmentVersion())
                .orElseThrow(() -> new PlatformFailure("assignment of leaderboard entry " + entryId + " is missing"));
        Answer answer = runInSandbox(job.get(), a);
        QuarkusTransaction.requiringNew().run(() -> {
            if (!claims.finish(claim.jobId(), workerId)) {
                LOG.infof("job %d: lease lost before recording; another worker's answer stands", claim.jobId());
            } else if (answer.labels() != null) {
                entries.predicted(entryId, answer.labels().shape(), answer.labels().values());
            } else {
                entries.failed(entryId, answer.problem());
            }
        });
    }

    /** What the run gave back: the array predict returned, or the group's problem as a sentence. */
    record Answer(Tensor labels, String problem) {
    }

    private Answer runInSandbox(PredictEntries.Job job, AssignmentView a) throws PlatformFailure {
        try (StagedHandin staged = StagedHandin.create(jobsRoot.path(), Path.of(config.harness()))) {
            Files.write(staged.submission().resolve(PredictEntries.CODE_NAME), job.code());
            if (job.weights() != null) {
                Files.write(staged.submission().resolve(job.weightsName()), job.weights());
            }
            SandboxRun run = CheckRun.runApart(plan(job), staged, sandbox, CheckRun.image(a, null),
                    limits(a, job.seconds()), null, json);
            return answer(new JobResults(run, json), run.verdict(), job.seconds());
        } catch (IOException e) {
            throw new PlatformFailure("predict job directory: " + e.getMessage(), e);
        }
    }

    /** The plan: one call of {@code predict} on the held-out inputs; its only array is {@code inputs}. */
    static JobPlan plan(PredictEntries.Job job) {
        JobPlan plan = new JobPlan(PredictEntries.CODE_NAME);
        double[][] rows = job.inputs();
        int columns = rows.length == 0 ? 0 : rows[0].length;
        double[] values = new double[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, values, i * columns, columns);
        }
        plan.input("inputs", Tensor.of(DType.FLOAT64, new long[] {rows.length, columns}, values));
        plan.call(CALL, "predict", List.of("inputs"), 0);
        return plan;
    }

    private SandboxLimits limits(AssignmentView a, int seconds) {
        SandboxLimits base = JobLimits.onThisHost(a.limits(), config.wallLimit());
        Duration wall = Duration.ofSeconds(seconds);
        return base.withWall(wall).withCpu(Duration.ofMillis((long) Math.ceil(wall.toMillis() * base.cpuCores()))
                .plusSeconds(1));
    }

    static Answer answer(JobResults results, Verdict verdict, int seconds) {
        JobResults.CallOutput out = results.output(CALL);
        if (!out.ok()) {
            if (verdict instanceof Verdict.WallTimeLimit || verdict instanceof Verdict.CpuTimeLimit) {
                return new Answer(null, "predict(inputs) did not finish within the time limit of " + seconds + " s.");
            }
            if (!(verdict instanceof Verdict.Ok) && out.error().startsWith("the call did not run")) {
                return new Answer(null, "predict(inputs) did not run: " + results.verdictText() + ".");
            }
            if (out.error().startsWith("the result could not be read")) {
                return new Answer(null, ONE_ARRAY + " (" + out.error() + ").");
            }
            return new Answer(null, "predict(inputs) failed: " + out.error());
        }
        Tensor labels = out.arrays().get("result");
        if (labels == null || out.arrays().size() != 1) {
            return new Answer(null, ONE_ARRAY + ", not " + out.arrays().size() + " separate values.");
        }
        return new Answer(labels, null);
    }
}
