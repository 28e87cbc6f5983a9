package org.tensormark.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The {@code --demo} option of {@code serve}: turns the demo accounts on and, unless an address
 * was chosen, listens on 127.0.0.1 only, since the demo passwords are public. The demo is never on
 * by itself, not even with the embedded database; the server refuses it on a public address.
 */
final class DemoOption {

    static final String FLAG = "--demo";
    static final String ENABLED = "tensormark.demo.enabled";
    static final String HOST = "quarkus.http.host";

    private DemoOption() {
    }

    /**
     * Sets the demo's properties when {@code --demo} is among the arguments or the demo property is
     * already true, and returns the arguments without the flag.
     *
     * @param setting reads a setting (system property or environment), {@code null} when unset
     * @param set     sets a system property
     */
    static String[] apply(String[] args, UnaryOperator<String> setting, BiConsumer<String, String> set) {
        boolean flagged = Arrays.asList(args).contains(FLAG);
        if (flagged || "true".equalsIgnoreCase(setting.apply(ENABLED))) {
            properties(setting).forEach(set);
        }
        return Arrays.stream(args).filter(a -> !a.equals(FLAG)).toArray(String[]::new);
    }

    private static Map<String, String> properties(UnaryOperator<String> setting) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(ENABLED, "true");
        if (setting.apply(HOST) == null) {
            properties.put(HOST, "127.0.0.1");
        }
        return properties;
    }
}
