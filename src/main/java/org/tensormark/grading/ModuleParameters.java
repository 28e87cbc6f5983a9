package org.tensormark.grading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * What a student reads when their {@code nn.Module} does not hold the parameters the reference
 * loads into it: each missing, mis-shaped or extra parameter by its PyTorch name and shape, e.g.
 * "your model has no parameter `conv2.weight` of shape (16, 6, 5, 5); it has `conv2.w` (16, 6, 5, 5)".
 */
final class ModuleParameters {

    /** Names listed before "and N more". */
    private static final int LISTED = 6;

    private ModuleParameters() {
    }

    /**
     * The differences between the parameters the reference expects and those the model has, as
     * one line; empty when every name and shape matches and the model has no other parameter.
     */
    static Optional<String> mismatch(Map<String, long[]> expected, Map<String, long[]> actual) {
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        expected.forEach((name, shape) -> {
            long[] got = actual.get(name);
            if (got == null) {
                missing.add("`" + name + "` of shape " + shapeText(shape));
            } else if (!Arrays.equals(got, shape)) {
                misShaped.add("`" + name + "` has shape " + shapeText(got) + " but should have " + shapeText(shape));
            }
        });
        List<String> extra = actual.entrySet().stream().filter(e -> !expected.containsKey(e.getKey()))
                .map(e -> "`" + e.getKey() + "` " + shapeText(e.getValue())).toList();
        List<String> sentences = new ArrayList<>();
        if (!missing.isEmpty()) {
            sentences.add("your model has no parameter " + listed(missing)
                    + (extra.isEmpty() ? "" : "; it has " + listed(extra)));
        } else if (!extra.isEmpty()) {
            sentences.add("your model has parameters the reference does not have: " + listed(extra));
        }
        if (!misShaped.isEmpty()) {
            sentences.add("your parameter " + listed(misShaped));
        }
        return sentences.isEmpty() ? Optional.empty()
                : Optional.of(HandinText.capped(String.join("; ", sentences), HandinText.MESSAGE_KEEP));
    }

    /** The trainable-parameter count compared with the reference's, or empty when they agree. */
    static Optional<String> countMismatch(long expected, long actual) {
        return expected == actual ? Optional.empty() : Optional.of(String.format(Locale.ROOT,
                "your model has %,d trainable parameters; the reference has %,d", actual, expected));
    }

    /** A shape as Python prints it: (16, 6, 5, 5), (6,), (). */
    static String shapeText(long[] shape) {
        String inner = LongStream.of(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return "(" + inner + (shape.length == 1 ? ",)" : ")");
    }

    private static String listed(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(LISTED, items.size())));
        return items.size() > LISTED ? shown + " and " + (items.size() - LISTED) + " more" : shown;
    }
}
