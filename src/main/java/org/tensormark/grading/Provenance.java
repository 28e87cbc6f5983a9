package org.tensormark.grading;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.CheckSpec;
import org.tensormark.submission.Submissions;

/**
 * Where a score came from: hand-in hashes, versions of everything that ran, device, seeds and
 * timings: {@code phases} says where the job's time went ({@link JobTimings}; {@code recordingMs}
 * is added once the result is written), {@code callMs} each call's time as the harness measured it.
 */
final class Provenance {

    private static volatile String runtimeVersions;

    private Provenance() {
    }

    static Map<String, Object> of(Submissions.Handin handin, AssignmentView a, String workerId, String device,
            List<CheckRun.GroupRun> runs, HandinMaterialiser.Materialised m, Instant started, int attempt,
            JobTimings times) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("files", m.sha256s());
        p.put("assignment", a.id());
        p.put("assignmentVersion", a.version());
        p.put("harnessVersion", JobPlan.HARNESS_VERSION);
        p.put("runtime", runtimeVersions());
        p.put("device", device);
        p.put("worker", workerId);
        p.put("attempt", attempt);
        p.put("module", m.module());
        p.put("seeds", seeds(a));
        if (!runs.isEmpty()) {
            p.put("sandboxRuns", sandboxRuns(runs));
        }
        p.put("receivedAt", handin.submission().receivedAt.toString());
        p.put("gradingMs", Duration.between(started, Instant.now()).toMillis());
        p.put("receiptToScoreMs", Duration.between(handin.submission().receivedAt, Instant.now()).toMillis());
        p.put("phases", times.phases());
        p.put("callMs", times.calls());
        return p;
    }

    /** Visibility group → how its run ended, its wall and CPU time and peak memory. */
    private static Map<String, Object> sandboxRuns(List<CheckRun.GroupRun> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (CheckRun.GroupRun g : runs) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("verdict", g.results().verdictText());
            run.put("wallMs", g.run().wallTime().toMillis());
            run.put("cpuMs", g.run().cpuTime().toMillis());
            run.put("peakMemoryBytes", g.run().peakMemoryBytes());
            out.put(g.group().name().toLowerCase(Locale.ROOT), run);
        }
        return out;
    }

    /** Check id → the seeds its inputs or data were drawn from (a check's own seed and its cases' seeds). */
    static Map<String, List<Object>> seeds(AssignmentView a) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (CheckSpec c : a.checks()) {
            List<Object> seeds = new ArrayList<>();
            if (c.params().get("seed") != null) {
                seeds.add(c.params().get("seed"));
            }
            if (c.params().get("cases") instanceof List<?> cases) {
                for (Object each : cases) {
                    if (each instanceof Map<?, ?> k && k.get("seed") != null) {
                        seeds.add(k.get("seed"));
                    }
                }
            }
            if (!seeds.isEmpty()) {
                out.put(c.id(), seeds);
            }
        }
        return out;
    }

    /** Python, NumPy and PyTorch versions of the sandbox's interpreter, asked once per process. */
    static String runtimeVersions() {
        String v = runtimeVersions;
        if (v == null) {
            v = ask();
            runtimeVersions = v;
        }
        return v;
    }

    private static String ask() {
        String script = "import sys,platform\nv='python '+platform.python_version()\n"
                + "try:\n import numpy; v+=', numpy '+numpy.__version__\nexcept Exception: v+=', no numpy'\n"
                + "try:\n import torch; v+=', torch '+torch.__version__\nexcept Exception: v+=', no torch'\nprint(v)";
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-I", "-c", script).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor(60, TimeUnit.SECONDS) ? out : "unknown (timed out)";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
