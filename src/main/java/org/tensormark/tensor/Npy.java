package org.tensormark.tensor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads and writes single NumPy {@code .npy} arrays (format versions 1.0, 2.0 and 3.0) with
 * TensorMark's own parser: little-endian, the dtypes of {@link DType}, never pickle. C and Fortran
 * order are both read (NumPy saves a transpose such as {@code y.T} in Fortran order) and written
 * in C order. Everything else is refused with a {@link TensorFormatException} that names the entry.
 */
public final class Npy {

    /** NumPy's own default header limit is 10,000 bytes; we allow more but stay bounded. */
    static final int MAX_HEADER_BYTES = 65_536;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;

    private Npy() {
    }

    /** Reads a .npy file of at most {@code limits.maxArrayBytes()} bytes. */
    public static Tensor read(Path file, NpzLimits limits) throws IOException {
        String entry = file.getFileName().toString();
        requireRegularFile(file, entry);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(entry, in, limits.maxArrayBytes());
        }
    }

    /**
     * Reads one array from {@code in}, which must hold exactly one .npy array and nothing after
     * it. At most {@code maxBytes} bytes (header included) are read.
     */
    public static Tensor read(String entry, InputStream in, long maxBytes) throws IOException {
        CountingInput counted = new CountingInput(in, maxBytes, entry, "bytes in one array");
        NpyHeader header = NpyHeader.parse(entry, headerText(entry, counted));
        if (header.dataBytes() > counted.remaining()) {
            throw new TensorFormatException(entry, "shape " + DType.shapeText(header.shape()) + " of "
                    + header.dtype().numpyName() + " needs " + header.dataBytes() + " bytes, more than the limit of "
                    + maxBytes + " bytes in one array");
        }
        double[] values = NpyData.read(entry, counted, header);
        long extra = 0;
        byte[] rest = new byte[8192];
        for (int n = counted.read(rest); n >= 0; n = counted.read(rest)) {
            extra += n;
        }
        if (extra > 0) {
            throw new TensorFormatException(entry, extra + " unexpected bytes after the array data");
        }
        return new Tensor(header.dtype(), header.shape(), values);
    }

    /** Writes {@code tensor} as a .npy file, replacing {@code file}. */
    public static void write(Path file, Tensor tensor) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(file.getFileName().toString(), tensor, out);
        }
    }

    /** Writes {@code tensor} in .npy format 1.0 (2.0 for headers over 64 KiB) to {@code out}. */
    public static void write(String entry, Tensor tensor, OutputStream out) throws IOException {
        byte[] text = NpyHeader.textOf(tensor).getBytes(StandardCharsets.ISO_8859_1);
        boolean v1 = MAGIC.length + 4 + text.length + ALIGNMENT < 65_536;
        int preamble = MAGIC.length + 2 + (v1 ? 2 : 4);
        int padded = ((preamble + text.length + 1 + ALIGNMENT - 1) / ALIGNMENT) * ALIGNMENT - preamble;
        byte[] header = Arrays.copyOf(text, padded);
        Arrays.fill(header, text.length, padded - 1, (byte) ' ');
        header[padded - 1] = '\n';
        out.write(MAGIC);
        out.write(new byte[] {(byte) (v1 ? 1 : 2), 0});
        out.write(littleEndian(padded, v1 ? 2 : 4));
        out.write(header);
        NpyData.write(entry, tensor, out);
    }

    static void requireRegularFile(Path file, String entry) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new TensorFormatException(entry, "not a regular file");
        }
    }

    private static String headerText(String entry, InputStream in) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new TensorFormatException(entry, notNpy(magic));
        }
        byte[] version = in.readNBytes(2);
        if (version.length < 2) {
            throw truncatedHeader(entry);
        }
        int major = version[0] & 0xff;
        if (major < 1 || major > 3) {
            throw new TensorFormatException(entry, "unsupported .npy format version " + major + "."
                    + (version[1] & 0xff) + " (1.0, 2.0 and 3.0 are read)");
        }
        long length = headerLength(entry, in, major == 1 ? 2 : 4);
        if (length > MAX_HEADER_BYTES) {
            throw new TensorFormatException(entry, "the .npy header claims " + length + " bytes, more than "
                    + MAX_HEADER_BYTES);
        }
        byte[] text = in.readNBytes((int) length);
        if (text.length < length) {
            throw truncatedHeader(entry);
        }
        return new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static long headerLength(String entry, InputStream in, int bytes) throws IOException {
        byte[] lengthBytes = in.readNBytes(bytes);
        if (lengthBytes.length < bytes) {
            throw truncatedHeader(entry);
        }
        long length = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            length = (length << 8) | (lengthBytes[i] & 0xff);
        }
        return length;
    }

    private static String notNpy(byte[] start) {
        if (start.length > 0 && (start[0] & 0xff) == 0x80) {
            return "this is a Python pickle, not a .npy array; pickled data is never loaded (use np.save)";
        }
        if (start.length >= 2 && start[0] == 'P' && start[1] == 'K') {
            return "this is a zip (.npz) archive, not a single .npy array";
        }
        if (start.length < MAGIC.length) {
            return "truncated: " + start.length + " bytes, too short for a .npy array";
        }
        return "not a .npy array (it does not start with \\x93NUMPY; save with np.save)";
    }

    private static TensorFormatException truncatedHeader(String entry) {
        return new TensorFormatException(entry, "the .npy header is truncated");
    }

    private static byte[] littleEndian(int value, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }
}
