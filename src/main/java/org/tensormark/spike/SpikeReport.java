package org.tensormark.spike;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints the spike benchmark's figures, one line each, with the targets beside them. */
final class SpikeReport {

    private final PrintStream out;

    SpikeReport(PrintStream out) {
        this.out = out;
    }

    void references(boolean computed, long millis) {
        out.printf(computed
                ? "reference figures of the synced versions computed and stored in %.1f s, before the spike"
                        + " (as on a server synced before its deadline: a start finds them stored)%n"
                : "reference figures still being computed after %.1f s; the spike starts beside them%n", millis / 1000.0);
    }

    void warmUp(long waitedMillis, Map<String, Integer> httpAnswers) {
        out.printf("restarted on the prepared platform; waited %.1f s for the worker's warm-up before the first hand-in"
                + " (as a hand-in between deadlines meets a warmed-up worker and each slot's rehearsals; the server's"
                + " uploads to itself as it began listening answered %s; the benchmark's own client started"
                + " meanwhile, then the server's readiness probed as a load balancer does and the client's first"
                + " uploads sent to a stand-in server of its own)%n", waitedMillis / 1000.0, httpAnswers);
    }

    /** The hand-ins one at a time after one start: the first against the tenth and the spread of the others. */
    void oneAtATime(int start, int starts, SpikeFigures f) {
        Graded first = f.nth(1);
        Graded last = f.nth((int) f.size());
        SpikeFigures others = f.after(1);
        out.printf("after start %d of %d, %d A1 hand-ins one at a time: platform overhead of the first %d ms, of the"
                        + " tenth %d ms; the second to the tenth: median %d ms, range %d-%d ms%n", start, starts, f.size(),
                first.platformOverheadMs(), last.platformOverheadMs(), others.percentile(Graded::platformOverheadMs, 50),
                others.percentile(Graded::platformOverheadMs, 0), others.percentile(Graded::platformOverheadMs, 100));
        out.printf("claim to score: first %d ms (sandbox %d ms), tenth %d ms (sandbox %d ms)%n", first.claimToScoreMs(),
                first.sandboxWallMs(), last.claimToScoreMs(), last.sandboxWallMs());
        out.println("phases of the first: " + first.provenance().path("phases"));
        out.println("phases of the tenth: " + last.provenance().path("phases"));
    }

    /**
     * The first hand-in after a start against the tenth over every start, by two figures: the
     * platform overhead, and receipt to score less the sandboxes' wall time (the queue wait counted:
     * for a hand-in alone, the intake's writes after its receipt and the worker's wake-up). For each
     * the medians of the firsts, the tenths and the second to the tenth of all starts together, and
     * each start's first minus its tenth with the signed-rank test of those differences. The target
     * is met when neither test shows the first slower; a test can show that only when at least
     * {@link SignedRank#PAIRS_TO_SHOW} starts differ.
     */
    void afterStarts(List<AfterStart> starts) {
        SignedRank overhead = compare("platform overhead", starts.stream().map(AfterStart::overheadsMs).toList());
        SignedRank fromReceipt = compare("receipt to score less the sandbox's wall time",
                starts.stream().map(AfterStart::fromReceiptMs).toList());
        List<String> shown = new ArrayList<>();
        if (overhead.shownLarger()) {
            shown.add("by its overhead");
        }
        if (fromReceipt.shownLarger()) {
            shown.add("from its receipt");
        }
        String verdict;
        if (!overhead.canShow() || !fromReceipt.canShow()) {
            verdict = "not met: fewer than " + SignedRank.PAIRS_TO_SHOW + " starts that differ cannot show it either way";
        } else if (!shown.isEmpty()) {
            verdict = "not met: the first is shown slower " + String.join(" and ", shown);
        } else {
            verdict = "met: the first is not shown slower by either";
        }
        out.printf("over %d starts, the first hand-in after a start against the tenth (one-sided Wilcoxon signed-rank"
                + " tests at the %.0f %% level): %s%n", starts.size(), 100 * SignedRank.LEVEL, verdict);
    }

