package org.tensormark.tensor;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and fails with a {@link TensorFormatException} as soon as
 * they pass a limit, so a reader never trusts a size that a file declares about itself.
 * Closing it leaves the underlying stream open.
 */
final class CountingInput extends FilterInputStream {

    private final long limit;
    private final String entry;
    private final String what;
    private long count;

    /**
     * @param what what the limit is about, for the message: "bytes in one array" gives
     *             "more than 1024 bytes in one array"
     */
    CountingInput(InputStream in, long limit, String entry, String what) {
        super(in);
        this.limit = limit;
        this.entry = entry;
        this.what = what;
    }

    long count() {
        return count;
    }

    long remaining() {
        return limit - count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // The caller owns the underlying stream (e.g. a ZipInputStream with more entries).
    }

    private void add(long n) {
        count += n;
        if (count > limit) {
            throw new TensorFormatException(entry, "more than " + limit + " " + what);
        }
    }
}
