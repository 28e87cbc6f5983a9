package org.tensormark.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tensormark.course.AssignmentPreview;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Teams;
import org.tensormark.sandbox.Sandbox;
import org.tensormark.sandbox.SandboxSettings;

/**
 * {@code tensormark check-assignment <dir>}: grades the assignment's {@code solution/} and every
 * {@code wrong/<variant>/} through the real sandbox and reference, and says whether each lost
 * exactly the checks its {@code EXPECT} file names (one check id per line). The solution must
 * pass every automatic check. Manual checks are skipped (a TA grades them); report checks too,
 * unless the variant holds a {@code report.pdf} (its group, for the members' names, in a {@code MEMBERS}
 * file: "name, student id" per line); video checks too, unless it holds a {@code video.mp4},
 * {@code video.mov} or {@code video.webm}.
 */
public final class AssignmentCheck {

    private static final List<GraderKind> KINDS = List.of(new TensorCheck(), new ModuleCheck(), new TrainCheck(), new ReportKind(), new VideoKind(), new SmokeKind(),
            new ManualKind());
    private static final List<String> VIDEOS = List.of("video.mp4", "video.mov", "video.webm");
    /** Reference figures of this run of the command, computed once each (no database here). */
    private static final ReferenceStore REFERENCES = ReferenceStore.inMemory();

    private static List<GraderKind> kinds(Path folder) {
        List<GraderKind> kinds = new ArrayList<>(KINDS);
        kinds.add(new NotebookKind(folder.toAbsolutePath().getParent()));
        return kinds;
    }
    /** The worker's default wall limit ({@code tensormark.worker.wall-limit}), for assignments that declare none. */
    private static final Duration DEFAULT_WALL = Duration.ofSeconds(120);

    private AssignmentCheck() {
    }

    /** One graded variant. */
    public record VariantResult(String name, List<CheckOutcome> checks, Set<String> expectedLost, Set<String> lost) {

        public boolean asExpected() {
            return expectedLost.equals(lost);
        }

        public double points() {
            return checks.stream().mapToDouble(CheckOutcome::points).sum();
        }

        public double maxPoints() {
            return checks.stream().mapToDouble(CheckOutcome::maxPoints).sum();
        }
    }

    /** All variants of one assignment. */
    public record Report(String assignment, List<VariantResult> variants) {

        public boolean allAsExpected() {
            return variants.stream().allMatch(VariantResult::asExpected);
        }

        /** A table: one row per variant, one column per check. */
        public String table() {
            StringBuilder out = new StringBuilder("check-assignment " + assignment + "\n");
            variants.forEach(v -> out.append(rows(v)));
            return out.toString();
        }
    }

    /** One variant's lines of the table: its total and whether as expected, then one line per check. */
    static String rows(VariantResult v) {
        StringBuilder out = new StringBuilder(String.format("%-28s %6.2f / %-6.2f %s%n", v.name(), v.points(), v.maxPoints(),
                v.asExpected() ? "as expected" : "UNEXPECTED: lost " + v.lost() + ", expected " + v.expectedLost()));
        for (CheckOutcome c : v.checks()) {
            out.append(String.format("    %-22s %-8s %5.2f / %-5.2f %s%n", c.checkId(), c.status().dbName(),
                    c.points(), c.maxPoints(), c.summary()));
        }
        return out.toString();
    }

