package org.tensormark.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeSet;

/**
 * The sha256 that decides whether an assignment changed: a canonical form of the parsed YAML (keys
 * sorted, so layout, comments and key order do not matter) followed by the handout text. Relative
 * times are hashed as written ({@code +7d}), so a later sync does not see a change merely because
 * the clock moved.
 */
final class ContentHash {

    private ContentHash() {
    }

    static String of(JsonNode yaml, String handout) {
        StringBuilder canonical = new StringBuilder();
        write(yaml, canonical);
        canonical.append("\n--- handout.md ---\n").append(handout == null ? "" : handout.strip());
        return sha256(canonical.toString());
    }

    /**
     * As {@link #of(JsonNode, String)}, followed by the sha256 of every source notebook of the
     * notebook checks (check id, file name): a changed source notebook is a new version. Without
     * notebooks the hash is the plain one, so other assignments keep their versions.
     */
    static String of(JsonNode yaml, String handout, Map<String, Map<String, byte[]>> notebooks) {
        String plain = of(yaml, handout);
        if (notebooks.isEmpty()) {
            return plain;
        }
        StringBuilder text = new StringBuilder(plain);
        notebooks.forEach((check, files) -> files.forEach((file, bytes) ->
                text.append("\n--- notebook ").append(check).append('/').append(file).append(' ').append(sha256(bytes))));
        return sha256(text.toString());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            for (String name : sortedNames(node)) {
                out.append(TextNode.valueOf(name).toString()).append(':');
                write(node.get(name), out);
                out.append(',');
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.forEach(item -> {
                write(item, out);
                out.append(',');
            });
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static TreeSet<String> sortedNames(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
