package org.tensormark.course;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping in a YAML file with typed, validating accessors whose errors name the file, the line
 * and the dotted field path ({@code late.max_units}, {@code checks[2].points}).
 */
final class YamlSection {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final Path file;
    private final String path;
    private final ObjectNode node;
    private final Map<String, Integer> lines;

    YamlSection(Path file, String path, ObjectNode node, Map<String, Integer> lines) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.lines = lines;
    }

    Path file() {
        return file;
    }

    ObjectNode node() {
        return node;
    }

    AssignmentFormatException error(String field, String problem) {
        String full = full(field);
        return new AssignmentFormatException(file, lines.getOrDefault(full, lines.getOrDefault(path, 0)), full, problem);
    }

    boolean has(String field) {
        return node.hasNonNull(field);
    }

    String text(String field) {
        if (!has(field)) {
            throw error(field, "is required");
        }
        return scalar(field, node.get(field));
    }

    String text(String field, String fallback) {
        return has(field) ? scalar(field, node.get(field)) : fallback;
    }

    int integer(String field, int fallback, int min) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min) {
            throw error(field, "'" + value.asText() + "' is not a whole number of at least " + min);
        }
        return value.intValue();
    }

    double number(String field, double fallback, double min, double max) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
            throw error(field, "'" + value.asText() + "' is not a number between " + LateSentences.percent(min)
                    + " and " + LateSentences.percent(max));
        }
        return value.doubleValue();
    }

    boolean flag(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        if (!node.get(field).isBoolean()) {
            throw error(field, "'" + node.get(field).asText() + "' is not true or false");
        }
        return node.get(field).booleanValue();
    }

    Optional<YamlSection> section(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        if (!node.get(field).isObject()) {
            throw error(field, "expected a mapping of fields");
        }
        return Optional.of(new YamlSection(file, full(field), (ObjectNode) node.get(field), lines));
    }

    List<YamlSection> sections(String field) {
        List<YamlSection> out = new ArrayList<>();
        JsonNode list = list(field);
        for (int i = 0; i < list.size(); i++) {
            String item = full(field) + "[" + i + "]";
            if (!list.get(i).isObject()) {
                throw new AssignmentFormatException(file, lines.getOrDefault(item, 0), item, "expected a mapping of fields");
            }
            out.add(new YamlSection(file, item, (ObjectNode) list.get(i), lines));
        }
        return out;
    }

    List<String> texts(String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list(field)) {
            out.add(scalar(field, item));
        }
        return out;
    }

    /** Refuses fields outside {@code allowed}, so that a misspelt key is an error, not a silent default. */
    void allowOnly(Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(name, "unknown field (expected one of: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** The fields other than {@code known}, as plain Java values (maps, lists, strings, numbers, booleans). */
    Map<String, Object> rest(Set<String> known) {
        Map<String, Object> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!known.contains(e.getKey())) {
                out.put(e.getKey(), PLAIN.convertValue(e.getValue(), new TypeReference<Object>() { }));
            }
        });
        return out;
    }

    private JsonNode list(String field) {
        if (!has(field)) {
            return PLAIN.createArrayNode();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw error(field, "expected a list");
        }
        return value;
    }

    private String scalar(String field, JsonNode value) {
        if (value.isContainerNode()) {
            throw error(field, "expected a single value, not a " + (value.isArray() ? "list" : "mapping"));
        }
        return value.asText();
    }

    private String full(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