    /** Prints the comparison of one figure, each start's values in claim order; returns its test. */
    private SignedRank compare(String figure, List<List<Long>> byStart) {
        List<Long> firsts = byStart.stream().map(s -> s.get(0)).toList();
        List<Long> tenths = byStart.stream().map(s -> s.get(s.size() - 1)).toList();
        List<Long> others = byStart.stream().flatMap(s -> s.subList(1, s.size()).stream()).toList();
        List<Long> differences = new ArrayList<>();
        for (int i = 0; i < firsts.size(); i++) {
            differences.add(firsts.get(i) - tenths.get(i));
        }
        SignedRank test = SignedRank.of(differences);
        out.printf("%s, over %d starts: the first hand-in after a start median %d ms %s; the tenth median %d ms %s;"
                        + " the second to the tenth of every start median %d ms, range %d-%d ms; each start's first"
                        + " minus its tenth %s ms (median %d ms): the first slower in %d, faster in %d, as fast in %d,"
                        + " p = %.3f%n", figure, byStart.size(), SpikeFigures.percentile(firsts, 50), firsts,
                SpikeFigures.percentile(tenths, 50), tenths, SpikeFigures.percentile(others, 50),
                SpikeFigures.percentile(others, 0), SpikeFigures.percentile(others, 100), differences,
                SpikeFigures.percentile(differences, 50), test.larger(), test.smaller(),
                differences.size() - test.larger() - test.smaller(), test.p());
        return test;
    }

    void spike(SpikeFigures f, int students, int slots, double hostBusy) {
        out.printf("spike: %d A1 hand-ins at once by %d students, %d worker slot(s), %d CPUs; %d scored%n",
                f.size(), students, slots, Runtime.getRuntime().availableProcessors(), f.scored());
        out.printf("receipt to score: p50 %.1f s, p95 %.1f s%n",
                f.percentile(Graded::receiptToScoreMs, 50) / 1000.0, f.percentile(Graded::receiptToScoreMs, 95) / 1000.0);
        out.printf("drained in %.1f s: %.1f hand-ins per minute%n", f.drainMs() / 1000.0, f.handinsPerMinute());
        out.printf("platform overhead (receipt to score - queue wait - sandbox wall): p50 %d ms (target <= 300 ms),"
                        + " range %d-%d ms; the spike's first %d ms (the other %d uploads were still being received"
                        + " around it), its tenth %d ms%n", f.percentile(Graded::platformOverheadMs, 50),
                f.percentile(Graded::platformOverheadMs, 0), f.percentile(Graded::platformOverheadMs, 100),
                f.nth(1).platformOverheadMs(), f.size() - 1, f.nth(10).platformOverheadMs());
        out.printf("sandbox wall per hand-in: p50 %d ms%n", f.percentile(Graded::sandboxWallMs, 50));
        out.printf("sandboxes used %.0f %% of the host's CPU during the drain (target >= 90 %%); host busy %.0f %% (all processes)%n",
                100 * f.sandboxCpuShare(), 100 * hostBusy);
        Map<String, Long> phases = f.phaseMedians();
        out.println("phase medians: " + (phases.isEmpty() ? "(the results' provenance has no phases)" : phases));
        out.println("timeline (ms after the first receipt): received, claimed, scored, sandbox wall, sandbox CPU, phases");
        for (SpikeFigures.Moment m : f.timeline()) {
            out.printf("  %6d %6d %6d %6d %6d %s%n", m.received(), m.claimed(), m.scored(), m.sandboxWall(), m.sandboxCpu(),
                    m.phases());
        }
    }

    /** Where the host's CPU went during the drain, in CPU seconds, against what the CPUs could give. */
    void cpu(SpikeFigures f, Map<String, Double> used) {
        double sandboxes = f.sandboxCpuMs() / 1000.0;
        double jvm = used.getOrDefault("jvm", 0.0);
        double children = used.getOrDefault("jvm children", 0.0);
        double postgres = used.getOrDefault("postgresql", 0.0);
        double busy = used.getOrDefault("host busy", 0.0);
        StringBuilder threads = new StringBuilder();
        used.forEach((k, v) -> {
            if (k.startsWith("jvm ") && !k.equals("jvm children")) {
                threads.append(threads.isEmpty() ? "" : ", ").append(String.format("%s %.1f", k.substring(4), v));
            }
        });
        out.printf("CPU seconds during the drain (the CPUs could give %.1f): sandboxes %.1f; this JVM %.1f (%s);"
                        + " the set-up processes it waited for (the launch scripts) %.1f; PostgreSQL %.1f; the rest of the host %.1f%n",
                f.drainMs() / 1000.0 * Runtime.getRuntime().availableProcessors(), sandboxes, jvm, threads,
                children, postgres, busy - sandboxes - jvm - children - postgres);
    }

    void demo(SpikeFigures f) {
        out.printf("demo-open: %d hand-ins one at a time, receipt to score p50 %d ms, p95 %d ms (target p50 <= 500 ms);"
                        + " sandbox wall p50 %d ms; phase medians: %s%n", f.size(), f.percentile(Graded::receiptToScoreMs, 50),
                f.percentile(Graded::receiptToScoreMs, 95), f.percentile(Graded::sandboxWallMs, 50), f.phaseMedians());
    }
}
