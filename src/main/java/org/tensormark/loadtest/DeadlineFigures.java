package org.tensormark.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tensormark.benchmark.Percentiles;

/**
 * A deadline's figures, read back through the API as the course's staff: receipt latency
 * p50/p95/p99, errors by kind, whether every receipt's hand-in is there with the files sent (each
 * receipt fetched again), and how long the queue took to drain (the assignment overview's queue).
 */
final class DeadlineFigures {

    private final HttpApi api;
    private final String staff;
    private final LoadTestOptions options;
    private final PrintStream out;

    DeadlineFigures(HttpApi api, String staff, LoadTestOptions options, PrintStream out) {
        this.api = api;
        this.staff = staff;
        this.options = options;
        this.out = out;
    }

    /** Prints the figures; true when there were no errors, every receipt's hand-in is there and the queue drained. */
    boolean report(List<Deadline.Attempt> attempts, double sentSeconds, long start, Handin handin)
            throws InterruptedException {
        List<Double> ok = attempts.stream().filter(Deadline.Attempt::accepted).map(Deadline.Attempt::millis).sorted().toList();
        Map<String, Integer> errors = new TreeMap<>();
        attempts.stream().filter(a -> !a.accepted()).forEach(a -> errors.merge(a.error(), 1, Integer::sum));
        out.printf("%d hand-ins sent in %.1f s: %d accepted, %d refused or failed%n", attempts.size(), sentSeconds,
                ok.size(), attempts.size() - ok.size());
        if (!ok.isEmpty()) {
            out.printf("receipt latency: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (target: p99 under 1,000 ms)%n",
                    Percentiles.nearestRank(ok, 50), Percentiles.nearestRank(ok, 95), Percentiles.nearestRank(ok, 99),
                    ok.get(ok.size() - 1));
        }
        out.printf("errors: %d%n", attempts.size() - ok.size());
        errors.forEach((kind, n) -> out.printf("  error %-40s %d%n", kind, n));
        List<String> receipts = attempts.stream().filter(Deadline.Attempt::accepted).map(Deadline.Attempt::submissionId).toList();
        int present = present(receipts, handin);
        out.printf("receipts whose hand-in is present with the files sent (checked via the API): %d of %d%n", present,
                receipts.size());
        double drained = drain(start);
        if (drained >= 0) {
            out.printf("queue drained %.1f s after the first hand-in (%.1f hand-ins graded per minute)%n", drained,
                    receipts.size() / drained * 60);
        } else {
            out.printf("queue not drained within %d s%n", options.drainLimit().toSeconds());
        }
        return errors.isEmpty() && present == receipts.size() && drained >= 0;
    }

    /** How many receipts the server gives back to staff with both files at the size and sha256 sent. */
    private int present(List<String> submissionIds, Handin handin) throws InterruptedException {
        AtomicInteger present = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (String id : submissionIds) {
            pool.submit(() -> {
                if (id != null && complete(id, handin)) {
                    present.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        return present.get();
    }

    private boolean complete(String submissionId, Handin handin) {
        try {
            int matching = 0;
            for (JsonNode f : api.get("/api/submissions/" + submissionId, staff).path("files")) {
                matching += handin.matches(f.path("role").asText(), f.path("size").asLong(), f.path("sha256").asText()) ? 1 : 0;
            }
            return matching == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Seconds from the first hand-in until the server's queue (the assignment overview's queued
     * and running jobs) is empty, or -1 past the drain limit.
     */
    private double drain(long start) throws InterruptedException {
        long deadline = System.nanoTime() + options.drainLimit().toNanos();
        int shown = -1;
        while (System.nanoTime() < deadline) {
            long open;
            try {
                JsonNode queue = api.get("/api/assignments/" + options.assignment() + "/overview", staff).path("queue");
                open = queue.path("queued").asLong() + queue.path("running").asLong();
            } catch (IOException e) {
                out.println("  the queue could not be read: " + e.getMessage());
                open = -1;
            }
            if (open == 0) {
                return (System.nanoTime() - start) / 1e9;
            }
            int tenths = (int) (open * 10 / Math.max(1, options.students()));
            if (open > 0 && tenths != shown) {
                shown = tenths;
                out.printf("  %d jobs still waiting or running after %.0f s%n", open, (System.nanoTime() - start) / 1e9);
            }
            Thread.sleep(1000);
        }
        return -1;
    }
}
