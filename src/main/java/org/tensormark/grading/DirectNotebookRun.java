package org.tensormark.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The baseline of {@code notebook-benchmark}: the hand-in's notebooks run directly in the grading
 * image, without the platform. The image has nbclient and ipykernel but not nbconvert, so this runs
 * nbclient's {@code NotebookClient} itself, which is what {@code jupyter nbconvert --execute} runs
 * underneath; it runs under bubblewrap only to use the image as its root file system (read-only,
 * no network, a private /tmp), with no cgroup, seccomp or harness, in one working directory holding
 * the data files and the hand-in's modules, notebooks in the declared order, errors allowed.
 */
final class DirectNotebookRun {

    private static final String SCRIPT = """
            import sys, time, nbformat
            from nbclient import NotebookClient
            for path in sys.argv[1:]:
                nb = nbformat.read(path, as_version=4)
                started = time.monotonic()
                NotebookClient(nb, timeout=None, kernel_name="python3", allow_errors=True,
                               resources={"metadata": {"path": "/tmp/work"}}).execute()
                print("%s %.3f" % (path, time.monotonic() - started), flush=True)
            """;

    private DirectNotebookRun() {
    }

    /** What one direct run took, in all and per notebook (as nbclient's caller measured it). */
    record Timing(Duration wall, List<String> perNotebook) {
    }

    /**
     * Runs {@code notebooks} (paths in the hand-in folder, in grading order) with the {@code data}
     * files and the hand-in's {@code .py} modules beside them.
     */
    static Timing run(Path imageRoot, Path handin, List<Path> notebooks, List<Path> data, Duration limit)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("tensormark-direct");
        try {
            for (Path d : data) {
                Files.copy(d, work.resolve(d.getFileName()));
            }
            try (var files = Files.list(handin)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".py") || p.toString().endsWith(".ipynb")).toList()) {
                    Files.copy(f, work.resolve(f.getFileName()));
                }
            }
            List<String> command = new ArrayList<>(List.of("bwrap", "--ro-bind", imageRoot.toString(), "/",
                    "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--bind", work.toString(), "/tmp/work",
                    "--chdir", "/tmp/work", "--unshare-all", "--die-with-parent", "--clearenv",
                    "--setenv", "HOME", "/tmp", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "MPLBACKEND", "Agg",
                    "python3", "-c", SCRIPT));
            notebooks.forEach(nb -> command.add(nb.getFileName().toString()));
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the direct run took longer than " + limit);
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("the direct run failed (exit " + p.exitValue() + "):\n" + text);
            }
            return new Timing(wall, text.lines().filter(l -> l.matches(".*\\.ipynb [0-9.]+")).toList());
        } finally {
            try (var walk = Files.walk(work)) {
                for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
