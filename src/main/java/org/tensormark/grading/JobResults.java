package org.tensormark.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.Verdict;
import org.tensormark.tensor.Npz;
import org.tensormark.tensor.NpzLimits;
import org.tensormark.tensor.Tensor;
import org.tensormark.tensor.TensorFormatException;

/**
 * The outcome of a sandbox run as the scorer reads it: the verdict, the harness's per-call status
 * (an untrusted claim, used only to explain a missing output) and the output arrays, parsed with
 * the pickle-free reader, from a run just made or from a kept one ({@link #stored}). A call that
 * finished before a later timeout keeps its result. Text the
 * hand-in controls (exception messages, tracebacks) comes out capped by {@link HandinText}.
 */
final class JobResults {

    private static final NpzLimits LIMITS = new NpzLimits(64, 64L << 20, 32L << 20);

    private final SandboxRun run;
    private final Map<String, byte[]> outputs;
    private final JsonNode calls;
    private final JsonNode device;
    private final JsonNode notices;
    private final String verdictText;

    JobResults(SandboxRun run, ObjectMapper json) {
        this(run, run.outputs(), describe(run.verdict()), json);
    }

    private JobResults(SandboxRun run, Map<String, byte[]> outputs, String verdictText, ObjectMapper json) {
        this.run = run;
        this.outputs = outputs;
        JsonNode results = parseResults(outputs, json);
        this.calls = results == null ? null : results.path("calls");
        this.device = results == null ? null : results.path("device");
        this.notices = results == null ? null : results.path("notices");
        this.verdictText = verdictText;
    }

    /** No sandbox run, for the reason given (null: none was needed). */
    static JobResults none(String reason) {
        return new JobResults(null, Map.of(), reason == null ? "nothing was run" : reason, null);
    }

    /** A kept run read back: its files of out/ and its verdict as the sentence recorded with it. */
    static JobResults stored(Map<String, byte[]> outputs, String verdictText, ObjectMapper json) {
        return new JobResults(null, Map.copyOf(outputs), verdictText, json);
    }

    Optional<SandboxRun> run() {
        return Optional.ofNullable(run);
    }

    /** The arrays a call wrote, or why there are none (a sentence for the student). */
    CallOutput output(String callId) {
        JsonNode status = calls == null ? null : calls.get(callId);
        if (status != null && "error".equals(status.path("status").asText())) {
            String trace = status.path("traceback").asText("");
            return CallOutput.failed(status.path("message").asText("the call raised an exception")
                    + (trace.isEmpty() ? "" : "\n" + trace));
        }
        byte[] bytes = outputs.get(callId + ".npz");
        if (bytes == null) {
            return CallOutput.failed(status == null ? "the call did not run: " + verdictText() : "no result was written");
        }
        try {
            return CallOutput.of(Npz.read(callId + ".npz", new ByteArrayInputStream(bytes), LIMITS));
        } catch (TensorFormatException | IOException e) {
            return CallOutput.failed("the result could not be read: " + e.getMessage());
        }
    }

    String verdictText() {
        return verdictText;
    }

    /** The files of out/, as the run left them. */
    Map<String, byte[]> outputs() {
        return outputs;
    }

    private static String describe(Verdict v) {
        if (v instanceof Verdict.RuntimeError e) {
            return e.signal() > 0 ? "the program was killed by signal " + e.signal()
                    : "the program exited with code " + e.exitCode();
        }
        if (v instanceof Verdict.PlatformFailure p) {
            return "the platform failed: " + p.reason();
        }
        if (v instanceof Verdict.CpuTimeLimit) {
            return "the CPU time limit was reached";
        }
        if (v instanceof Verdict.WallTimeLimit) {
            return "the time limit was reached";
        }
        if (v instanceof Verdict.MemoryLimit) {
            return "the memory limit was reached";
        }
        if (v instanceof Verdict.OutputLimit) {
            return "the output limit was reached";
        }
        if (v instanceof Verdict.DiskFull d) {
            return d.sentence();
        }
        return "the program ended normally";
    }

    /**
     * The device the harness reported for the run: "cuda: " and the GPU's name when torch could use
     * one, else "cpu" (with the harness's reason when it was given a GPU); empty when it said nothing.
     */
    Optional<String> device() {
        if (device == null || !device.isObject()) {
            return Optional.empty();
        }
        String name = HandinText.capped(device.path("name").asText(""), 200);
        return Optional.of(device.path("cuda").asBoolean(false) ? "cuda: " + name : name.isEmpty() ? "cpu" : name);
    }

    /**
     * What the harness told the student about the hand-in itself (e.g. the Colab lines it skipped),
     * each capped; the hand-in's own source, never a check's inputs.
     */
    List<String> notices() {
        List<String> out = new ArrayList<>();
        if (notices != null && notices.isArray()) {
            notices.forEach(n -> out.add(HandinText.capped(n.asText(""), HandinText.MESSAGE_KEEP)));
        }
        return out;
    }

    private static JsonNode parseResults(Map<String, byte[]> outputs, ObjectMapper json) {
        byte[] bytes = outputs.get("results.json");
        if (bytes == null) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** One call's arrays, or the reason it has none. */
    record CallOutput(Map<String, Tensor> arrays, String error) {
        static CallOutput of(Map<String, Tensor> arrays) {
            return new CallOutput(arrays, null);
        }

        static CallOutput failed(String error) {
            return new CallOutput(Map.of(), HandinText.capped(error, HandinText.MESSAGE_KEEP));
        }

        boolean ok() {
            return error == null;
        }
    }
}
