package org.tensormark.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A declarative grading image ({@code images/<name>.yaml}): the Debian suite and mirror, the
 * packages with the versions the build accepts, the environment every job gets, and the paths
 * dpkg leaves out.
 *
 * @param packages Debian package to a glob on its Debian version ({@code "2.6.0*"})
 * @param environment variables set in every job of this image
 * @param exclude dpkg {@code path-exclude} globs
 * @param include dpkg {@code path-include} globs, exceptions to {@code exclude}
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ImageSpec(String suite, String mirror, Map<String, String> packages, Map<String, String> environment,
        List<String> exclude, List<String> include) {

    private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]+");
    private static final Pattern SUITE = Pattern.compile("[a-z][a-z0-9-]*");

    public ImageSpec {
        if (suite == null || !SUITE.matcher(suite).matches()) {
            throw new IllegalArgumentException("image spec: 'suite' must be a Debian suite name, was " + suite);
        }
        if (mirror == null || !mirror.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("image spec: 'mirror' must be an http(s) URL, was " + mirror);
        }
        if (packages == null || packages.isEmpty()) {
            throw new IllegalArgumentException("image spec: 'packages' lists no package");
        }
        for (String p : packages.keySet()) {
            if (!PACKAGE.matcher(p).matches()) {
                throw new IllegalArgumentException("image spec: '" + p + "' is not a Debian package name");
            }
        }
        packages = Map.copyOf(new LinkedHashMap<>(packages));
        environment = ImageEnvironment.checked(environment == null ? Map.of() : environment);
        exclude = paths("exclude", exclude);
        include = paths("include", include);
    }

    /** Reads and checks a spec file; a wrong key or value fails with a message naming it. */
    public static ImageSpec read(Path file) throws IOException {
        try {
            return new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), ImageSpec.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The packages in a stable order, for the mmdebstrap command line. */
    List<String> packageNames() {
        List<String> names = new ArrayList<>(packages.keySet());
        names.sort(null);
        return names;
    }

    /** Whether {@code version} is one this spec accepts for {@code pkg}. */
    boolean accepts(String pkg, String version) {
        String glob = packages.get(pkg);
        return glob != null && Pattern.compile(Pattern.quote(glob).replace("*", "\\E.*\\Q")).matcher(version).matches();
    }

    private static List<String> paths(String key, List<String> paths) {
        List<String> checked = paths == null ? List.of() : List.copyOf(paths);
        for (String p : checked) {
            if (!p.startsWith("/") || p.contains("..") || p.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("image spec: '" + key + "' entry must be an absolute path glob, was " + p);
            }
        }
        return checked;
    }
}
