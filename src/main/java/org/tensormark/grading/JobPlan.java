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

    boolean isEmpty() {
        return calls.isEmpty();
    }

    void writeTo(Path in, ObjectMapper json) throws IOException {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("harness_version", HARNESS_VERSION);
        plan.put("module", module);
        plan.put("calls", calls);
        Files.writeString(in.resolve("plan.json"), json.writeValueAsString(plan));
        Npz.write(in.resolve("inputs.npz"), inputs);
    }
}
