package org.tensormark.grading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.CheckSpec;
import org.tensormark.submission.Submissions;

/**
 * Where a score came from: hand-in hashes, the grading image and its versions, device, seeds and
 * timings: {@code phases} says where the job's time went ({@link JobTimings}; {@code recordingMs}
 * is added once the result is written), {@code callMs} each call's time as the harness measured it,
 * {@code sandboxWallMs} the runs' wall time with their overlap counted once (they run side by side).
 */
final class Provenance {

    private Provenance() {
    }

    /**
     * Where the job ran.
     *
     * @param image the grading image its runs used (the course image when cuda checks ran without a GPU)
     * @param device the worker's device lent to the job: "gpu nvidiaN" or "cpu"
     */
    record Ran(String image, String device) {
    }

    static Map<String, Object> of(Submissions.Handin handin, AssignmentView a, String workerId, Ran ran,
            List<CheckRun.GroupRun> runs, HandinMaterialiser.Materialised m, Instant started, int attempt,
            JobTimings times) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("files", m.sha256s());
        p.put("assignment", a.id());
        p.put("assignmentVersion", a.version());
        p.put("harnessVersion", JobPlan.HARNESS_VERSION);
        p.putAll(ImageProvenance.of(ran.image()));
        p.put("device", ran.device());
        p.put("worker", workerId);
        p.put("attempt", attempt);
        p.put("module", m.module());
        p.put("seeds", seeds(a));
        if (!runs.isEmpty()) {
            p.put("sandboxRuns", sandboxRuns(runs));
            p.put("sandboxWallMs", times.sandboxWallMs());
        }
        List<String> notices = runs.stream().flatMap(g -> g.results().notices().stream()).distinct().toList();
        if (!notices.isEmpty()) {
            p.put("notices", notices);
        }
        p.put("receivedAt", handin.submission().receivedAt.toString());
        p.put("gradingMs", Duration.between(started, Instant.now()).toMillis());
        p.put("receiptToScoreMs", Duration.between(handin.submission().receivedAt, Instant.now()).toMillis());
        p.put("phases", times.phases());
        p.put("callMs", times.calls());
        return p;
    }

    /** Visibility group → how its run ended, its wall and CPU time, peak memory and the device the harness saw. */
    private static Map<String, Object> sandboxRuns(List<CheckRun.GroupRun> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (CheckRun.GroupRun g : runs) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("verdict", g.results().verdictText());
            run.put("wallMs", g.run().wallTime().toMillis());
            run.put("cpuMs", g.run().cpuTime().toMillis());
            run.put("peakMemoryBytes", g.run().peakMemoryBytes());
            g.results().device().ifPresent(d -> run.put("device", d));
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
}
