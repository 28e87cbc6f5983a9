package org.tensormark.submission;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zip archives for tests, including the malformed and malicious ones no zip tool makes. */
final class Zips {

    private Zips() {
    }

    static byte[] of(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] of(String name, String content) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(name, content.getBytes());
        return of(m);
    }

    static Path write(Path dir, String name, byte[] zip) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, zip);
        return file;
    }

    /** Offset of the n-th (0-based) central directory header. */
    static int central(byte[] zip, int n) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int seen = 0;
        for (int i = 0; i + 4 <= zip.length; i++) {
            if (b.getInt(i) == 0x02014b50 && seen++ == n) {
                return i;
            }
        }
        throw new IllegalArgumentException("no central header " + n);
    }

    /** Marks the n-th entry as a Unix file of the given type and mode (e.g. 0120777 for a symlink). */
    static byte[] withUnixMode(byte[] zip, int n, int mode) {
        byte[] copy = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        int at = central(copy, n);
        b.putShort(at + 4, (short) 0x031E);
        b.putInt(at + 38, mode << 16);
        return copy;
    }

    /** Points the n-th entry's directory record at the local header of entry m. */
    static byte[] withLocalOffsetOf(byte[] zip, int n, int m) {
        byte[] copy = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(central(copy, n) + 42, b.getInt(central(copy, m) + 42));
        return copy;
    }

    /** Replaces every occurrence of one name with another of the same length. */
    static byte[] renamed(byte[] zip, String from, String to) {
        String text = new String(zip, java.nio.charset.StandardCharsets.ISO_8859_1).replace(from, to);
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Sets a little-endian field of the end-of-directory record (the last 22 bytes of a zip without comment). */
    static byte[] withEndField(byte[] zip, int field, int width, long value) {
        byte[] copy = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        int at = copy.length - 22 + field;
        if (width == 2) {
            b.putShort(at, (short) value);
        } else {
            b.putInt(at, (int) value);
        }
        return copy;
    }

    static byte[] appended(byte[] zip, byte[] more) {
        byte[] copy = java.util.Arrays.copyOf(zip, zip.length + more.length);
        System.arraycopy(more, 0, copy, zip.length, more.length);
        return copy;
    }

    /** A second, equally valid end record hidden as the comment of the first (readers pick different ones). */
    static byte[] withTwoEndRecords(byte[] zip) {
        byte[] end = java.util.Arrays.copyOfRange(zip, zip.length - 22, zip.length);
        return appended(withEndField(zip, 20, 2, 22), end);
    }

    /** Inserts a ZIP64 end record and locator repeating the end record's figures, as {@code zip -fz} does. */
    static byte[] withZip64EndRecord(byte[] zip) {
        ByteBuffer in = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - 22;
        ByteBuffer z = ByteBuffer.allocate(76).order(ByteOrder.LITTLE_ENDIAN);
        z.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                .putLong(Short.toUnsignedInt(in.getShort(end + 10))).putLong(Short.toUnsignedInt(in.getShort(end + 10)))
                .putLong(Integer.toUnsignedLong(in.getInt(end + 12))).putLong(Integer.toUnsignedLong(in.getInt(end + 16)));
        z.putInt(0x07064b50).putInt(0).putLong(end).putInt(1);
        byte[] out = new byte[zip.length + 76];
        System.arraycopy(zip, 0, out, 0, end);
        System.arraycopy(z.array(), 0, out, end, 76);
        System.arraycopy(zip, end, out, end + 76, 22);
        return out;
    }
}
