package org.tensormark.tensor;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs small Python + NumPy snippets with the system interpreter; a missing NumPy fails the test. */
final class NumpyScripts {

    static final String PYTHON = "/usr/bin/python3";

    private NumpyScripts() {
    }

    /** A fresh directory under target/ for one test class's files. */
    static Path directory(String name) throws IOException {
        Path dir = Path.of("target", "numpy-fixtures", name).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    /** Runs {@code script} with {@code args} as sys.argv[1:], returning stdout; fails on any error. */
    static String run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail(PYTHON + " is missing; install python3 and python3-numpy (bin/setup-os): " + e);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("python snippet ran for over 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (output.contains("No module named 'numpy'")) {
            fail("NumPy is missing for " + PYTHON + "; install python3-numpy (bin/setup-os)");
        }
        if (process.exitValue() != 0) {
            fail("python snippet exited " + process.exitValue() + ":\n" + output);
        }
        return output;
    }
}
