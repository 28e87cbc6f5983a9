package org.tensormark.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A client command's arguments: positional words, {@code --flag}s and {@code --option value}s. */
record Args(List<String> words, Map<String, String> options) {

    /** The flags that take no value; every other {@code --name} takes the next word. */
    private static final Set<String> FLAGS = Set.of("json", "help", "partial", "drop-missing", "dry-run", "apply",
            "password-stdin", "include-dropped", "counted-only", "per-check");

    static Args parse(List<String> raw) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String a = raw.get(i);
            if (a.equals("-h")) {
                options.put("help", "true");
            } else if (a.startsWith("--") && a.contains("=")) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else if (a.startsWith("--") && FLAGS.contains(a.substring(2))) {
                options.put(a.substring(2), "true");
            } else if (a.startsWith("--")) {
                if (i + 1 >= raw.size()) {
                    throw ClientFailure.usage(a + " needs a value");
                }
                options.put(a.substring(2), raw.get(++i));
            } else {
                words.add(a);
            }
        }
        return new Args(List.copyOf(words), Map.copyOf(options));
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String option(String name) {
        return options.get(name);
    }

    /** The positional word at {@code index}, or a usage error naming it. */
    String word(int index, String what) {
        if (index >= words.size()) {
            throw ClientFailure.usage("missing " + what);
        }
        return words.get(index);
    }

    String required(String option) {
        String v = options.get(option);
        if (v == null) {
            throw ClientFailure.usage("missing --" + option);
        }
        return v;
    }
}
