package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentPreview;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Visibility;
import org.tensormark.sandbox.JobDirectory;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.SandboxRunner;
import org.tensormark.submission.Submissions;

/**
 * The worker's self-check: a tiny assignment shipped in the application ({@code self-check/}),
 * graded once when a worker starts with its own solution and a one-page report, through the same
 * staging, sandbox (the launcher's too), grading image, harness, reference engine and scoring of
 * the kinds A1 uses (tensor, train, report) as a hand-in, and the result turned into the JSON a
 * result records; before it, the lookups a job starts with (a hand-in that does not exist, the
 * current versions of the released assignments due last); after it, rehearsals of a job's work
 * outside the sandbox, then of a whole job of the released assignment due last, everywhere but in
 * the sandbox, in a transaction rolled back ({@link HandinRehearsal}). Nothing of it stays in the
 * database. Its purpose is the first hand-in after a start: without it that hand-in pays for
 * every cold code path, the image's files not yet in the page cache and the first sandbox's set-up
 * (about 0.8 s more than the tenth on a 2-CPU host, README "Measuring").
 */
@ApplicationScoped
class SelfCheck {

    private static final List<String> FILES = List.of("assignment.yaml", "handout.md", "handin.py");
    /** How often {@link #rehearse} repeats a job's work outside the sandbox (fewer left scoring and plan writing cold). */
    static final int REHEARSALS = 100;
    /**
     * How often {@link HandinRehearsal} grades the self-check's hand-in as one of the released
     * assignment due last, everywhere but in the sandbox, in a transaction rolled back.
     */
    static final int HANDINS = 20;
    /** Hand-ins a slot rehearses after its own rehearsals, once the compiler is idle. */
    static final int SETTLING_HANDINS = 2;
    /** The longest a slot waits for an idle compiler (it took 100-400 ms on a 2-CPU host). */
    private static final Duration COMPILER_WAIT = Duration.ofSeconds(3);

    private final Submissions submissions;
    private final AssignmentCatalog catalog;
    private final Instance<GraderKind> kinds;
    private final WorkerConfig config;
    private final JobsRoot jobsRoot;
    private final ObjectMapper json;
    private final SandboxRunner sandbox;
    private final HandinRehearsal handins;

    SelfCheck(Submissions submissions, AssignmentCatalog catalog, Instance<GraderKind> kinds, WorkerConfig config,
            JobsRoot jobsRoot, ObjectMapper json, SandboxRunner sandbox, HandinRehearsal handins) {
        this.submissions = submissions;
        this.catalog = catalog;
        this.kinds = kinds;
        this.config = config;
        this.jobsRoot = jobsRoot;
        this.json = json;
        this.sandbox = sandbox;
        this.handins = handins;
    }

    /**
     * What the self-check scored, how long grading it took, how long the rehearsals after it took,
     * how many hand-ins of a released assignment it rehearsed (0 before any is released) and, when
     * they were a student's last scored hand-in, how its checks scored (empty for the self-check's
     * own solution).
     */
    record Result(double points, double maxPoints, long millis, long rehearsalMillis, int handins,
            Optional<HandinRehearsal.Replayed> replayed) {

        boolean fullMarks() {
            return maxPoints > 0 && points == maxPoints;
        }
    }

    /** Grades the self-check's solution; a platform failure here is the one the first hand-in would meet. */
    Result run() throws IOException, PlatformFailure {
        long started = System.nanoTime();
        lookups();
        Path parent = Files.createTempDirectory("tensormark-self-check");
        Path folder = Files.createDirectory(parent.resolve("self-check")); // an assignment's folder is named by its id
        try {
            for (String name : FILES) {
                try (InputStream in = SelfCheck.class.getResourceAsStream("/self-check/" + name)) {
                    if (in == null) {
                        throw new IOException("the application has no self-check/" + name);
                    }
                    Files.copy(in, folder.resolve(name));
                }
            }
            Path report = folder.resolve("report.pdf");
            ReportCheck.writeOnePage(report, "Introduction");
            AssignmentView a = AssignmentPreview.of(folder);
            GradingContext context = new GradingContext(a, Optional.of(report), List.of(), ReferenceStore.inMemory(),
                    Map.of("report", report));
            try (StagedHandin staged = StagedHandin.create(jobsRoot.path(), Path.of(config.harness()))) {
                Files.copy(folder.resolve("handin.py"), staged.submission().resolve("handin.py"));
                CheckRun.Outcome outcome = CheckRun.execute(context, kinds.stream().toList(), staged, "handin", null,
                        sandbox, JobLimits.onThisHost(a.limits(), config.wallLimit()), null, json);
                ScoreBreakdown score = ScoreBreakdown.of(outcome.checks(), 0, null);
                asRecorded(score, outcome);
                long graded = System.nanoTime();
                rehearse(context, outcome, staged);
                HandinRehearsal.Rehearsals rehearsed = handins.rehearse(visibleRun(outcome), folder.resolve("handin.py"),
                        report, HANDINS);
                return new Result(score.rawPoints(), score.maxPoints(), (graded - started) / 1_000_000,
                        (System.nanoTime() - graded) / 1_000_000, rehearsed.handins(), rehearsed.replayed());
            }
        } finally {
            for (String name : FILES) {
                Files.deleteIfExists(folder.resolve(name));
            }
            Files.deleteIfExists(folder.resolve("report.pdf"));
            Files.deleteIfExists(folder);
            Files.deleteIfExists(parent);
        }
    }

