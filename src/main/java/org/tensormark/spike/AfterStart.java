package org.tensormark.spike;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The A1 hand-ins of one measuring process, one at a time after its start, in the order they were
 * claimed: each one's platform overhead and its queue wait. Each process appends its line to a
 * file on the throw-away platform; the last reads them all back to compare the first hand-in after
 * a start with the tenth.
 *
 * @param start which start this was, 1 to R
 * @param overheadsMs the platform overhead of each hand-in (receipt to score less its queue wait and
 *                    its sandboxes' wall time), the first after the start first
 * @param queueWaitsMs the queue wait of each, in the same order: for a hand-in alone, the intake's
 *                     writes after its receipt and the worker's wake-up
 */
record AfterStart(int start, List<Long> overheadsMs, List<Long> queueWaitsMs) {

    AfterStart {
        if (overheadsMs.size() != queueWaitsMs.size() || overheadsMs.size() < 2) {
            throw new IllegalArgumentException("a start needs two hand-ins at least, each with its overhead and its"
                    + " queue wait: " + overheadsMs + ", " + queueWaitsMs);
        }
    }

    /** The file the measuring processes share, in the platform's data folder. */
    static Path file(Path dataDir) {
        return dataDir.resolve("spike-after-starts.txt");
    }

    static AfterStart of(int start, SpikeFigures oneAtATime) {
        List<Long> overheads = new ArrayList<>();
        List<Long> waits = new ArrayList<>();
        for (int n = 1; n <= oneAtATime.size(); n++) {
            overheads.add(oneAtATime.nth(n).platformOverheadMs());
            waits.add(oneAtATime.nth(n).queueWaitMs());
        }
        return new AfterStart(start, List.copyOf(overheads), List.copyOf(waits));
    }

    /** Receipt to score less the sandboxes' wall time: the overhead with the queue wait counted. */
    List<Long> fromReceiptMs() {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < overheadsMs.size(); i++) {
            all.add(overheadsMs.get(i) + queueWaitsMs.get(i));
        }
        return List.copyOf(all);
    }

    void appendTo(Path file) throws IOException {
        StringBuilder line = new StringBuilder().append(start);
        for (int i = 0; i < overheadsMs.size(); i++) {
            line.append(' ').append(overheadsMs.get(i)).append('/').append(queueWaitsMs.get(i));
        }
        Files.writeString(file, line.append('\n'), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Every start's line the processes wrote, in the order they wrote them. */
    static List<AfterStart> readAll(Path file) throws IOException {
        List<AfterStart> all = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.strip().split(" ");
            if (fields.length < 3) {
                throw new IOException(file + ": a start's line needs its number and two hand-ins at least: " + line);
            }
            List<Long> overheads = new ArrayList<>();
            List<Long> waits = new ArrayList<>();
            for (int i = 1; i < fields.length; i++) {
                String[] pair = fields[i].split("/");
                if (pair.length != 2) {
                    throw new IOException(file + ": each hand-in is its overhead/queue wait, not '" + fields[i] + "'");
                }
                overheads.add(Long.parseLong(pair[0]));
                waits.add(Long.parseLong(pair[1]));
            }
            all.add(new AfterStart(Integer.parseInt(fields[0]), List.copyOf(overheads), List.copyOf(waits)));
        }
        return all;
    }
}
