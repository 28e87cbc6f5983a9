package org.tensormark.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Deadlines;
import org.tensormark.course.LateDecision;
import org.tensormark.course.Teams;
import org.tensormark.course.CheckDevice;
import org.tensormark.sandbox.GpuSlot;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.SandboxRunner;
import org.tensormark.sandbox.Verdict;
import org.tensormark.submission.BlobStore;
import org.tensormark.submission.Submission;
import org.tensormark.submission.Submissions;

/**
 * Grades one claimed job: stages the hand-in, runs the harness in the sandbox (one run per
 * visibility group, each in a job directory of its own holding the hand-in, that group's inputs
 * and the harness, nothing else), scores every check outside it against the reference, applies
 * the late rule and records it all in one transaction, runs included: what each run produced is
 * kept ({@link RunStore}), so that a later version of the assignment can rescore it.
 */
@ApplicationScoped
class Grader implements JobRunner {

    private static final Logger LOG = Logger.getLogger(Grader.class);

    private final Submissions submissions;
    private final AssignmentCatalog catalog;
    private final Deadlines deadlines;
    private final Teams teams;
    private final Instance<GraderKind> kinds;
    private final HandinMaterialiser materialiser;
    private final GpuPool gpus;
    private final ResultRecorder recorder;
    private final WorkerConfig config;
    private final JobsRoot jobsRoot;
    private final ObjectMapper json;
    private final SandboxRunner sandbox;
    private final RunStore runStore;
    private final ReferenceStore references;
    private final PhaseTimes phaseTimes;
    private final ShadowReruns reruns;
    private final JobProgress progress;
    private final PredictRuns predictRuns;
    /** Each version's checks prepared by its first job, for the next ones. */
    private final PreparedChecks prepared = new PreparedChecks();

    Grader(Submissions submissions, AssignmentCatalog catalog, Deadlines deadlines, Teams teams,
            Instance<GraderKind> kinds, HandinMaterialiser materialiser, GpuPool gpus, ResultRecorder recorder, WorkerConfig config,
            JobsRoot jobsRoot, ObjectMapper json, RunStore runStore, DatabaseReferences references, PhaseTimes phaseTimes,
            ShadowReruns reruns, JobProgress progress, PredictRuns predictRuns, SandboxRunner sandbox) {
        this.submissions = submissions;
        this.catalog = catalog;
        this.deadlines = deadlines;
        this.teams = teams;
        this.kinds = kinds;
        this.materialiser = materialiser;
        this.gpus = gpus;
        this.recorder = recorder;
        this.config = config;
        this.jobsRoot = jobsRoot;
        this.json = json;
        this.sandbox = sandbox;
        this.runStore = runStore;
        this.references = references;
        this.phaseTimes = phaseTimes;
        this.reruns = reruns;
        this.progress = progress;
        this.predictRuns = predictRuns;
    }

    @Override
    public void run(JobClaims.Claim claim, String workerId) throws PlatformFailure {
        if (ShadowReruns.PURPOSE.equals(claim.purpose())) {
            reruns.run(claim, workerId);
            return;
        }
        if (PredictRuns.PURPOSE.equals(claim.purpose())) {
            predictRuns.run(claim, workerId);
            return;
        }
        grade(claim, workerId, sandbox, true);
    }

    /**
     * What {@link #run} does for a claimed hand-in, with {@code canned} in place of the sandbox and
     * never a GPU: the lookups, materialising, preparing the checks and writing their plans, scoring
     * whatever {@code canned} returns, lateness, the runs' files and rows, the result, the audit
     * entry. For {@link HandinRehearsal}, which rehearses a job this way in a transaction it rolls
     * back.
     */
    void rehearse(JobClaims.Claim claim, String workerId, SandboxRunner canned) throws PlatformFailure {
        grade(claim, workerId, canned, false);
    }

