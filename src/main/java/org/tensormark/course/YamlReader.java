package org.tensormark.course;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a YAML file into a Jackson tree while remembering the line of every field, so that errors
 * can name the line a user has to fix. Duplicate keys are errors, not silent overwrites.
 */
final class YamlReader {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlReader() {
    }

    static YamlSection read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new AssignmentFormatException(file, 1, null, "the file is empty");
            }
            JsonNode root = value(parser, "", lines, file);
            if (!root.isObject()) {
                throw new AssignmentFormatException(file, 1, null, "expected a mapping of fields (key: value)");
            }
            return new YamlSection(file, "", (ObjectNode) root, lines);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new AssignmentFormatException(file, at == null ? 0 : at.getLineNr(), null,
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static JsonNode value(JsonParser p, String path, Map<String, Integer> lines, Path file) throws IOException {
        lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p, path, lines, file);
            case START_ARRAY -> array(p, path, lines, file);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(p.getBooleanValue());
            default -> NODES.nullNode();
        };
    }

    private static ObjectNode object(JsonParser p, String path, Map<String, Integer> lines, Path file)
            throws IOException {
        ObjectNode node = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String child = path.isEmpty() ? name : path + "." + name;
            int line = p.currentTokenLocation().getLineNr();
            if (node.has(name)) {
                throw new AssignmentFormatException(file, line, child, "appears twice");
            }
            lines.put(child, line);
            p.nextToken();
            node.set(name, value(p, child, lines, file));
        }
        return node;
    }

    private static ArrayNode array(JsonParser p, String path, Map<String, Integer> lines, Path file)
            throws IOException {
        ArrayNode node = NODES.arrayNode();
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            node.add(value(p, path + "[" + index++ + "]", lines, file));
        }
        return node;
    }
}
