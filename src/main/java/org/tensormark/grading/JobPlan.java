package org.tensormark.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Npz;
import org.tensormark.tensor.Tensor;

/**
 * What the harness will do in the sandbox: the calls of {@code in/plan.json} and the arrays of
 * {@code in/inputs.npz} (the contract in graders/python/README.md). Grader kinds add to it.
 */
final class JobPlan {

    static final int HARNESS_VERSION = 1;

    private final String module;
    private final List<Map<String, Object>> calls = new ArrayList<>();
    private final Map<String, Tensor> inputs = new LinkedHashMap<>();
    private final Map<String, Object> sections = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    JobPlan(String module) {
        this.module = module;
    }

    /** Adds a call of {@code target} with arrays as positional arguments; its result goes to out/{id}.npz. */
    void call(String id, String target, List<String> arrayArgs, long seed) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", id);
        call.put("target", target);
        call.put("args", arrayArgs.stream().map(a -> Map.of("array", a)).toList());
        call.put("seed", seed);
        call.put("output", id);
        calls.add(call);
    }

    /** Adds a call in the harness's own terms (arguments as {"array"|"value"|"ref": …}). */
    void call(Map<String, Object> call) {
        calls.add(new LinkedHashMap<>(call));
    }

    void input(String name, Tensor value) {
        inputs.put(name, value);
    }

    /** Adds a top-level section to plan.json for a runner of its own (the {@code notebooks} runner). */
    void section(String name, Object value) {
        sections.put(name, value);
    }

    /** Adds a file under {@code in/} ({@code name} relative, e.g. {@code data/train.csv}). */
    void file(String name, byte[] content) {
        files.put(name, content);
    }

    boolean isEmpty() {
        return calls.isEmpty() && sections.isEmpty();
    }

    /** Whether the plan runs without importing a module of the hand-in (a runner section does). */
    boolean needsNoModule() {
        return calls.isEmpty() && !sections.isEmpty();
    }

    void writeTo(Path in, ObjectMapper json) throws IOException {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("harness_version", HARNESS_VERSION);
        plan.put("module", module);
        plan.put("calls", calls);
        plan.putAll(sections);
        Files.writeString(in.resolve("plan.json"), json.writeValueAsString(plan));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = in.resolve(f.getKey()).normalize();
            if (!target.startsWith(in)) {
                throw new IOException("plan file " + f.getKey() + " lies outside in/");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, f.getValue());
        }
        Npz.write(in.resolve("inputs.npz"), inputs);
    }
}
