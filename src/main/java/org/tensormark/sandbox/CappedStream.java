package org.tensormark.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of the job on its own thread, keeping at most {@code cap} bytes: the
 * first half and the last half of what was written, counting (but discarding) the middle, so a
 * flooding job never blocks on a full pipe nor fills the host's memory, and the student still
 * sees how their program ended (the traceback is at the end).
 */
final class CappedStream {

    private final byte[] head;
    private final byte[] tail;
    private final Thread reader;
    private final ProgressLines progress;
    private int headSize;
    private long tailWritten;
    private volatile long total;

    private CappedStream(InputStream in, long cap, String name, ProgressLines progress) {
        this.progress = progress;
        int kept = (int) Math.min(cap, Integer.MAX_VALUE - 8);
        this.head = new byte[kept - kept / 2];
        this.tail = new byte[kept / 2];
        this.reader = new Thread(() -> drain(in), name);
        this.reader.setDaemon(true);
    }

    static CappedStream start(InputStream in, long cap, String name) {
        return start(in, cap, name, null);
    }

    /** As {@link #start(InputStream, long, String)}, also handing the stream's progress lines to {@code progress} (may be null). */
    static CappedStream start(InputStream in, long cap, String name, ProgressLines progress) {
        CappedStream stream = new CappedStream(in, cap, name, progress);
        stream.reader.start();
        return stream;
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                keep(buffer, n);
                total += n;
                if (progress != null) {
                    progress.feed(buffer, n);
                }
            }
        } catch (IOException e) {
            if (!"Stream closed".equals(e.getMessage())) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private synchronized void keep(byte[] buffer, int n) {
        int toHead = Math.min(n, head.length - headSize);
        System.arraycopy(buffer, 0, head, headSize, toHead);
        headSize += toHead;
        for (int i = Math.max(toHead, n - tail.length); i < n && tail.length > 0; i++) {
            tail[(int) (tailWritten++ % tail.length)] = buffer[i];
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

    /** The kept text: all of it, or its head and tail around a "[truncated: N bytes cut here]" note. */
    synchronized String text() {
        ByteArrayOutputStream end = new ByteArrayOutputStream();
        if (tailWritten > tail.length) {
            int start = (int) (tailWritten % tail.length);
            end.write(tail, start, tail.length - start);
            end.write(tail, 0, start);
        } else {
            end.write(tail, 0, (int) tailWritten);
        }
        long dropped = total - headSize - end.size();
        if (dropped <= 0) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(head, 0, headSize);
            all.writeBytes(end.toByteArray());
            return all.toString(StandardCharsets.UTF_8);
        }
        byte[] last = end.toByteArray();
        int first = wholeCharacters(head, headSize);
        int from = 0;
        while (from < last.length && from < 3 && (last[from] & 0xC0) == 0x80) {
            from++;
        }
        return new String(head, 0, first, StandardCharsets.UTF_8) + "\n[truncated: " + (dropped + headSize - first + from)
                + " bytes cut here]\n" + new String(last, from, last.length - from, StandardCharsets.UTF_8);
    }

    /** The length of {@code bytes[0, n)} without a UTF-8 character the cut left incomplete at its end. */
    private static int wholeCharacters(byte[] bytes, int n) {
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return length > back ? n - back : n;
            }
        }
        return n;
    }
}
