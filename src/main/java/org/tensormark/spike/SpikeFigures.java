package org.tensormark.spike;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.tensormark.benchmark.Percentiles;
import org.tensormark.grading.PhaseTimes;

/** The figures of one spike: percentiles, throughput, the CPU the sandboxes used, per-phase medians. */
final class SpikeFigures {

    private final List<Graded> handins;
    private final int cpus;

    /** @param cpus the host's processors, the denominator of the sandboxes' CPU share */
    SpikeFigures(List<Graded> handins, int cpus) {
        this.handins = handins.stream().sorted(Comparator.comparingLong(Graded::claimedMs)).toList();
        this.cpus = cpus;
    }

    long size() {
        return handins.size();
    }

    long scored() {
        return handins.stream().filter(Graded::scored).count();
    }

    /** From the first receipt to the last recorded score. */
    long drainMs() {
        long first = handins.stream().mapToLong(Graded::receivedMs).min().orElse(0);
        long last = handins.stream().mapToLong(Graded::scoredMs).max().orElse(0);
        return last - first;
    }

    double handinsPerMinute() {
        return handins.size() * 60_000.0 / Math.max(1, drainMs());
    }

    /** The sandboxes' CPU time over the drain's wall time on every processor. */
    double sandboxCpuShare() {
        return sandboxCpuMs() / ((double) Math.max(1, drainMs()) * cpus);
    }

    /** The CPU time of every hand-in's sandboxes together. */
    long sandboxCpuMs() {
        return handins.stream().mapToLong(Graded::sandboxCpuMs).sum();
    }

    long percentile(ToLongFunction<Graded> figure, int p) {
        return percentile(handins.stream().map(figure::applyAsLong).toList(), p);
    }

    /** The n-th hand-in claimed (1-based; the last when fewer arrived). */
    Graded nth(int n) {
        return handins.get(Math.min(n, handins.size()) - 1);
    }

    /** The figures of the hand-ins claimed after the first {@code n}. */
    SpikeFigures after(int n) {
        return new SpikeFigures(handins.subList(Math.min(n, handins.size()), handins.size()), cpus);
    }

    /** One hand-in's moments, in milliseconds after the spike's first receipt, and its sandboxes' wall and CPU time. */
    record Moment(long received, long claimed, long scored, long sandboxWall, long sandboxCpu, String phases) {
    }

    /** Every hand-in's moments, in the order their jobs were claimed: where a slot waited shows between them. */
    List<Moment> timeline() {
        long first = handins.stream().mapToLong(Graded::receivedMs).min().orElse(0);
        return handins.stream().map(g -> new Moment(g.receivedMs() - first, g.claimedMs() - first, g.scoredMs() - first,
                g.sandboxWallMs(), g.sandboxCpuMs(), g.provenance().path("phases").toString())).toList();
    }

    /** The median of every phase the results' provenance names, in the order a job goes through them. */
    Map<String, Long> phaseMedians() {
        Map<String, List<Long>> phases = new LinkedHashMap<>();
        for (Graded g : handins) {
            Iterator<Map.Entry<String, JsonNode>> fields = g.provenance().path("phases").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isNumber()) {
                    phases.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(f.getValue().asLong());
                }
            }
        }
        Map<String, Long> medians = new LinkedHashMap<>();
        phases.keySet().stream().sorted(Comparator.comparingInt(SpikeFigures::place))
                .forEach(name -> medians.put(name, percentile(phases.get(name), 50)));
        return medians;
    }

    /** A phase's place in {@link PhaseTimes#ORDER}; one it does not name comes last. */
    private static int place(String phase) {
        int i = PhaseTimes.ORDER.indexOf(phase);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** The nearest-rank percentile of {@code values}; 0 for none. */
    static long percentile(List<Long> values, int p) {
        return (long) Percentiles.nearestRank(values, p);
    }
}
