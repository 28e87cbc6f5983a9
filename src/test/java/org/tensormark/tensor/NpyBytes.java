package org.tensormark.tensor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hand-crafted .npy and .npz bytes, including the malformed ones NumPy would never write. */
final class NpyBytes {

    private NpyBytes() {
    }

    /** A version-1 .npy with {@code header} as its header text and {@code data} after it. */
    static byte[] npy(String header, byte[] data) {
        return npy(1, header, data);
    }

    static byte[] npy(int version, String header, byte[] data) {
        byte[] text = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = ByteBuffer.allocate(12 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (version == 1) {
            buffer.putShort((short) text.length);
        } else {
            buffer.putInt(text.length);
        }
        buffer.put(text).put(data);
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    static String header(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    /** A zip of the given (name, content) pairs, deflated, written by the JDK. */
    static byte[] zip(Object... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndContents[i]));
                zip.write((byte[]) namesAndContents[i + 1]);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
