package org.tensormark.client;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long download on stderr, so stdout keeps only the summary (or {@code --json}):
 * a bar redrawn in place on a terminal, one plain line per file when stderr is a file or a pipe,
 * so that logs stay readable.
 */
abstract class Progress {

    final PrintStream err;
    final long totalBytes;
    final int totalFiles;
    long bytes;
    int files;

    private Progress(PrintStream err, long totalBytes, int totalFiles) {
        this.err = err;
        this.totalBytes = totalBytes;
        this.totalFiles = totalFiles;
    }

    static Progress of(Session.Io io, long totalBytes, int totalFiles) {
        boolean terminal = System.console() != null && io.err() == System.err;
        return terminal ? new Bar(io.err(), totalBytes, totalFiles) : new Lines(io.err(), totalBytes, totalFiles);
    }

    void finished(String name, long size, HandinDownload.Done done) {
        files++;
        bytes += size;
        show(name, done);
    }

    abstract void show(String name, HandinDownload.Done done);

    void close() {
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static final class Bar extends Progress {

        private static final int WIDTH = 30;

        private Bar(PrintStream err, long totalBytes, int totalFiles) {
            super(err, totalBytes, totalFiles);
        }

        @Override
        void show(String name, HandinDownload.Done done) {
            int filled = totalBytes == 0 ? WIDTH : (int) (WIDTH * bytes / totalBytes);
            err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + files + "/" + totalFiles
                    + " files, " + megabytes(bytes) + " of " + megabytes(totalBytes) + "   ");
            err.flush();
        }

        @Override
        void close() {
            err.println();
        }
    }

    private static final class Lines extends Progress {

        private Lines(PrintStream err, long totalBytes, int totalFiles) {
            super(err, totalBytes, totalFiles);
        }

        @Override
        void show(String name, HandinDownload.Done done) {
            err.println(files + "/" + totalFiles + " " + name + ": " + done.name().toLowerCase(Locale.ROOT)
                    + " (" + megabytes(bytes) + " of " + megabytes(totalBytes) + ")");
        }
    }
}
