package org.tensormark.spike;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The A1 hand-ins of one measuring process, one at a time after its start: the platform overhead of
 * each in the order they were claimed. Each process appends its line to a file on the throw-away
 * platform; the last reads them all back to compare the first hand-in after a start with the tenth.
 *
 * @param start which start this was, 1 to R
 * @param overheadsMs the platform overhead of each hand-in, the first after the start first
 */
record AfterStart(int start, List<Long> overheadsMs) {

    /** The file the measuring processes share, in the platform's data folder. */
    static Path file(Path dataDir) {
        return dataDir.resolve("spike-after-starts.txt");
    }

    static AfterStart of(int start, SpikeFigures oneAtATime) {
        List<Long> overheads = new ArrayList<>();
        for (int n = 1; n <= oneAtATime.size(); n++) {
            overheads.add(oneAtATime.nth(n).platformOverheadMs());
        }
        return new AfterStart(start, List.copyOf(overheads));
    }

    long first() {
        return overheadsMs.get(0);
    }

    long last() {
        return overheadsMs.get(overheadsMs.size() - 1);
    }

    void appendTo(Path file) throws IOException {
        String line = start + " " + overheadsMs.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Every start's line the processes wrote, in the order they wrote them. */
    static List<AfterStart> readAll(Path file) throws IOException {
        List<AfterStart> all = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            List<Long> numbers = Arrays.stream(line.strip().split(" ")).map(Long::parseLong).toList();
            if (numbers.size() < 3) {
                throw new IOException(file + ": a start's line needs its number and two hand-ins at least: " + line);
            }
            all.add(new AfterStart(numbers.get(0).intValue(), numbers.subList(1, numbers.size())));
        }
        return all;
    }
}
