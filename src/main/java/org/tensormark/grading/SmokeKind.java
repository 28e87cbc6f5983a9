package org.tensormark.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensormark.course.CheckSpec;
import org.tensormark.project.Finding;

/**
 * The {@code smoke} check kind: the hand-in's declared entry point runs in the sandbox on a small
 * input within a time limit (graders/python/tensormark_smoke.py) and must write the files the
 * handout names. Feedback says what ran, how it ended and what it produced. Parameters:
 * {@code entry} (a .py at the hand-in's top level), {@code args}, {@code produces} (file names
 * relative to the hand-in), {@code seconds} (default 60; the job's wall limit still applies).
 */
@ApplicationScoped
class SmokeKind implements GraderKind {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "smoke";
    }

    @Override
    public Object prepare(CheckSpec check, JobPlan plan, GradingContext context) {
        Map<String, Object> p = check.params();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("entry", String.valueOf(p.getOrDefault("entry", "main.py")));
        spec.put("args", strings(p.get("args")));
        spec.put("produces", strings(p.get("produces")));
        spec.put("seconds", p.get("seconds") instanceof Number n ? n.doubleValue() : 60.0);
        plan.section("smoke:" + check.id(), spec);
        return spec;
    }

    @Override
    public CheckOutcome score(CheckSpec check, Object prepared, JobResults results, GradingContext context) {
        byte[] report = results.outputs().get("smoke-" + check.id() + ".json");
        if (report == null) {
            return FindingsOutcome.of(check, name(), List.of(new Finding(false,
                    "The smoke run did not report back: " + results.verdictText())));
        }
        try {
            return FindingsOutcome.of(check, name(), findings(JSON.readTree(report), (Map<?, ?>) prepared));
        } catch (IOException e) {
            return FindingsOutcome.of(check, name(), List.of(new Finding(false, "The smoke run's report is unreadable.")));
        }
    }

    static List<Finding> findings(JsonNode r, Map<?, ?> spec) {
        List<Finding> findings = new ArrayList<>();
        String command = String.join(" ", strings(JSON.convertValue(r.path("command"), List.class)));
        String status = r.path("status").asText();
        if (status.equals("missing")) {
            findings.add(new Finding(false, "Could not run `" + command + "`: " + r.path("message").asText() + "."));
            return findings;
        }
        String took = String.format(Locale.ROOT, "%.1f s", r.path("seconds").asDouble());
        if (status.equals("timeout")) {
            findings.add(new Finding(false, "`" + command + "` was stopped at the time limit of " + spec.get("seconds")
                    + " s." + tail(r)));
        } else if (r.path("exit_code").asInt() != 0) {
            findings.add(new Finding(false, "`" + command + "` ended with exit code " + r.path("exit_code").asInt()
                    + " after " + took + "." + tail(r)));
        } else {
            findings.add(new Finding(true, "`" + command + "` ran in " + took + " and ended normally."));
        }
        for (String name : strings(spec.get("produces"))) {
            JsonNode f = r.path("produced").path(name);
            findings.add(f.isObject() && f.path("size").asLong() > 0
                    ? new Finding(true, "It wrote " + name + " (" + f.path("size").asLong() + " bytes, "
                            + f.path("kind").asText() + ").")
                    : new Finding(false, "It did not write " + name + ", which the handout asks for."));
        }
        return findings;
    }

    private static String tail(JsonNode r) {
        String out = r.path("output_tail").asText().strip();
        if (out.isEmpty()) {
            return "";
        }
        String[] lines = out.split("\n");
        return " Last line of its output: " + lines[lines.length - 1];
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
