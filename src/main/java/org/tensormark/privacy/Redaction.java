package org.tensormark.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the texts that name a student: every audit entry's states (string values only, so the
 * JSON keeps its shape) wherever their username, full name or e-mail appear, and the free texts
 * tied to them (extension reasons, TA comments and summaries, override reasons, their runs'
 * output, their groups' and tokens' names), where each part of their name is replaced too.
 */
final class Redaction {

    /** One text to replace, matched case-insensitively as a whole word. */
    record Needle(String text, Pattern pattern, String replacement, boolean everywhere) {

        static Needle of(String text, String replacement, boolean everywhere) {
            return new Needle(text, Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(text) + "(?![\\p{L}\\p{N}_])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), replacement, everywhere);
        }
    }

    private final Connection c;
    private final List<Needle> needles;

    Redaction(Connection c, List<Needle> needles) {
        this.c = c;
        this.needles = needles;
    }

    /** Full name, e-mail and username everywhere; each part of the name (3 letters or more) in their own texts. */
    static List<Needle> needles(Student s, String pseudonym) {
        List<Needle> needles = new ArrayList<>();
        needles.add(Needle.of(s.displayName(), Anonymisation.NEW_NAME, true));
        if (s.email() != null && !s.email().isBlank()) {
            needles.add(Needle.of(s.email(), "(e-mail removed)", true));
        }
        needles.add(Needle.of(s.username(), pseudonym, true));
        for (String part : s.displayName().split("[\\s,]+")) {
            if (part.length() >= 3) {
                needles.add(Needle.of(part, "(name removed)", false));
            }
        }
        return needles;
    }

    String text(String text, boolean own) {
        String out = text;
        for (Needle n : needles) {
            if (own || n.everywhere()) {
                out = n.pattern().matcher(out).replaceAll(Matcher.quoteReplacement(n.replacement()));
            }
        }
        return out;
    }

    void apply(long userId) throws SQLException {
        String theirs = "(select id from submission where team_id is null and submitter_id = " + userId
                + " or team_id in (select team_id from team_member where user_id = " + userId + "))";
        String results = "(select id from grading_result where submission_id in " + theirs + ")";
        column("extension", "id", "reason", "user_id = " + userId);
        column("check_result", "result_id || '/' || check_id", "comment", "result_id in " + results);
        column("check_result", "result_id || '/' || check_id", "summary", "result_id in " + results);
        column("grading_result", "id", "override_reason", "id in " + results);
        column("sandbox_run", "id", "stdout", "job_id in (select id from grading_job where submission_id in " + theirs + ")");
        column("sandbox_run", "id", "stderr", "job_id in (select id from grading_job where submission_id in " + theirs + ")");
        column("team", "id", "name", "id in (select team_id from team_member where user_id = " + userId + ")");
        column("api_token", "id", "name", "user_id = " + userId);
        auditStates();
    }

    /** Rewrites one text column of the rows {@code where} selects, keyed by the SQL expression {@code key}. */
    private void column(String table, String key, String column, String where) throws SQLException {
        var rows = Rows.list(c, "select (" + key + ")::text as key, " + column + " as text from " + table + " where "
                + where + " and " + column + " is not null");
        try (var s = c.prepareStatement("update " + table + " set " + column + " = ? where (" + key + ")::text = ?")) {
            for (Map<String, Object> row : rows) {
                String before = (String) row.get("text");
                String after = text(before, true);
                if (!after.equals(before)) {
                    s.setString(1, after);
                    s.setString(2, (String) row.get("key"));
                    s.executeUpdate();
                }
            }
        }
    }

    private void auditStates() throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("set local tensormark.redacting = 'on'");
        }
        String[] likes = needles.stream().filter(Needle::everywhere)
                .map(n -> "%" + n.text().replaceAll("([\\\\%_])", "\\\\$1") + "%").toArray(String[]::new);
        var rows = Rows.list(c, "select id, before_state as before, after_state as after from audit_log"
                + " where coalesce(before_state::text, '') || ' ' || coalesce(after_state::text, '') ilike any(?)", (Object) likes);
        try (var s = c.prepareStatement("update audit_log set before_state = ?::jsonb, after_state = ?::jsonb where id = ?")) {
            for (Map<String, Object> row : rows) {
                JsonNode before = (JsonNode) row.get("before");
                JsonNode after = (JsonNode) row.get("after");
                JsonNode newBefore = rewrite(before);
                JsonNode newAfter = rewrite(after);
                if (!java.util.Objects.equals(before, newBefore) || !java.util.Objects.equals(after, newAfter)) {
                    s.setString(1, newBefore == null ? null : newBefore.toString());
                    s.setString(2, newAfter == null ? null : newAfter.toString());
                    s.setLong(3, ((Number) row.get("id")).longValue());
                    s.executeUpdate();
                }
            }
        }
        try (var s = c.createStatement()) {
            s.execute("set local tensormark.redacting = 'off'");
        }
    }

    private JsonNode rewrite(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return new TextNode(text(node.asText(), false));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), rewrite(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).deepCopy();
            for (int i = 0; i < node.size(); i++) {
                copy.set(i, rewrite(node.get(i)));
            }
            return copy;
        }
        return node;
    }
}