    public static int command(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: tensormark check-assignment <assignment folder>");
        }
        // A notebook assignment takes minutes per variant: each variant's lines are printed once it is graded.
        System.out.println("check-assignment " + args[0]);
        Report report = run(Path.of(args[0]), v -> {
            System.out.print(rows(v));
            System.out.flush();
        });
        System.out.println(report.allAsExpected() ? "all as expected" : "NOT all as expected");
        return report.allAsExpected() ? 0 : 1;
    }

    public static Report run(Path folder) throws IOException, PlatformFailure {
        return run(folder, v -> { });
    }

    /** Grades every variant, telling {@code graded} about each as soon as it is done. */
    public static Report run(Path folder, Consumer<VariantResult> graded) throws IOException, PlatformFailure {
        if (!Files.isDirectory(folder.resolve("solution"))) {
            throw new IllegalArgumentException(folder + " has no solution/ folder to check");
        }
        AssignmentView a = AssignmentPreview.of(folder);
        List<VariantResult> results = new ArrayList<>();
        results.add(grade(a, folder, folder.resolve("solution"), "solution", Set.of()));
        graded.accept(results.get(0));
        Path wrong = folder.resolve("wrong");
        if (Files.isDirectory(wrong)) {
            try (Stream<Path> variants = Files.list(wrong)) {
                for (Path v : variants.filter(Files::isDirectory).sorted().toList()) {
                    results.add(grade(a, folder, v, "wrong/" + v.getFileName(), expected(v)));
                    graded.accept(results.get(results.size() - 1));
                }
            }
        }
        return new Report(a.id(), results);
    }

    /**
     * Grades one hand-in's files (a folder as {@code solution/} is) exactly as a variant is graded
     * here: same sandbox, harness, references and scoring; manual checks are left to a TA, report
     * checks run when the folder holds a {@code report.pdf}.
     */
    public static VariantResult gradeHandin(AssignmentView a, Path assignmentFolder, Path handin, String name)
            throws IOException, PlatformFailure {
        return grade(a, assignmentFolder, handin, name, Set.of());
    }

    private static Set<String> expected(Path variant) throws IOException {
        Path file = variant.resolve("EXPECT");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(variant + " has no EXPECT file naming the checks it must lose");
        }
        return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static VariantResult grade(AssignmentView a, Path folder, Path variant, String name, Set<String> expectedLost)
            throws IOException, PlatformFailure {
        try (StagedHandin.TemporaryJobs jobs = StagedHandin.temporaryJobsFolder("tensormark-check");
                StagedHandin staged = StagedHandin.create(jobs.path(), Path.of("graders/python"))) {
            copyInto(variant, staged.submission());
            String module = HandinMaterialiser.findModule(staged.submission());
            Optional<Path> report = Optional.of(variant.resolve("report.pdf")).filter(Files::isRegularFile);
            Optional<Path> video = VIDEOS.stream().map(variant::resolve).filter(Files::isRegularFile).findFirst();
            Set<String> skipped = new HashSet<>(Set.of("manual"));
            report.ifPresentOrElse(r -> { }, () -> skipped.add("report"));
            video.ifPresentOrElse(v -> { }, () -> skipped.add("video"));
            AssignmentView checked = withoutKinds(a, skipped);
            Map<String, Path> files = new HashMap<>();
            report.ifPresent(r -> files.put("report", r));
            video.ifPresent(v -> files.put("extra", v));
            GradingContext context = new GradingContext(checked, report, members(variant), REFERENCES, files);
            CheckRun.Outcome outcome = CheckRun.execute(context, kinds(folder), staged, module,
                    module == null ? "no module found in " + variant : null, new Sandbox(SandboxSettings.defaults()),
                    JobLimits.onThisHost(checked.limits(), DEFAULT_WALL), null, new ObjectMapper());
            Set<String> lost = outcome.checks().stream().filter(c -> c.status() != CheckOutcome.Status.PASSED)
                    .flatMap(AssignmentCheck::lostIds).collect(Collectors.toCollection(LinkedHashSet::new));
            return new VariantResult(name, outcome.checks(), expectedLost, lost);
        }
    }

    /** A check that lost parts of itself (a notebook check's test cells) names those parts, else itself. */
    private static Stream<String> lostIds(CheckOutcome c) {
        return c.details().get("lost") instanceof List<?> parts && !parts.isEmpty()
                ? parts.stream().map(String::valueOf) : Stream.of(c.checkId());
    }

    /** A variant's group, one "name, student id" per line of its MEMBERS file, for the report check. */
    private static List<Teams.Member> members(Path variant) throws IOException {
        Path file = variant.resolve("MEMBERS");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split(",", 2)).map(p -> new Teams.Member(p[0].strip(), p.length > 1 ? p[1].strip() : null))
                .toList();
    }

    private static AssignmentView withoutKinds(AssignmentView a, Set<String> kinds) {
        return new AssignmentView(a.id(), a.version(), a.courseId(), a.title(), a.groupWork(), a.maxGroupSize(),
                a.releaseAt(), a.dueAt(), a.zone(), a.lateRule(), a.files(), a.handinsPerDay(), a.counts(),
                a.checks().stream().filter(c -> !kinds.contains(c.kind())).toList(), a.handout(), a.limits(), a.image());
    }

    private static void copyInto(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.equals("EXPECT") || name.equals("report.pdf") || name.equals("MEMBERS") || VIDEOS.contains(name)) {
                    continue;
                }
                if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to.resolve(name));
                    copyInto(f, to.resolve(name));
                } else if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(f, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
