package org.tensormark.sandbox;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The bytes between the launcher and its client, one request and one answer per connection:
 * a {@link LaunchRequest} in, a {@link SandboxRun} out. Plain data streams, no object
 * serialisation; every length is checked before anything is allocated.
 */
final class LauncherProtocol {

    private static final int MAGIC = 0x544d534c; // "TMSL"
    private static final int VERSION = 3;
    /** Starts a progress frame: one progress line of the running job, sent before its answer. */
    private static final int PROGRESS = 0x544d5050; // "TMPP"
    /** Larger than any answer's part: out/ and each stream are capped far below this. */
    private static final int MAX_PART = 1 << 30;
    private static final int MAX_ENTRIES = 100_000;

    private LauncherProtocol() {
    }

    static void writeRequest(DataOutputStream out, LaunchRequest request) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(request.job().toString());
        out.writeUTF(request.harness().toString());
        out.writeUTF(request.image());
        SandboxLimits l = request.limits();
        out.writeLong(l.wall().toNanos());
        out.writeLong(l.cpu().toNanos());
        out.writeDouble(l.cpuCores());
        out.writeLong(l.memoryBytes());
        out.writeInt(l.pids());
        out.writeLong(l.streamBytes());
        out.writeLong(l.outBytes());
        out.writeLong(l.tmpfsBytes());
        out.writeLong(l.tmpfsInodes());
        out.writeInt(l.openFiles());
        out.writeLong(l.fileBytes());
        out.writeInt(request.gpu());
        out.flush();
    }

    /** Reads a request; a malformed one (wrong magic or version, a bad path, invalid limits) is an IOException. */
    static LaunchRequest readRequest(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a TensorMark launcher request of version " + VERSION);
        }
        try {
            Path job = Path.of(in.readUTF());
            Path harness = Path.of(in.readUTF());
            String image = in.readUTF();
            SandboxLimits limits = new SandboxLimits(Duration.ofNanos(in.readLong()), Duration.ofNanos(in.readLong()),
                    in.readDouble(), in.readLong(), in.readInt(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readInt(), in.readLong());
            return new LaunchRequest(job, harness, image, limits, in.readInt());
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid request: " + e.getMessage(), e);
        }
    }

    static void writeRun(DataOutputStream out, SandboxRun run) throws IOException {
        out.writeInt(MAGIC);
        writeVerdict(out, run.verdict());
        out.writeInt(run.exitCode());
        out.writeInt(run.signal());
        writeText(out, run.stdout());
        writeText(out, run.stderr());
        out.writeLong(run.wallTime().toNanos());
        out.writeLong(run.cpuTime().toNanos());
        out.writeLong(run.peakMemoryBytes());
        out.writeInt(run.outputs().size());
        for (Map.Entry<String, byte[]> file : run.outputs().entrySet()) {
            writeText(out, file.getKey());
            writeBytes(out, file.getValue());
        }
        out.writeInt(run.rejectedOutputs().size());
        for (String rejected : run.rejectedOutputs()) {
            writeText(out, rejected);
        }
        out.writeBoolean(run.gpuCheck().isPresent());
        if (run.gpuCheck().isPresent()) {
            GpuSlot.GpuIdleCheck check = run.gpuCheck().get();
            out.writeBoolean(check.idle());
            out.writeInt(check.drainedPids().size());
            for (long pid : check.drainedPids()) {
                out.writeLong(pid);
            }
            out.writeLong(check.memoryUsedMiB());
            writeText(out, check.report());
        }
        out.flush();
    }

    /** Sends one progress line of the running job; the answer follows later ({@link #writeRun}). */
    static void writeProgress(DataOutputStream out, String line) throws IOException {
        out.writeInt(PROGRESS);
        writeText(out, line);
        out.flush();
    }

    static SandboxRun readRun(DataInputStream in) throws IOException {
        return readRun(in, line -> { });
    }

    /** Reads the answer, handing the progress lines sent before it to {@code progress}. */
    static SandboxRun readRun(DataInputStream in, Consumer<String> progress) throws IOException {
        int tag = in.readInt();
        while (tag == PROGRESS) {
            progress.accept(readText(in));
            tag = in.readInt();
        }
        if (tag != MAGIC) {
            throw new IOException("not a TensorMark launcher answer");
        }
        Verdict verdict = readVerdict(in);
        int exitCode = in.readInt();
        int signal = in.readInt();
        String stdout = readText(in);
        String stderr = readText(in);
        Duration wall = Duration.ofNanos(in.readLong());
        Duration cpu = Duration.ofNanos(in.readLong());
        long peak = in.readLong();
        Map<String, byte[]> outputs = new LinkedHashMap<>();
        for (int i = count(in); i > 0; i--) {
            outputs.put(readText(in), readBytes(in));
        }
        List<String> rejected = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            rejected.add(readText(in));
        }
        Optional<GpuSlot.GpuIdleCheck> gpuCheck = Optional.empty();
        if (in.readBoolean()) {
            boolean idle = in.readBoolean();
            List<Long> drained = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                drained.add(in.readLong());
            }
            gpuCheck = Optional.of(new GpuSlot.GpuIdleCheck(idle, drained, in.readLong(), readText(in)));
        }
        return new SandboxRun(verdict, exitCode, signal, stdout, stderr, wall, cpu, peak, outputs, rejected, gpuCheck);
    }

    private static void writeVerdict(DataOutputStream out, Verdict verdict) throws IOException {
        out.writeUTF(verdict.getClass().getSimpleName());
        if (verdict instanceof Verdict.RuntimeError error) {
            out.writeInt(error.exitCode());
            out.writeInt(error.signal());
        } else if (verdict instanceof Verdict.DiskFull full) {
            writeText(out, full.where());
            out.writeLong(full.files());
            out.writeLong(full.maxFiles());
            out.writeLong(full.bytes());
            out.writeLong(full.maxBytes());
        } else if (verdict instanceof Verdict.PlatformFailure failure) {
            writeText(out, failure.reason());
        }
    }

    private static Verdict readVerdict(DataInputStream in) throws IOException {
        String name = in.readUTF();
        return switch (name) {
            case "Ok" -> new Verdict.Ok();
            case "RuntimeError" -> new Verdict.RuntimeError(in.readInt(), in.readInt());
            case "CpuTimeLimit" -> new Verdict.CpuTimeLimit();
            case "WallTimeLimit" -> new Verdict.WallTimeLimit();
            case "MemoryLimit" -> new Verdict.MemoryLimit();
            case "OutputLimit" -> new Verdict.OutputLimit();
            case "DiskFull" -> new Verdict.DiskFull(readText(in), in.readLong(), in.readLong(), in.readLong(), in.readLong());
            case "PlatformFailure" -> new Verdict.PlatformFailure(readText(in));
            default -> throw new IOException("unknown verdict '" + name + "'");
        };
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String readText(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_PART) {
            throw new IOException("launcher answer has a part of " + length + " bytes");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("launcher connection ended inside a part of " + length + " bytes");
        }
        return bytes;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ENTRIES) {
            throw new IOException("launcher answer lists " + n + " entries");
        }
        return n;
    }
}
