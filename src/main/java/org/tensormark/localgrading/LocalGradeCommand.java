package org.tensormark.localgrading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tensormark.course.AssignmentPreview;
import org.tensormark.course.AssignmentView;
import org.tensormark.grading.AssignmentCheck;
import org.tensormark.grading.CheckOutcome;
import org.tensormark.grading.PlatformFailure;

/**
 * {@code tensormark grade <assignment-folder> <folder-of-handins> [--json]}: grades hand-ins on
 * the TA's machine, without uploading them, with the sandbox, harness, references and scoring of
 * {@code check-assignment} (and so of the server), and prints each hand-in's points per check.
 * Exit code 0 when every hand-in was graded, 1 when the platform failed on one.
 */
public final class LocalGradeCommand {

    private LocalGradeCommand() {
    }

    public static int run(String[] args) throws IOException {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        List<String> words = Stream.of(args).filter(a -> !a.equals("--json")).toList();
        if (words.size() != 2 || words.get(0).startsWith("-")) {
            throw new IllegalArgumentException("usage: tensormark grade <assignment-folder> <folder-of-handins> [--json]"
                    + "\n  e.g. tensormark grade assignments/a1 a1-handins");
        }
        Path folder = Path.of(words.get(0));
        if (!Files.isRegularFile(folder.resolve("assignment.yaml"))) {
            throw new IllegalArgumentException(folder + " has no assignment.yaml");
        }
        AssignmentView a = AssignmentPreview.of(folder);
        List<AssignmentCheck.VariantResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (LocalHandins.Handin h : LocalHandins.in(Path.of(words.get(1)))) {
            Path staged = Files.createTempDirectory("tensormark-grade");
            try {
                LocalHandins.stage(h, staged);
                results.add(AssignmentCheck.gradeHandin(a, folder, staged, h.name()));
            } catch (PlatformFailure e) {
                failures.add(h.name() + ": the platform failed (" + e.getMessage() + "); nothing was scored");
            } finally {
                deleteTree(staged);
            }
        }
        if (List.of(args).contains("--json")) {
            out.println(new ObjectMapper().writeValueAsString(json(a, results, failures)));
        } else {
            out.print(table(a, results));
            failures.forEach(err::println);
        }
        return failures.isEmpty() ? 0 : 1;
    }

    static String table(AssignmentView a, List<AssignmentCheck.VariantResult> results) {
        StringBuilder out = new StringBuilder("grade " + a.id() + ": " + results.size() + " hand-in(s)\n");
        for (AssignmentCheck.VariantResult v : results) {
            out.append(String.format("%-40s %6.2f / %-6.2f%n", v.name(), v.points(), v.maxPoints()));
            for (CheckOutcome c : v.checks()) {
                out.append(String.format("    %-22s %-8s %5.2f / %-5.2f %s%n", c.checkId(), c.status().dbName(),
                        c.points(), c.maxPoints(), c.summary()));
            }
        }
        return out.toString();
    }

    private static Map<String, Object> json(AssignmentView a, List<AssignmentCheck.VariantResult> results,
            List<String> failures) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("assignment", a.id());
        out.put("handIns", results.stream().map(v -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("handIn", v.name());
            h.put("points", v.points());
            h.put("maxPoints", v.maxPoints());
            h.put("checks", v.checks().stream().map(c -> {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("id", c.checkId());
                check.put("kind", c.kind());
                check.put("status", c.status().dbName());
                check.put("points", c.points());
                check.put("maxPoints", c.maxPoints());
                check.put("summary", c.summary());
                return check;
            }).toList());
            return h;
        }).toList());
        out.put("failures", failures);
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
