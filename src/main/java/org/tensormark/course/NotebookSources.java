package org.tensormark.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.tensormark.notebook.HandoutModel;
import org.tensormark.notebook.NotebookFormatException;
import org.tensormark.notebook.NotebookSet;
import org.tensormark.notebook.SourceNotebook;

/**
 * Checks a {@code notebook} check's source notebooks when the assignment is read, so that
 * {@code sync-assignments} refuses a broken source with its file, cell and field instead of a
 * hand-in finding it later; its points must be what the test cells add up to, and its
 * {@code references} must be complete.
 */
final class NotebookSources {

    private static final ObjectMapper YAML_VALUES = new ObjectMapper();

    private NotebookSources() {
    }

    /**
     * Checks the check's source notebooks; returns their bytes by file name, in grading order, for
     * the version to store ({@link StoredNotebooks}).
     */
    static Map<String, byte[]> validate(YamlSection check, Path folder, double points) {
        List<String> parts = check.node().path("parts").isArray()
                ? StreamSupport.stream(check.node().path("parts").spliterator(), false)
                        .map(JsonNode::asText).toList()
                : List.of();
        Path source = folder.resolve(check.node().path("source").asText("source"));
        NotebookSet set;
        try {
            set = NotebookSet.read(source, parts);
        } catch (NotebookFormatException | UncheckedIOException e) {
            throw check.error("source", e.getMessage());
        }
        try {
            HandoutModel.read(YAML_VALUES.convertValue(check.node().get("references"), Object.class));
        } catch (IllegalArgumentException e) {
            throw check.error("references", e.getMessage());
        }
        if (Math.abs(set.testPoints() - points) > 1e-9) {
            throw check.error("points", points + " differs from the " + set.testPoints()
                    + " points of the test cells in " + source.getFileName());
        }
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (SourceNotebook nb : set.notebooks()) {
            try {
                contents.put(nb.file(), Files.readAllBytes(source.resolve(nb.file())));
            } catch (IOException e) {
                throw check.error("source", nb.file() + " could not be read: " + e.getMessage());
            }
        }
        return contents;
    }
}
