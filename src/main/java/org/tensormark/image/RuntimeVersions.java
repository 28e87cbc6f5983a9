package org.tensormark.image;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
     * the usual places ({@link #of(Path)}): an image may hold a system Python beside the one it runs.
     */
    static RuntimeVersions of(Path root, String interpreter) throws IOException {
        String python = UNKNOWN;
        String numpy = UNKNOWN;
        String torch = UNKNOWN;
        Path bin = Path.of(interpreter).getParent();
        Path prefix = bin == null ? null : bin.getParent();
        Path lib = prefix == null || prefix.getParent() == null ? null
                : LayerPaths.insideOrNull(root, prefix.resolve("lib").toString().substring(1));
        if (lib != null && Files.isDirectory(lib, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(lib, "python3.*")) {
                for (Path dir : dirs) {
                    Matcher m = PYTHON_DIR.matcher(dir.getFileName().toString());
                    boolean used = Files.isRegularFile(dir.resolve("os.py"), LinkOption.NOFOLLOW_LINKS)
                            || Files.isDirectory(dir.resolve("site-packages"), LinkOption.NOFOLLOW_LINKS);
                    if (!m.matches() || !used) {
                        continue;
                    }
                    if (python.equals(UNKNOWN)) {
                        python = m.group(1);
                    }
                    for (String site : new String[] {"dist-packages", "site-packages"}) {
                        numpy = pick(numpy, dir.resolve(site).resolve("numpy/version.py"));
                        torch = pick(torch, dir.resolve(site).resolve("torch/version.py"));
                    }
                }
            }
        }
        RuntimeVersions usual = of(root);
        return new RuntimeVersions(python.equals(UNKNOWN) ? usual.python() : python,
                numpy.equals(UNKNOWN) ? usual.numpy() : numpy, torch.equals(UNKNOWN) ? usual.torch() : torch);
    }

    private static RuntimeVersions of(Path root) throws IOException {
        String python = UNKNOWN;
        String numpy = UNKNOWN;
        String torch = UNKNOWN;
        for (String libRoot : LIB_ROOTS) {
            Path lib = LayerPaths.insideOrNull(root, libRoot);
            if (lib == null || !Files.isDirectory(lib, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(lib, "python3.*")) {
                for (Path dir : dirs) {
                    Matcher m = PYTHON_DIR.matcher(dir.getFileName().toString());
                    if (!m.matches() || !Files.isRegularFile(dir.resolve("os.py"), LinkOption.NOFOLLOW_LINKS)) {
                        continue;
                    }
                    python = m.group(1);
                    for (String site : new String[] {"dist-packages", "site-packages"}) {
                        numpy = pick(numpy, dir.resolve(site).resolve("numpy/version.py"));
                        torch = pick(torch, dir.resolve(site).resolve("torch/version.py"));
                    }
                }
            }
            for (String site : new String[] {"python3/dist-packages"}) {
                numpy = pick(numpy, lib.resolve(site).resolve("numpy/version.py"));
                torch = pick(torch, lib.resolve(site).resolve("torch/version.py"));
            }
        }
        return new RuntimeVersions(python, numpy, torch);
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
