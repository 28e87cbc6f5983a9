package org.tensormark.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.SandboxRunner;

/**
 * Where one job's time went, for its provenance ({@code phases}, in milliseconds): the queue wait,
 * materialising the hand-in, the sandbox's start and tear-down (the host's time for each run less
 * the harness's own), the harness's imports (Python and NumPy; the hand-in), the calls, and
 * preparing and scoring the checks outside the sandbox (inputs, reference outputs, comparison).
 * Recording is timed after the result is written ({@link PhaseTimes}). The harness's figures come
 * from its results.json: the hand-in's process writes that file, so they are kept only as
 * figures, capped at the host's own time for the run, and never used for a score.
 */
final class JobTimings {

    private final ObjectMapper json;
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private final Map<String, Long> calls = new LinkedHashMap<>();
    private long mark = System.nanoTime();
    private long sandboxNanos;
    /** Each run on this host's clock, in nanoseconds. */
    private final List<RunSpan> runs = new ArrayList<>();
    private double harnessImport;
    private double handinImport;
    private double harnessTotal;
    private double callSeconds;

    JobTimings(Duration queueWait, ObjectMapper json) {
        this.json = json;
        phases.put("queueWaitMs", queueWait.toMillis());
    }

    /** The hand-in is in its staging directory. */
    void materialised() {
        phases.put("materialiseMs", lap());
    }

    /** {@code sandbox}, timing every run it makes for this job (runs of one job may overlap, {@link CheckRun}). */
    SandboxRunner timing(SandboxRunner sandbox) {
        return (job, image, limits, gpu) -> {
            long start = System.nanoTime();
            SandboxRun run = sandbox.run(job, image, limits, gpu);
            long end = System.nanoTime();
            synchronized (this) {
                sandboxNanos += end - start;
                runs.add(new RunSpan(start, end, start + run.wallTime().toNanos()));
                harnessFigures(run, (end - start) / 1e9);
            }
            return run;
        };
    }

    /** One sandbox run: when the host started it and got it back, and when its own wall time ended. */
    private record RunSpan(long start, long end, long wallEnd) {
    }

    /** From the start of the job's first sandbox run to the end of its last, as this host saw them. */
    synchronized long sandboxElapsedMs() {
        long first = runs.stream().mapToLong(RunSpan::start).min().orElse(0);
        long last = runs.stream().mapToLong(RunSpan::end).max().orElse(0);
        return (last - first) / 1_000_000;
    }

    /**
     * The sandboxes' own wall time (each run's {@link SandboxRun#wallTime()}), the time two runs
     * of the job overlapped counted once.
     */
    synchronized long sandboxWallMs() {
        long total = 0;
        long coveredTo = Long.MIN_VALUE;
        for (RunSpan r : runs.stream().sorted(Comparator.comparingLong(RunSpan::start)).toList()) {
            long from = Math.max(r.start(), coveredTo);
            if (r.wallEnd() > from) {
                total += r.wallEnd() - from;
                coveredTo = r.wallEnd();
            }
        }
        return total / 1_000_000;
    }

    /**
     * Every check is scored; splits the time since {@link #materialised()} into the sandbox's phases
     * (each summed over the job's runs) and the rest, which is that time less the runs' elapsed time.
     */
    synchronized void checked() {
        long checks = lap();
        long sandbox = millis(sandboxNanos / 1e9);
        phases.put("sandboxStartMs", Math.max(0, sandbox - millis(harnessTotal)));
        phases.put("harnessImportMs", millis(harnessImport));
        phases.put("handinImportMs", millis(handinImport));
        phases.put("callsMs", millis(callSeconds));
        phases.put("scoringMs", Math.max(0, checks - sandboxElapsedMs()));
    }

    /** Phase → milliseconds, in the order the job went through them. */
    synchronized Map<String, Long> phases() {
        return new LinkedHashMap<>(phases);
    }

    /** Call id → milliseconds, as the harness measured each call. */
    synchronized Map<String, Long> calls() {
        return new LinkedHashMap<>(calls);
    }

    private void harnessFigures(SandboxRun run, double hostSeconds) {
        byte[] results = run.outputs().get("results.json");
        if (results == null) {
            return;
        }
        try {
            JsonNode root = json.readTree(results);
            JsonNode t = root.path("timings");
            harnessImport += capped(t.path("harness_import"), hostSeconds);
            handinImport += capped(t.path("handin_import"), hostSeconds);
            harnessTotal += capped(t.path("total"), hostSeconds);
            root.path("calls").fields().forEachRemaining(c -> {
                double seconds = capped(c.getValue().path("seconds"), hostSeconds);
                callSeconds += seconds;
                calls.merge(c.getKey(), millis(seconds), Long::sum);
            });
        } catch (IOException e) {
            // an unreadable results.json is the scorer's to report; it only leaves these figures out
        }
    }

    private static double capped(JsonNode seconds, double hostSeconds) {
        double s = seconds.isNumber() ? seconds.asDouble() : 0;
        return Double.isFinite(s) ? Math.max(0, Math.min(s, hostSeconds)) : 0;
    }

    private long lap() {
        long now = System.nanoTime();
        long ms = (now - mark) / 1_000_000;
        mark = now;
        return ms;
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
