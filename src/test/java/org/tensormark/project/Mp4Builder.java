package org.tensormark.project;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes the boxes of a small MP4 or MOV by hand (ftyp, moov with mvhd and one track's mdhd,
 * hdlr and stsd, then mdat), so the video checks can be tested without an encoder. The mdat may
 * be padded with pseudo-random bytes to any size, streamed, never held in memory.
 */
final class Mp4Builder {

    String brand = "isom";
    long timescale = 1000;
    long duration = 60_000;
    long trackTimescale = 90_000;
    long trackDuration = 60L * 90_000;
    String codec = "avc1";
    String handler = "vide";
    int version;

    Mp4Builder brand(String b) {
        brand = b;
        return this;
    }

    Mp4Builder duration(long timescaleHz, long units) {
        timescale = timescaleHz;
        duration = units;
        trackTimescale = timescaleHz;
        trackDuration = units;
        return this;
    }

    Mp4Builder codec(String fourcc) {
        codec = fourcc;
        return this;
    }

    Mp4Builder handler(String h) {
        handler = h;
        return this;
    }

    Mp4Builder version1() {
        version = 1;
        return this;
    }

    /** Every box before mdat. */
    byte[] header() {
        byte[] ftyp = box("ftyp", concat(ascii(brand), u32(0x200), ascii(brand), ascii("mp41")));
        byte[] mvhd = box("mvhd", version == 1
                ? concat(u32(0x01000000), u64(0), u64(0), u32(timescale), u64(duration), new byte[80])
                : concat(u32(0), u32(0), u32(0), u32(timescale), u32(duration), new byte[80]));
        byte[] mdhd = box("mdhd", version == 1
                ? concat(u32(0x01000000), u64(0), u64(0), u32(trackTimescale), u64(trackDuration), u32(0))
                : concat(u32(0), u32(0), u32(0), u32(trackTimescale), u32(trackDuration), u32(0)));
        byte[] hdlr = box("hdlr", concat(u32(0), u32(0), ascii(handler), new byte[12], ascii("Video\0")));
        byte[] entry = box(codec, new byte[78]);
        byte[] stsd = box("stsd", concat(u32(0), u32(1), entry));
        byte[] stbl = box("stbl", stsd);
        byte[] minf = box("minf", stbl);
        byte[] mdia = box("mdia", concat(mdhd, hdlr, minf));
        byte[] trak = box("trak", mdia);
        byte[] moov = box("moov", concat(mvhd, trak));
        return concat(ftyp, moov);
    }

    /** A whole file of exactly {@code total} bytes: the header, then an mdat of pseudo-random bytes from {@code seed}. */
    InputStream stream(long total, long seed) {
        byte[] head = header();
        long payload = total - head.length - 8;
        byte[] mdat = concat(u32(payload + 8), ascii("mdat"));
        return new SequenceInputStream(new java.io.ByteArrayInputStream(concat(head, mdat)), new NoiseStream(payload, seed));
    }

    byte[] bytes(long total) throws IOException {
        return stream(total, 1).readAllBytes();
    }

    static byte[] box(String type, byte[] body) {
        return concat(u32(8L + body.length), ascii(type), body);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] u32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Pseudo-random bytes (xorshift), fast enough to stream hundreds of megabytes in a test. */
    static final class NoiseStream extends InputStream {

        private long left;
        private long state;
        private long position;

        NoiseStream(long length, long seed) {
            left = length;
            state = seed * 0x9E3779B97F4A7C15L + 1;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++, position++) {
                if ((position & 7) == 0) {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                }
                b[off + i] = (byte) (state >>> ((position & 7) << 3));
            }
            left -= n;
            return n;
        }
    }
}
