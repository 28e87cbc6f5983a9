package org.tensormark.client;

import static org.tensormark.client.ServerApi.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code roster list|import|enrol|drop|change|limit|password-links}. */
final class RosterCommands {

    private RosterCommands() {
    }

    static int run(Session s) throws IOException {
        String what = s.args.word(0, "what to do: list, import, enrol, drop, change, limit or password-links");
        String course = s.args.word(1, "the course id");
        String base = "/api/courses/" + encode(course) + "/roster";
        return switch (what) {
            case "list" -> list(s, base);
            case "import" -> importFile(s, base);
            case "enrol" -> show(s, s.api().post(base, enrolment(s)));
            case "drop" -> {
                s.api().delete(base + "/" + encode(s.args.word(2, "the username")));
                yield show(s, Map.of("dropped", s.args.word(2, "the username")));
            }
            case "change" -> show(s, s.api().put(base + "/" + encode(s.args.word(2, "the username")), change(s)));
            case "limit" -> show(s, s.api().put(base + "/" + encode(s.args.word(2, "the TA's username")) + "/sections",
                    Map.of("sections", s.args.words().subList(3, s.args.words().size()))));
            case "password-links" -> links(s, base);
            default -> throw ClientFailure.usage("unknown roster command '" + what + "'");
        };
    }

    private static int list(Session s, String base) throws IOException {
        StringBuilder q = new StringBuilder("?");
        for (String f : List.of("section", "role", "search")) {
            if (s.args.option(f) != null) {
                q.append(f).append('=').append(encode(s.args.option(f))).append('&');
            }
        }
        Map<String, Object> view = Session.map(s.api().get(base + q));
        s.show(view, () -> {
            s.table(List.of("USERNAME", "NAME", "STUDENT ID", "SECTION", "ROLE", "STATUS"),
                    Session.list(view.get("members")).stream().map(m -> {
                        Map<String, Object> p = Session.map(m);
                        return Session.row(p.get("username"), p.get("name"), p.get("studentId"), p.get("section"),
                                p.get("role"), Boolean.TRUE.equals(p.get("dropped")) ? "dropped" : "enrolled");
                    }).toList());
            s.io.out().println("counts: " + view.get("counts") + "  sections: " + view.get("sections"));
        });
        return 0;
    }

    private static int importFile(Session s, String base) throws IOException {
        Path file = Path.of(s.args.word(2, "the CSV file"));
        if (!Files.isReadable(file)) {
            throw ClientFailure.usage("cannot read " + file);
        }
        String query = "?partial=" + s.args.flag("partial") + "&dropMissing=" + s.args.flag("drop-missing")
                + "&dryRun=" + s.args.flag("dry-run");
        Map<String, Object> report = Session.map(s.api().postText(base + "/import" + query, "text/csv",
                Files.readString(file), 422));
        boolean applied = Boolean.TRUE.equals(report.get("applied"));
        s.show(report, () -> {
            s.io.out().println(report.get("format") + " roster: " + report.get("created") + " new accounts, "
                    + report.get("enrolled") + " enrolled, " + report.get("updated") + " updated, " + report.get("dropped")
                    + " dropped, " + report.get("unchanged") + " unchanged" + (applied ? "" : " (NOT applied)"));
            Session.list(report.get("errors")).forEach(e -> s.io.out().println("  line " + Session.map(e).get("line")
                    + ": " + Session.map(e).get("message")));
        });
        if (!applied && !s.args.flag("dry-run")) {
            throw new ClientFailure(1, "422: the file has bad rows; nothing was changed (fix them or use --partial)");
        }
        return 0;
    }

    private static Map<String, Object> enrolment(Session s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", s.args.word(2, "the username"));
        body.put("name", s.args.required("name"));
        for (String[] f : new String[][] {{"email", "email"}, {"student-id", "studentId"}, {"section", "section"},
                {"role", "role"}}) {
            if (s.args.option(f[0]) != null) {
                body.put(f[1], s.args.option(f[0]));
            }
        }
        return body;
    }

    private static Map<String, Object> change(Session s) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (s.args.option("role") != null) {
            body.put("role", s.args.option("role"));
        }
        if (s.args.option("section") != null) {
            body.put("section", s.args.option("section"));
        }
        return body;
    }

    private static int links(Session s, String base) throws IOException {
        List<Object> links = Session.list(s.api().post(base + "/password-links", null));
        s.show(links, () -> {
            s.io.out().print(CourseCommands.csvLine(List.of("username", "name", "email", "url", "expires_at")));
            links.forEach(l -> {
                Map<String, Object> m = Session.map(l);
                s.io.out().print(CourseCommands.csvLine(List.of(String.valueOf(m.get("username")),
                        String.valueOf(m.get("name")), m.get("email") == null ? "" : String.valueOf(m.get("email")),
                        String.valueOf(m.get("url")), String.valueOf(m.get("expiresAt")))));
            });
        });
        return 0;
    }

    private static int show(Session s, Object value) {
        s.show(value, () -> s.io.out().println(value instanceof Map<?, ?> m && m.get("username") != null
                ? m.get("username") + ": " + m.get("role") + (m.get("section") == null ? "" : ", section "
                + m.get("section")) + (Boolean.TRUE.equals(m.get("dropped")) ? ", dropped" : "")
                : String.valueOf(value)));
        return 0;
    }
}
