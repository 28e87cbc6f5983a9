package org.tensormark.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sees sandbox runs of grading jobs begin: the grader makes the job's directory under the
 * worker's jobs directory before anything runs, so a directory made there is a run.
 */
final class JobDirectoryWatch implements AutoCloseable {

    private final Path jobsDir;
    private final WatchService watcher;

    JobDirectoryWatch(Path jobsDir) throws IOException {
        this.jobsDir = Files.createDirectories(jobsDir);
        this.watcher = jobsDir.getFileSystem().newWatchService();
        jobsDir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
    }

    /** Entries made in the jobs directory since the watch began, waiting {@code settle} for late ones. */
    List<Path> made(Duration settle) throws InterruptedException {
        List<Path> made = new ArrayList<>();
        long deadline = System.nanoTime() + settle.toNanos();
        for (long left = settle.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            WatchKey key = watcher.poll(left, TimeUnit.NANOSECONDS);
            if (key == null) {
                break;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                made.add(event.kind() == StandardWatchEventKinds.OVERFLOW ? jobsDir.resolve("(overflow)")
                        : jobsDir.resolve((Path) event.context()));
            }
            key.reset();
        }
        return made;
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
