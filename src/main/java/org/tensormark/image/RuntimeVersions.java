package org.tensormark.image;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python, NumPy and PyTorch versions of an image tree, read from files (never by running
 * anything of the tree): the version files that NumPy and PyTorch install, and Python's own
 * standard-library folder. Works the same for Debian-built and imported (pip, conda) images.
 */
record RuntimeVersions(String python, String numpy, String torch) {

    private static final String UNKNOWN = "unknown";
    private static final Pattern VERSION = Pattern.compile("^(?:__version__|version)\\s*(?::\\s*str)?\\s*=\\s*['\"]([^'\"]+)['\"]",
            Pattern.MULTILINE);
    private static final Pattern PYTHON_DIR = Pattern.compile("python(3\\.\\d+)");
    private static final String[] LIB_ROOTS = {"usr/lib", "usr/local/lib", "opt/conda/lib"};

    /**
     * The versions of the interpreter's own prefix first ({@code <prefix>/bin/python3} runs
     * {@code <prefix>/lib/python3.N} and its {@code site-packages}: a conda or virtual environment's,
     * whose standard library may stay with a base interpreter), then, for what is still unknown, of
     * the usual places: an image may hold a system Python beside the one it runs.
     */
    static RuntimeVersions of(Path root, String interpreter) throws IOException {
        List<String> libs = new ArrayList<>();
        Path bin = Path.of(interpreter).getParent();
        Path prefix = bin == null ? null : bin.getParent();
        if (prefix != null && prefix.getParent() != null) {
            libs.add(prefix.resolve("lib").toString().substring(1));
        }
        libs.addAll(List.of(LIB_ROOTS));
        String[] found = {UNKNOWN, UNKNOWN, UNKNOWN}; // python, numpy, torch: the first found of each stands
        for (String libRoot : libs) {
            Path lib = LayerPaths.insideOrNull(root, libRoot);
            if (lib == null || !Files.isDirectory(lib, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(lib, "python3.*")) {
                for (Path dir : dirs) {
                    Matcher m = PYTHON_DIR.matcher(dir.getFileName().toString());
                    if (m.matches() && (Files.isRegularFile(dir.resolve("os.py"), LinkOption.NOFOLLOW_LINKS)
                            || Files.isDirectory(dir.resolve("site-packages"), LinkOption.NOFOLLOW_LINKS))) {
                        found[0] = found[0].equals(UNKNOWN) ? m.group(1) : found[0];
                        packages(dir.resolve("dist-packages"), found);
                        packages(dir.resolve("site-packages"), found);
                    }
                }
            }
            packages(lib.resolve("python3/dist-packages"), found);
        }
        return new RuntimeVersions(found[0], found[1], found[2]);
    }

    /** NumPy's and PyTorch's versions in one packages folder, where still unknown. */
    private static void packages(Path site, String[] found) throws IOException {
        found[1] = pick(found[1], site.resolve("numpy/version.py"));
        found[2] = pick(found[2], site.resolve("torch/version.py"));
    }

    private static String pick(String found, Path versionFile) throws IOException {
        if (!found.equals(UNKNOWN) || !Files.isRegularFile(versionFile, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        return version(Files.readString(versionFile)).orElse(found);
    }

    static Optional<String> version(String versionPy) {
        Matcher m = VERSION.matcher(versionPy);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
