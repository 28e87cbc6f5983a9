package org.tensormark.course;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes like {@code 20MB}, {@code 512 KB}, {@code 1.5GB} or a plain byte count; K/M/G are powers of 1024. */
final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|kib|mb|mib|gb|gib)?");

    private ByteSize() {
    }

    static long parse(YamlSection yaml, String field) {
        String text = yaml.text(field).trim();
        Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw yaml.error(field, "'" + text + "' is not a size (expected e.g. 20MB, 512KB, 1GB)");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int power = switch (unit.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            default -> 0;
        };
        long bytes = (long) (Double.parseDouble(m.group(1)) * Math.pow(1024, power));
        if (bytes <= 0) {
            throw yaml.error(field, "'" + text + "' must be more than 0 bytes");
        }
        return bytes;
    }
}