    /**
     * Does what a job does outside its sandbox again, {@link #REHEARSALS} times, from the runs just
     * made: the lookups, preparing the checks, writing the plans, reading the runs' results,
     * scoring and the JSON a result records. One pass leaves most of that code interpreted, and the
     * just-in-time compiler then compiles it during the first hand-ins, beside their sandboxes (on
     * 2 CPUs the first A1 hand-in's platform overhead was 172 ms against 92 ms for the tenth; 30
     * passes still left scoring at 15 ms against 5, 100 brought it to 8, README "Measuring").
     */
    private void rehearse(GradingContext context, CheckRun.Outcome outcome, StagedHandin staged) throws IOException {
        List<GraderKind> all = kinds.stream().toList();
        try (JobDirectory scratch = staged.newRun()) { // never given to a sandbox; closing it deletes it
            for (int i = 0; i < REHEARSALS; i++) {
                lookups();
                CheckRun.Prepared prepared = CheckRun.prepare(context, all, "handin");
                for (JobPlan plan : prepared.plans().values()) {
                    plan.writeTo(scratch.in(), json);
                }
                List<CheckOutcome> checks = CheckRun.score(prepared, readAgain(outcome.runs()), context, all);
                asRecorded(ScoreBreakdown.of(checks, 0, null), outcome);
            }
        }
    }

    /**
     * Rehearses {@code times} more hand-ins of the released assignment due last as {@link #run} did,
     * on the calling thread (a worker slot's), then, once the compiler is idle
     * ({@link CompilerIdle}), {@link #SETTLING_HANDINS} more, whose code it compiles before a first
     * hand-in needs it; returns how many it rehearsed: 0 before a run rehearsed any.
     */
    int rehearseHandinsHere(int times) throws PlatformFailure {
        int rehearsed = handins.rehearseAgain(times);
        if (rehearsed == 0) {
            return 0;
        }
        try {
            CompilerIdle.await(COMPILER_WAIT);
            rehearsed += handins.rehearseAgain(SETTLING_HANDINS);
            CompilerIdle.await(COMPILER_WAIT);
        } catch (InterruptedException e) { // the worker stops: its first job will not come
            Thread.currentThread().interrupt();
        }
        return rehearsed;
    }

    /** The run of the self-check's visible checks. */
    private static SandboxRun visibleRun(CheckRun.Outcome outcome) throws PlatformFailure {
        return outcome.sandboxRuns().stream().filter(g -> g.group() == Visibility.VISIBLE).findFirst()
                .map(CheckRun.GroupRun::run)
                .orElseThrow(() -> new PlatformFailure("the self-check ran no visible checks"));
    }

    /** The runs' results read again from what their sandboxes left, as a job reads them after its sandboxes. */
    private Map<Visibility, JobResults> readAgain(Map<Visibility, JobResults> runs) {
        Map<Visibility, JobResults> again = new EnumMap<>(Visibility.class);
        runs.forEach((group, results) -> again.put(group, results.run().map(r -> new JobResults(r, json)).orElse(results)));
        return again;
    }

    /** The lookups a job starts with, read-only: a hand-in no one has, the versions jobs will want. */
    private void lookups() {
        submissions.handin(UUID.randomUUID());
        catalog.releasedDueLast(WarmUp.RELEASED_VERSIONS);
    }

    /** The JSON a result would record (score and runs), built and thrown away. */
    private void asRecorded(ScoreBreakdown score, CheckRun.Outcome outcome) throws JsonProcessingException {
        json.writeValueAsBytes(score);
        for (CheckRun.GroupRun g : outcome.sandboxRuns()) {
            json.writeValueAsBytes(Map.of("run", RunRecord.of(g)));
        }
    }
}
