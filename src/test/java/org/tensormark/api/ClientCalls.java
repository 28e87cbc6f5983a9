package org.tensormark.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The REST calls the command-line client makes, read from its sources: one {@code "METHOD /path/{}"}
 * per call, a path segment computed at run time written {@code {}} and a query string left off. It
 * reads the calls as the client writes them ({@code api.get("/api/" + encode(x) + "/y")}, a path kept
 * in a local {@code String} first, or {@code send("POST", "/api/...", ...)}), so that a new call is
 * found without anyone listing it. A path built anywhere else (say, kept for a later download) is
 * listed as {@code "ANY /path"}: its method is not known, the path must exist.
 */
final class ClientCalls {

    private static final Pattern CALL = Pattern.compile("\\.(get|getText|post|postText|put|delete)\\(");
    private static final Pattern DIRECT = Pattern.compile("(?:send|open)\\(\"(GET|POST|PUT|DELETE)\", \"(/api/[^\"]*)\"");
    private static final Pattern PATH = Pattern.compile("\"/api/");
    private static final Pattern LOCAL = Pattern.compile("String (\\w+) = (\"/api/[^;]*);");
    private static final Map<String, String> VERBS = Map.of("get", "GET", "getText", "GET", "post", "POST",
            "postText", "POST", "put", "PUT", "delete", "DELETE");

    private ClientCalls() {
    }

    static SortedSet<String> in(Path sourceFolder) {
        SortedSet<String> calls = new TreeSet<>();
        try (Stream<Path> files = Files.list(sourceFolder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                calls.addAll(inSource(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return calls;
    }

    static List<String> inSource(String source) {
        Map<String, String> locals = new HashMap<>();
        Matcher local = LOCAL.matcher(source);
        while (local.find()) {
            locals.put(local.group(1), template(local.group(2), Map.of()));
        }
        List<String> calls = new ArrayList<>();
        Matcher call = CALL.matcher(source);
        while (call.find()) {
            String argument = firstArgument(source, call.end());
            String path = template(argument, locals);
            if (path.startsWith("/api/")) {
                calls.add(VERBS.get(call.group(1)) + " " + path);
            }
        }
        Matcher direct = DIRECT.matcher(source);
        while (direct.find()) {
            calls.add(direct.group(1) + " " + template('"' + direct.group(2) + '"', Map.of()));
        }
        Matcher path = PATH.matcher(source);
        while (path.find()) {
            String found = template(firstArgument(source, path.start()), locals);
            if (calls.stream().noneMatch(c -> c.endsWith(" " + found))) {
                calls.add("ANY " + found);
            }
        }
        return calls;
    }

    /** The text of a call's first argument: up to the first comma, semicolon or closing parenthesis at its own depth. */
    private static String firstArgument(String source, int from) {
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"' && source.charAt(i - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[' || c == '{')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']' || c == '}')) {
                if (depth-- == 0) {
                    return source.substring(from, i);
                }
            } else if (!quoted && (c == ',' || c == ';') && depth == 0) {
                return source.substring(from, i);
            }
        }
        return "";
    }

    /**
     * A concatenation as a path template: literals kept, a known local replaced by its template, any
     * other expression after a {@code /} a segment {@code {}}, and anything after a query mark, or an
     * expression not after a {@code /} (a query built elsewhere), left off.
     */
    static String template(String expression, Map<String, String> locals) {
        StringBuilder path = new StringBuilder();
        for (String part : concatenated(expression.strip())) {
            String p = part.strip();
            if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
                path.append(p, 1, p.length() - 1);
            } else if (locals.containsKey(p)) {
                path.append(locals.get(p));
            } else if (path.length() > 0 && path.charAt(path.length() - 1) == '/') {
                path.append("{}");
            } else {
                break;
            }
            int query = path.indexOf("?");
            if (query >= 0) {
                path.setLength(query);
                break;
            }
        }
        return path.toString();
    }

    private static List<String> concatenated(String expression) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '"' && (i == 0 || expression.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == '+') {
                parts.add(expression.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(expression.substring(start));
        return parts;
    }
}