    private void grade(JobClaims.Claim claim, String workerId, SandboxRunner runner, boolean mayUseGpu)
            throws PlatformFailure {
        Instant started = Instant.now();
        JobTimings times = new JobTimings(claim.waited(), json);
        LookedUp looked = lookUp(claim.submissionId());
        Submissions.Handin handin = looked.handin()
                .orElseThrow(() -> new PlatformFailure("submission " + claim.submissionId() + " is missing"));
        AssignmentView a = looked.version()
                .orElseThrow(() -> new PlatformFailure("assignment version of " + claim.submissionId() + " is missing"));
        try (StagedHandin staged = StagedHandin.create(jobsRoot.path(), Path.of(config.harness()))) {
            HandinMaterialiser.Materialised m = materialiser.materialise(handin, staged.directory());
            times.materialised();
            GradingContext context = new GradingContext(a, m.report(), members(handin), references,
                    materialiser.files(handin));
            Optional<GpuSlot> gpu = mayUseGpu && CheckDevice.anyCuda(a.checks()) ? gpus.take() : Optional.empty();
            CheckRun.Outcome run = null;
            RunKeeping keeping = new RunKeeping(runStore);
            try {
                SandboxRunner watched = times.timing(progress.watching(runner, claim.jobId(), claim.attempt()));
                List<GraderKind> all = kinds.stream().toList();
                run = CheckRun.execute(prepared.of(context, all, m.module(), json), context, all, staged, m.problem(), watched,
                        JobLimits.onThisHost(a.limits(), config.wallLimit()), gpu.orElse(null), json, keeping::ran);
            } finally {
                SandboxRun witness = run == null ? null : run.gpuWitness().orElse(null);
                gpu.ifPresent(g -> gpus.giveBack(g, witness));
            }
            times.checked();
            String device = gpu.map(g -> "gpu nvidia" + g.index()).orElse("cpu");
            record(claim, workerId, handin, a, run, m, started, new Provenance.Ran(CheckRun.image(a, gpu.orElse(null)), device),
                    times, keeping);
        } catch (BlobStore.CorruptBlobException e) {
            throw new PlatformFailure("hand-in " + claim.submissionId() + " cannot be graded: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PlatformFailure("job directory: " + e.getMessage(), e);
        }
    }

    /** A hand-in and the assignment version it is graded against (the latest it was scored on, if later). */
    private record LookedUp(Optional<Submissions.Handin> handin, Optional<AssignmentView> version) {
    }

    /**
     * A job's lookups, in one transaction: the caller's (a rehearsal's), else one of their own, as
     * a real job makes them.
     */
    private LookedUp lookUp(UUID submissionId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<Submissions.Handin> handin = submissions.handin(submissionId);
            return new LookedUp(handin, handin.flatMap(h -> catalog.version(h.submission().assignmentId,
                    recorder.scoredVersion(h.submission()))));
        });
    }

    /**
     * A job's reads of a hand-in, each in a transaction of their own as a real job makes them (its
     * lookups, then its lateness; only the lookups when no hand-in has that id), {@code times} times
     * ({@link HandinRehearsal#rehearseAgain}).
     * A rehearsed job makes them inside the rehearsal's transaction, so their commits (Hibernate's
     * flush of what was read, the connection handed back) were first run by the first job after a
     * start, whose lookups then took 4-5 ms against 1.5 (README "Measuring").
     */
    void rehearseReads(UUID submissionId, int times) {
        for (int i = 0; i < times; i++) {
            LookedUp looked = lookUp(submissionId);
            looked.handin().ifPresent(h -> looked.version().ifPresent(a -> lateness(a, h.submission())));
        }
    }

    /** The late rule's decision on a hand-in, extensions and late tokens counted, in a transaction of its own. */
    private LateDecision lateness(AssignmentView a, Submission s) {
        return deadlines.lateness(a, s.submitterId, s.teamId, s.receivedAt);
    }

    private void record(JobClaims.Claim claim, String workerId, Submissions.Handin handin, AssignmentView a,
            CheckRun.Outcome run, HandinMaterialiser.Materialised m, Instant started, Provenance.Ran ran, JobTimings times,
            RunKeeping keeping) throws IOException, PlatformFailure {
        LateDecision late = lateness(a, handin.submission());
        double penalty = late.accepted() ? late.penaltyPercent() : 100;
        ScoreBreakdown score = ScoreBreakdown.of(run.checks(), penalty, late.sentence());
        List<CheckRun.GroupRun> runs = run.sandboxRuns();
        String outcome = runs.stream().allMatch(g -> g.run().verdict() instanceof Verdict.Ok) ? "scored" : "student_error";
        Map<String, Object> provenance = Provenance.of(handin, a, workerId, ran, runs, m, started, claim.attempt(), times);
        long recording = System.nanoTime();
        List<RunStore.KeptRun> kept = new ArrayList<>();
        for (CheckRun.GroupRun g : runs) {
            kept.add(new RunStore.KeptRun(RunRecord.of(g), keeping.files(g), null));
        }
        boolean recorded;
        try {
            recorded = recorder.record(claim.jobId(), workerId, handin.submission().id, a.version(), outcome, score,
                    provenance, kept, keeping::awaitOnDisk);
        } catch (ResultRecorder.FilesNotStored e) {
            throw new PlatformFailure(e.getMessage(), e);
        }
        if (!recorded) {
            LOG.infof("job %d: lease lost before recording; another worker's result stands", claim.jobId());
            return;
        }
        phaseTimes.recorded(claim.jobId(), Duration.ofNanos(System.nanoTime() - recording));
    }

    private List<Teams.Member> members(Submissions.Handin handin) {
        Long team = handin.submission().teamId;
        return team == null ? List.of() : teams.members(team);
    }
}
