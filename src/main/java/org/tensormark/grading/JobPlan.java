package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tensormark.tensor.Npy;
import org.tensormark.tensor.Npz;
import org.tensormark.tensor.Tensor;

/**
 * What the harness will do in the sandbox: the calls of {@code in/plan.json} and the arrays of
 * {@code in/inputs.npz} (the contract in graders/python/README.md). Grader kinds add to it.
 *
 * <p>Each call has a plan hash ({@link #callHashes}): its entry, the arrays it is given and the
 * harness version. A stored output is reused for a call exactly when that hash is unchanged, so a
 * new version of an assignment reruns only the calls it changed ({@link #only}).
 */
final class JobPlan {

    static final int HARNESS_VERSION = 1;

    private final String module;
    private final List<Map<String, Object>> calls;
    private final Map<String, Tensor> inputs;
    /** The id {@link #callHashes} gives a runner section (a whole notebook run is one unit of rerunning). */
    static final String SECTION = "section:";

    private final Map<String, Object> sections;
    private final Map<String, byte[]> files;
    /** Null while the plan is being built; once {@link #sealed}, what it writes, made once. */
    private final Serialised serialised;

    JobPlan(String module) {
        this(module, new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), null);
    }

    private JobPlan(String module, List<Map<String, Object>> calls, Map<String, Tensor> inputs,
            Map<String, Object> sections, Map<String, byte[]> files, Serialised serialised) {
        this.module = module;
        this.calls = calls;
        this.inputs = inputs;
        this.sections = sections;
        this.files = files;
        this.serialised = serialised;
    }

    /**
     * This plan, never to change again, for the hand-in's {@code module}: its calls, arrays and files
     * are shared with every other plan sealed from it, and so are the arrays' .npz and the calls'
     * hashes, made once when it is first sealed (plan.json is kept for the module named last). A
     * version's prepared checks are kept this way ({@link PreparedChecks}), so a job writes bytes
     * made before instead of serialising its assignment's inputs again (about 4 ms a plan for A1 on
     * 2 CPUs).
     */
    JobPlan sealed(String forModule, ObjectMapper json) throws IOException {
        if (serialised != null) {
            return new JobPlan(forModule, calls, inputs, sections, files, serialised);
        }
        ByteArrayOutputStream npz = new ByteArrayOutputStream();
        Npz.write(npz, inputs);
        return new JobPlan(forModule, List.copyOf(calls), Collections.unmodifiableMap(new LinkedHashMap<>(inputs)),
                Collections.unmodifiableMap(new LinkedHashMap<>(sections)),
                Collections.unmodifiableMap(new LinkedHashMap<>(files)),
                new Serialised(npz.toByteArray(), Collections.unmodifiableMap(hashCalls(json))));
    }

    /** What the plans sealed from one plan share: what they write. */
    private static final class Serialised {
        private final byte[] inputs;
        private final Map<String, String> callHashes;
        /** The last plan.json written, for one module (hand-ins of an assignment mostly name theirs alike). */
        private volatile PlanText planJson;

        Serialised(byte[] inputs, Map<String, String> callHashes) {
            this.inputs = inputs;
            this.callHashes = callHashes;
        }
    }

    private record PlanText(String module, String text) {
    }

    /** Adds a call of {@code target} with arrays as positional arguments; its result goes to out/{id}.npz. */
    void call(String id, String target, List<String> arrayArgs, long seed) {
        requireOpen();
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
        requireOpen();
        calls.add(new LinkedHashMap<>(call));
    }

    void input(String name, Tensor value) {
        requireOpen();
        inputs.put(name, value);
    }

    /** Adds a top-level section to plan.json for a runner of its own (the {@code notebooks} runner). */
    void section(String name, Object value) {
        requireOpen();
        sections.put(name, value);
    }

    /** Adds a file under {@code in/} ({@code name} relative, e.g. {@code data/train.csv}). */
    void file(String name, byte[] content) {
        requireOpen();
        files.put(name, content);
    }

    private void requireOpen() {
        if (serialised != null) {
            throw new IllegalStateException("a sealed plan does not change; seal it once it is complete");
        }
    }

    boolean isEmpty() {
        return calls.isEmpty() && sections.isEmpty();
    }

    /** Whether the plan runs without importing a module of the hand-in (a runner section does). */
    boolean needsNoModule() {
        return calls.isEmpty() && !sections.isEmpty();
    }

    /** The ids of the calls, in plan order. */
    List<String> callIds() {
        return calls.stream().map(c -> String.valueOf(c.get("id"))).toList();
    }

    /**
     * Per call id, the sha256 of what decides its output: the call's entry, the arrays it is given
     * (shape, dtype and values) and the harness version; the hand-in's module name is not part of
     * it (it is the same for every plan of one hand-in).
     */
    Map<String, String> callHashes(ObjectMapper json) {
        return serialised == null ? hashCalls(json) : serialised.callHashes;
    }

    private Map<String, String> hashCalls(ObjectMapper json) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map<String, Object> call : calls) {
            MessageDigest sha = sha256();
            sha.update(("harness " + HARNESS_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(text(call, json).getBytes(StandardCharsets.UTF_8));
            for (String array : arrays(call)) {
                sha.update(("\narray " + array + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update(npy(array, inputs.get(array)));
            }
            hashes.put(String.valueOf(call.get("id")), HexFormat.of().formatHex(sha.digest()));
        }
        for (Map.Entry<String, Object> section : sections.entrySet()) {
            MessageDigest sha = sha256();
            sha.update(("harness " + HARNESS_VERSION + "\nsection " + section.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(text(section.getValue(), json).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                sha.update(("\nfile " + f.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update(f.getValue());
            }
            hashes.put(SECTION + section.getKey(), HexFormat.of().formatHex(sha.digest()));
        }
        return hashes;
    }

    /**
     * The plan for the hand-in's {@code module}, restricted to the given calls and the calls whose
     * stored objects ({@code store_as}) they use, with only the arrays those calls are given.
     */
    JobPlan only(Set<String> callIds, String module) {
        Set<String> wanted = new LinkedHashSet<>(callIds);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map<String, Object> call : calls) {
                if (wanted.contains(String.valueOf(call.get("id")))) {
                    for (String ref : refs(call)) {
                        grew |= calls.stream().filter(c -> ref.equals(c.get("store_as")))
                                .anyMatch(c -> wanted.add(String.valueOf(c.get("id"))));
                    }
                }
            }
        }
        JobPlan subset = new JobPlan(module);
        for (Map<String, Object> call : calls) {
            if (wanted.contains(String.valueOf(call.get("id")))) {
                subset.call(call);
                arrays(call).forEach(a -> subset.input(a, inputs.get(a)));
            }
        }
        sections.forEach((name, value) -> {
            if (wanted.contains(SECTION + name)) {
                subset.section(name, value);
                subset.files.putAll(files);
            }
        });
        return subset;
    }

    /** The plan.json text the harness reads. */
    String planJson(ObjectMapper json) {
        if (serialised == null) {
            return writePlanJson(json);
        }
        PlanText last = serialised.planJson;
        if (last == null || !Objects.equals(last.module(), module)) {
            last = new PlanText(module, writePlanJson(json));
            serialised.planJson = last;
        }
        return last.text();
    }

    private String writePlanJson(ObjectMapper json) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("harness_version", HARNESS_VERSION);
        plan.put("module", module);
        plan.put("calls", calls);
        plan.putAll(sections);
        return text(plan, json);
    }

    void writeTo(Path in, ObjectMapper json) throws IOException {
        Files.writeString(in.resolve("plan.json"), planJson(json));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = in.resolve(f.getKey()).normalize();
            if (!target.startsWith(in)) {
                throw new IOException("plan file " + f.getKey() + " lies outside in/");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, f.getValue());
        }
        if (serialised == null) {
            Npz.write(in.resolve("inputs.npz"), inputs);
        } else {
            Files.write(in.resolve("inputs.npz"), serialised.inputs);
        }
    }

    private static List<String> arrays(Map<String, Object> call) {
        return argValues(call, "array");
    }

    private static List<String> refs(Map<String, Object> call) {
        return argValues(call, "ref");
    }

    private static List<String> argValues(Map<String, Object> call, String key) {
        List<String> out = new ArrayList<>();
        if (call.get("args") instanceof List<?> args) {
            for (Object arg : args) {
                if (arg instanceof Map<?, ?> m && m.get(key) != null) {
                    out.add(String.valueOf(m.get(key)));
                }
            }
        }
        return out;
    }

    private static String text(Object value, ObjectMapper json) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job plan is not serialisable", e);
        }
    }

    private static byte[] npy(String name, Tensor tensor) {
        if (tensor == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Npy.write(name, tensor, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
