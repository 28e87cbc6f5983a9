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
}
