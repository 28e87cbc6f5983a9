package org.tensormark.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The load test's students, made through the same API an instructor uses: a roster import
 * enrols {@code loadtest1..N} in the course (creating the accounts that do not exist yet), then
 * each account without a password gets one through its set-password link. Students left by an
 * earlier run are reused as they are.
 */
final class LoadStudents {

    static final String PREFIX = "loadtest";
    static final String PASSWORD = "load-test-password";

    private final HttpApi api;
    private final PrintStream out;

    LoadStudents(HttpApi api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    static List<String> usernames(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> PREFIX + i).toList();
    }

    /**
     * Enrols the first {@code n} load-test students in {@code course} as {@code staffCookie}'s
     * instructor and gives the new ones the load-test password; returns their usernames. Refuses
     * when the course has other members without a password, whose set-password links a new batch
     * of links would void.
     */
    List<String> ensure(String staffCookie, String course, int n) throws IOException, InterruptedException {
        List<String> names = usernames(n);
        String roster = "/api/courses/" + URLEncoder.encode(course, StandardCharsets.UTF_8) + "/roster";
        StringBuilder csv = new StringBuilder("username,name,role\n");
        names.forEach(u -> csv.append(u).append(",Load Test ").append(u.substring(PREFIX.length())).append(",student\n"));
        JsonNode report = api.post(roster + "/import?partial=true", staffCookie, "text/csv", csv.toString());
        out.printf("roster import into %s: %s new accounts, %s enrolled, %s unchanged%n", course,
                report.path("created").asText(), report.path("enrolled").asText(), report.path("unchanged").asText());
        List<String> passwordless = new ArrayList<>();
        for (JsonNode m : api.get(roster, staffCookie).path("members")) {
            if (!m.path("dropped").asBoolean() && !m.path("hasPassword").asBoolean()) {
                passwordless.add(m.path("username").asText());
            }
        }
        List<String> others = passwordless.stream().filter(u -> !u.matches(PREFIX + "[0-9]+")).toList();
        if (!others.isEmpty()) {
            throw new IllegalStateException("course " + course + " has " + others.size() + " member(s) without a password"
                    + " besides the load-test students (" + String.join(", ", others.subList(0, Math.min(5, others.size())))
                    + "); new set-password links would void theirs. Load-test another course (--course).");
        }
        if (!passwordless.isEmpty()) {
            setPasswords(staffCookie, roster);
        }
        return names;
    }

    private void setPasswords(String staffCookie, String roster) throws IOException, InterruptedException {
        JsonNode links = api.post(roster + "/password-links", staffCookie, null);
        for (JsonNode link : links) {
            String url = link.path("url").asText();
            String token = url.substring(url.indexOf("token=") + "token=".length());
            api.post("/api/auth/set-password", null, Map.of("token", token, "password", PASSWORD));
        }
        out.printf("set the load-test password of %d new students%n", links.size());
    }
}
