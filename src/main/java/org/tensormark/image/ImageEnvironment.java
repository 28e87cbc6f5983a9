package org.tensormark.image;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The rules for the variables an image sets in its jobs' environment. */
final class ImageEnvironment {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    /** Loader and interpreter hooks that would run code of the image's choosing before the harness. */
    private static final Set<String> REFUSED = Set.of("LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "PYTHONSTARTUP",
            "PYTHONPATH", "PYTHONHOME", "PYTHONINSPECT", "PYTHONWARNINGS", "BASH_ENV", "ENV");

    private ImageEnvironment() {
    }

    static Map<String, String> checked(Map<String, String> environment) {
        Map<String, String> sorted = new TreeMap<>();
        environment.forEach((k, v) -> {
            if (k == null || !NAME.matcher(k).matches() || REFUSED.contains(k)) {
                throw new IllegalArgumentException("image environment: '" + k + "' is not a variable an image may set");
            }
            if (v == null || v.indexOf('\0') >= 0 || v.length() > 1000) {
                throw new IllegalArgumentException("image environment: the value of " + k + " is not a plain string");
            }
            sorted.put(k, v);
        });
        return Map.copyOf(sorted);
    }
}
