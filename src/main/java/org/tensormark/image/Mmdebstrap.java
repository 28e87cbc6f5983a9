package org.tensormark.image;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs mmdebstrap (Debian's bootstrapper: a root filesystem without Docker) with a fixed
 * {@code SOURCE_DATE_EPOCH}, passing each line it prints to {@code progress}. Used for grading images
 * and for the base layer of TensorMark's own container image.
 */
public final class Mmdebstrap {

    private Mmdebstrap() {
    }

    /** Runs {@code command} (its first word is {@code mmdebstrap}); a non-zero exit is an IOException. */
    public static void run(List<String> command, Consumer<String> progress) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SOURCE_DATE_EPOCH", "1735689600");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run mmdebstrap (Debian package mmdebstrap; bin/setup-os installs it): "
                    + e.getMessage(), e);
        }
        p.getOutputStream().close();
        try (var lines = p.inputReader().lines()) {
            lines.forEach(line -> progress.accept("mmdebstrap: " + line));
        }
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IOException("mmdebstrap failed with exit code " + exit + " (its output is above)");
        }
    }
}
