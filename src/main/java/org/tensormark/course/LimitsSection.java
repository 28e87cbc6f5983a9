package org.tensormark.course;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an assignment's {@code limits:} section: {@code wall} (a duration such as {@code 90s},
 * {@code 2m}, {@code 1h}, or plain seconds), {@code cpus} (cores), {@code memory} and {@code output}
 * (sizes such as {@code 2GB}) and {@code pids}. Each value must lie in a range a grading worker can
 * honour; an error names the key and the value.
 */
final class LimitsSection {

    private static final Set<String> FIELDS = Set.of("wall", "cpus", "memory", "pids", "output");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|sec|m|min|h)?");
    private static final long MAX_WALL_SECONDS = 2 * 3600;
    private static final double MAX_CPUS = 64;
    private static final long MIB = 1L << 20;

    private LimitsSection() {
    }

    static AssignmentLimits parse(YamlSection limits) {
        limits.allowOnly(FIELDS);
        return new AssignmentLimits(
                limits.has("wall") ? wallSeconds(limits) : null,
                limits.has("cpus") ? cpus(limits) : null,
                limits.has("memory") ? size(limits, "memory", 64 * MIB, 64 * 1024 * MIB) : null,
                limits.has("pids") ? pids(limits) : null,
                limits.has("output") ? size(limits, "output", MIB, 1024 * MIB) : null);
    }

    private static long wallSeconds(YamlSection limits) {
        String text = limits.text("wall").trim();
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw limits.error("wall", "'" + text + "' is not a duration (expected e.g. 90s, 2m, 1h or a number of seconds)");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        long scale = unit.startsWith("h") ? 3600 : unit.startsWith("m") ? 60 : 1;
        long seconds = Math.round(Double.parseDouble(m.group(1)) * scale);
        if (seconds < 1 || seconds > MAX_WALL_SECONDS) {
            throw limits.error("wall", "'" + text + "' must be between 1s and " + MAX_WALL_SECONDS / 3600 + "h");
        }
        return seconds;
    }

    private static double cpus(YamlSection limits) {
        String text = limits.text("cpus");
        double cpus = limits.node().get("cpus").isNumber() ? limits.node().get("cpus").doubleValue() : Double.NaN;
        if (!(cpus >= 0.1 && cpus <= MAX_CPUS)) {
            throw limits.error("cpus", "'" + text + "' is not a number of CPU cores between 0.1 and " + (int) MAX_CPUS);
        }
        return cpus;
    }

    private static int pids(YamlSection limits) {
        int pids = limits.integer("pids", 0, 16);
        if (pids > 4096) {
            throw limits.error("pids", "'" + pids + "' is more than 4096 processes and threads");
        }
        return pids;
    }

    private static long size(YamlSection limits, String field, long min, long max) {
        long bytes = ByteSize.parse(limits, field);
        if (bytes < min || bytes > max) {
            throw limits.error(field, "'" + limits.text(field) + "' must be between " + human(min) + " and " + human(max));
        }
        return bytes;
    }

    private static String human(long bytes) {
        return bytes >= 1024 * MIB ? bytes / (1024 * MIB) + "GB" : bytes / MIB + "MB";
    }
}
