package org.tensormark.image;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an installed grading image is: its name, the digest of its tree, where it came from, the
 * runtime versions inside it and every package installed in it. Stored as manifest.json beside
 * the tree and recorded with every result graded in it.
 *
 * @param name the image's name ({@code course-cpu})
 * @param digest {@code sha256:<hex>} of the tree (see {@link TreeDigest})
 * @param source how it was made: {@code build images/course-cpu.yaml (trixie)} or {@code import <file>}
 * @param python the Python version inside, "unknown" when none was found
 * @param numpy the NumPy version inside, "unknown" when none was found
 * @param torch the PyTorch version inside, "unknown" when none was found
 * @param environment variables set in every job of this image
 * @param packages every installed Debian package as {@code name=version} (empty for images without dpkg)
 * @param created when it was built or imported (ISO-8601, UTC)
 * @param interpreter the path of the image's {@code python3} that runs the harness: the first on the
 *     image's own PATH ({@code /opt/conda/bin/python3} in a conda image); {@link #DEFAULT_INTERPRETER}
 *     in built images and in manifests written before it was recorded
 */
public record ImageManifest(String name, String digest, String source, String python, String numpy, String torch,
        Map<String, String> environment, List<String> packages, String created, String interpreter) {

    /** Debian's interpreter, which built images and images imported before the field existed use. */
    public static final String DEFAULT_INTERPRETER = "/usr/bin/python3";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public ImageManifest {
        checkName(name);
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("image digest must be sha256:<64 hex digits>, was " + digest);
        }
        environment = ImageEnvironment.checked(environment == null ? Map.of() : environment);
        packages = packages == null ? List.of() : List.copyOf(packages);
        interpreter = interpreter == null ? DEFAULT_INTERPRETER : interpreter;
        if (!interpreter.startsWith("/") || interpreter.contains("/../") || interpreter.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("image interpreter must be an absolute path inside the image, was " + interpreter);
        }
    }

    /** Refuses a name that is not lower-case letters, digits, '.', '_' or '-' (it becomes a file name). */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("image name must be lower-case letters, digits, '.', '_' or '-' "
                    + "(at most 64), was '" + name + "'");
        }
        return name;
    }

    /** The hex part of the digest, the tree's folder name in the store. */
    String hex() {
        return digest.substring("sha256:".length());
    }

    /** One line for {@code image list} and provenance: name, short digest and versions. */
    public String summary() {
        return name + " " + digest.substring(0, 19) + " python " + python + ", numpy " + numpy + ", torch " + torch;
    }
}
