package org.tensormark.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.tensormark.course.AssignmentPreview;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.CheckSpec;
import org.tensormark.image.ImageStore;
import org.tensormark.sandbox.Sandbox;
import org.tensormark.sandbox.SandboxLimits;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.SandboxSettings;

/**
 * {@code tensormark notebook-benchmark <assignment folder> [runs]}: the wall time of grading a
 * notebook assignment's solution on the platform (plan, sandbox with its harness, hidden tests,
 * scoring) against running the same notebooks directly in the same image ({@link DirectNotebookRun}),
 * and the time from the end of the last notebook (the harness's CLOCK_MONOTONIC, which the host
 * shares) to the score. Targets: at most 1.1 times the direct run; at most 1 s to the score. The
 * reference figures are computed before timing, as the platform computes them once per version.
 * Needs root (the sandbox) and the assignment's grading image. A command, not a test.
 */
public final class NotebookBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookBenchmark() {
    }

    /** One platform run: its wall time, the notebooks' own seconds, the time from the last notebook's end to the score. */
    record PlatformTiming(Duration wall, String perPart, Duration endToScore, double points, double maxPoints) {
    }

    public static int run(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: tensormark notebook-benchmark <assignment folder> [runs, default 1]");
        }
        Path folder = Path.of(args[0]).toAbsolutePath().normalize();
        int runs = args.length == 2 ? Integer.parseInt(args[1]) : 1;
        AssignmentView all = AssignmentPreview.of(folder);
        AssignmentView a = new AssignmentView(all.id(), all.version(), all.courseId(), all.title(), all.groupWork(),
                all.maxGroupSize(), all.releaseAt(), all.dueAt(), all.zone(), all.lateRule(), all.files(), all.handinsPerDay(),
                all.counts(), all.checks().stream().filter(c -> c.kind().equals("notebook")).toList(), all.handout(),
                all.limits(), all.image());
        CheckSpec check = a.checks().stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException(folder + " has no notebook check"));
        Path solution = folder.resolve("solution");
        List<GraderKind> kinds = List.of(new NotebookKind(folder.getParent()));
        GradingContext context = new GradingContext(a, Optional.empty(), List.of(), ReferenceStore.inMemory(), Map.of());
        CheckRun.prepare(context, kinds, null);
        SandboxLimits limits = JobLimits.onThisHost(a.limits(), Duration.ofHours(2));
        Path image = ImageStore.local().find(a.image()).orElseThrow(() -> new IllegalStateException(
                "the grading image " + a.image() + " is not installed")).root();
        List<Path> notebooks = solutionNotebooks(solution, strings(check.params().get("parts")));
        List<Path> data = strings(check.params().get("data")).stream().map(folder::resolve).toList();
        System.out.printf("notebook-benchmark %s: %d notebook(s), image %s, %d run(s)%n", a.id(), notebooks.size(), a.image(), runs);
        System.out.println("direct = nbclient's NotebookClient (what `jupyter nbconvert --execute` runs; the image has no"
                + " nbconvert) in the same image under bubblewrap, no harness, no hidden tests");
        List<Double> ratios = new ArrayList<>();
        List<Double> toScore = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            PlatformTiming p = platform(context, kinds, check, solution, a.image(), limits);
            DirectNotebookRun.Timing d = DirectNotebookRun.run(image, solution, notebooks, data, Duration.ofHours(2));
            double ratio = seconds(p.wall()) / seconds(d.wall());
            ratios.add(ratio);
            toScore.add(seconds(p.endToScore()));
            System.out.printf(Locale.ROOT, "run %d: platform %.1f s (%s; %.1f of %.1f points), direct %.1f s (%s), ratio %.3f,"
                            + " last notebook's end to score %.3f s%n", i, seconds(p.wall()), p.perPart(), p.points(),
                    p.maxPoints(), seconds(d.wall()), String.join(", ", d.perNotebook()), ratio, seconds(p.endToScore()));
        }
        double ratio = median(ratios);
        double score = median(toScore);
        System.out.printf(Locale.ROOT, "median ratio %.3f (target <= 1.1: %s); median end-to-score %.3f s (target <= 1 s: %s)%n",
                ratio, ratio <= 1.1 ? "met" : "NOT met", score, score <= 1.0 ? "met" : "NOT met");
        return 0;
    }

    private static PlatformTiming platform(GradingContext context, List<GraderKind> kinds, CheckSpec check, Path solution,
            String image, SandboxLimits limits) throws IOException, PlatformFailure {
        try (StagedHandin.TemporaryJobs jobs = StagedHandin.temporaryJobsFolder("tensormark-bench");
                StagedHandin staged = StagedHandin.create(jobs.path(), Path.of("graders/python"))) {
            try (Stream<Path> files = Files.list(solution)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, staged.submission().resolve(f.getFileName()));
                }
            }
            long start = System.nanoTime();
            CheckRun.Prepared prepared = CheckRun.prepare(context, kinds, null);
            SandboxRun run = CheckRun.runApart(prepared.plans().get(check.visibility()), staged,
                    new Sandbox(SandboxSettings.defaults()), image, limits, null, JSON);
            List<CheckOutcome> outcomes = CheckRun.score(prepared, Map.of(check.visibility(), new JobResults(run, JSON)),
                    context, kinds);
            long scored = System.nanoTime();
            JsonNode report = JSON.readTree(run.outputs().get("notebooks.json"));
            List<String> parts = new ArrayList<>();
            double lastEnd = 0;
            for (JsonNode part : report.path("parts")) {
                parts.add(part.path("part").asText() + " " + part.path("seconds").asText() + " s");
                lastEnd = Math.max(lastEnd, part.path("ended_monotonic").asDouble());
            }
            CheckOutcome outcome = outcomes.get(0);
            return new PlatformTiming(Duration.ofNanos(scored - start), String.join(", ", parts),
                    Duration.ofNanos(scored - (long) (lastEnd * 1e9)), outcome.points(), outcome.maxPoints());
        }
    }

    /** The solution's notebook for each part, in grading order (a name ending in the part, as the harness matches). */
    private static List<Path> solutionNotebooks(Path solution, List<String> parts) throws IOException {
        List<Path> found;
        try (Stream<Path> files = Files.list(solution)) {
            found = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        }
        if (parts.isEmpty()) {
            return found;
        }
        return parts.stream().map(part -> found.stream().filter(f -> normalised(f.getFileName().toString())
                .endsWith(normalised(part))).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "no notebook for " + part + " in " + solution))).toList();
    }

    private static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replace(".ipynb", "").replaceAll("[^a-z0-9]", "");
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
