package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LauncherProtocolTest {

    @Test
    void aRequestArrivesAsItWasSent() throws IOException {
        LaunchRequest sent = new LaunchRequest(Path.of("/srv/data/jobs/job-1"), Path.of("/srv/graders/python"),
                "course-cpu", SandboxLimits.defaults().withWall(Duration.ofMillis(1500)), 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LauncherProtocol.writeRequest(new DataOutputStream(bytes), sent);

        assertEquals(sent, LauncherProtocol.readRequest(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    }

    @Test
    void everyPartOfARunArrivesAsItWasSent() throws IOException {
        SandboxRun sent = new SandboxRun(new Verdict.RuntimeError(-1, 9), -1, 9, "out ✓", "err", Duration.ofMillis(1234),
                Duration.ofNanos(987_654_321), 42L << 20, Map.of("c1.npz", new byte[] {1, 2, 3}, "results.json",
                "{}".getBytes(StandardCharsets.UTF_8)), List.of("link (symbolic link)"),
                Optional.of(new GpuSlot.GpuIdleCheck(false, List.of(17L, 18L), 300, "GPU 0 not idle")));

        SandboxRun got = roundTrip(sent);

        assertEquals(sent.verdict(), got.verdict());
        assertEquals(List.of(sent.exitCode(), sent.signal(), sent.stdout(), sent.stderr(), sent.wallTime(), sent.cpuTime(),
                sent.peakMemoryBytes(), sent.rejectedOutputs(), sent.gpuCheck()), List.of(got.exitCode(), got.signal(),
                got.stdout(), got.stderr(), got.wallTime(), got.cpuTime(), got.peakMemoryBytes(), got.rejectedOutputs(),
                got.gpuCheck()));
        assertEquals(sent.outputs().keySet(), got.outputs().keySet());
        sent.outputs().forEach((name, content) -> assertArrayEquals(content, got.outputs().get(name)));
    }

    @Test
    void everyKindOfVerdictArrivesAsItWasSent() throws Exception {
        for (Class<?> kind : Verdict.class.getPermittedSubclasses()) {
            Verdict v = example(kind);
            SandboxRun run = new SandboxRun(v, 0, 0, "", "", Duration.ZERO, Duration.ZERO, 0, Map.of(), List.of(),
                    Optional.empty());
            assertEquals(v, roundTrip(run).verdict(), kind.getSimpleName());
        }
    }

    /** A verdict of the given kind with a distinct value in every field, so a field lost on the way shows. */
    private static Verdict example(Class<?> kind) throws Exception {
        RecordComponent[] fields = kind.getRecordComponents();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Class<?> type = fields[i].getType();
            values[i] = type == int.class ? (Object) (i + 1) : type == long.class ? (Object) (i + 10L) : "field " + i;
        }
        Class<?>[] types = Arrays.stream(fields).map(RecordComponent::getType).toArray(Class<?>[]::new);
        return (Verdict) kind.getDeclaredConstructor(types).newInstance(values);
    }

    @Test
    void aCutOrForeignAnswerIsAnErrorNotARun() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LauncherProtocol.writeRun(new DataOutputStream(bytes), SandboxRun.platformFailure("x"));
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 3);

        assertThrows(IOException.class, () -> LauncherProtocol.readRun(new DataInputStream(new ByteArrayInputStream(cut))));
        assertThrows(IOException.class, () -> LauncherProtocol.readRequest(
                new DataInputStream(new ByteArrayInputStream("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void progressLinesSentBeforeTheAnswerReachTheListenerAndTheAnswerStillReads() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        LauncherProtocol.writeProgress(out, "{\"part\":\"A\"}");
        LauncherProtocol.writeProgress(out, "{\"part\":\"B\"}");
        LauncherProtocol.writeRun(out, SandboxRun.platformFailure("x"));
        List<String> heard = new ArrayList<>();

        SandboxRun run = LauncherProtocol.readRun(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), heard::add);

        assertEquals(List.of("{\"part\":\"A\"}", "{\"part\":\"B\"}"), heard);
        assertEquals(SandboxRun.platformFailure("x").verdict(), run.verdict());
    }

    private static SandboxRun roundTrip(SandboxRun run) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LauncherProtocol.writeRun(new DataOutputStream(bytes), run);
        return LauncherProtocol.readRun(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
