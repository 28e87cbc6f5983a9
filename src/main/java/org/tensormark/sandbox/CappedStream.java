package org.tensormark.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of the job on its own thread, keeping the first {@code cap} bytes and
 * counting (but discarding) the rest, so a flooding job never blocks on a full pipe nor fills
 * the host's memory.
 */
final class CappedStream {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final long cap;
    private final Thread reader;
    private volatile long total;

    private CappedStream(InputStream in, long cap, String name) {
        this.cap = cap;
        this.reader = new Thread(() -> drain(in), name);
        this.reader.setDaemon(true);
    }

    static CappedStream start(InputStream in, long cap, String name) {
        CappedStream stream = new CappedStream(in, cap, name);
        stream.reader.start();
        return stream;
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (kept) {
                    int keep = (int) Math.max(0, Math.min(n, cap - kept.size()));
                    kept.write(buffer, 0, keep);
                }
                total += n;
            }
        } catch (IOException e) {
            if (!"Stream closed".equals(e.getMessage())) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Bytes read so far, kept or not. */
    long total() {
        return total;
    }

    /** Waits for the end of the stream; false when it is still open after the timeout. */
    boolean await(long millis) throws InterruptedException {
        reader.join(millis);
        return !reader.isAlive();
    }

    /** The kept text, with a "[truncated]" note when bytes were discarded. */
    String text() {
        synchronized (kept) {
            String text = kept.toString(StandardCharsets.UTF_8);
            long dropped = total - kept.size();
            return dropped > 0 ? text + "\n[truncated: " + dropped + " more bytes not kept]" : text;
        }
    }
}
