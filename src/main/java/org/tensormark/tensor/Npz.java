package org.tensormark.tensor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy {@code .npz} archives: a zip of .npy arrays, stored or deflated, keyed
 * by entry name without ".npy" (as {@code np.load} does). Reading streams the archive once,
 * counting inflated bytes against {@link NpzLimits}; the sizes the zip declares are never
 * trusted. Path-like and duplicate names are refused.
 */
public final class Npz {

    private static final byte[] ZIP_MAGIC = {'P', 'K'};

    private Npz() {
    }

    /** Reads every array of {@code file}, in archive order. */
    public static Map<String, Tensor> read(Path file, NpzLimits limits) throws IOException {
        String name = file.getFileName().toString();
        Npy.requireRegularFile(file, name);
        try (InputStream in = Files.newInputStream(file)) {
            return read(name, in, limits);
        }
    }

    /**
     * Reads a hand-in's output file, telling .npy from .npz by content: every array of an archive,
     * or the one array of a .npy keyed by the file name without ".npy".
     */
    public static Map<String, Tensor> readFile(Path file, NpzLimits limits) throws IOException {
        String name = file.getFileName().toString();
        Npy.requireRegularFile(file, name);
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(1);
        }
        if (start.length == 1 && (start[0] & 0xff) == 0x93) {
            String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
            requirePlainName(name, key);
            return Map.of(key, Npy.read(file, limits));
        }
        return read(file, limits);
    }

    /** Reads every array of the archive {@code in}; {@code name} prefixes entry names in errors. */
    public static Map<String, Tensor> read(String name, InputStream in, NpzLimits limits) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        requireZip(name, buffered);
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(buffered)) {
            CountingInput total = new CountingInput(zip, limits.maxTotalBytes(), name, "uncompressed bytes in the archive");
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String key = key(name, entry.getName());
                if (arrays.containsKey(key)) {
                    throw new TensorFormatException(name + ":" + entry.getName(), "duplicate entry '" + key + "'");
                }
                if (arrays.size() == limits.maxEntries()) {
                    throw new TensorFormatException(name, "more than " + limits.maxEntries() + " entries");
                }
                arrays.put(key, Npy.read(name + ":" + key, total, limits.maxArrayBytes()));
            }
        } catch (ZipException e) {
            throw new TensorFormatException(name, "not a valid .npz (zip) archive: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new TensorFormatException(name, "the .npz archive is truncated", e);
        }
        return Collections.unmodifiableMap(arrays);
    }

    /** Writes {@code arrays} as an .npz, via a temporary file renamed into place. */
    public static void write(Path file, Map<String, Tensor> arrays) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                write(out, arrays);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes {@code arrays} to {@code out} as an uncompressed .npz (as {@code np.savez} does; float
     * data barely deflates), in map order; {@code out} stays open.
     */
    public static void write(OutputStream out, Map<String, Tensor> arrays) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, Tensor> array : arrays.entrySet()) {
            String key = array.getKey();
            requirePlainName(key, key);
            ByteArrayOutputStream npy = new ByteArrayOutputStream();
            Npy.write(key, array.getValue(), npy);
            CRC32 crc = new CRC32();
            crc.update(npy.toByteArray());
            ZipEntry entry = new ZipEntry(key + ".npy");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(npy.size());
            entry.setCompressedSize(npy.size());
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            npy.writeTo(zip);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    private static void requireZip(String name, BufferedInputStream in) throws IOException {
        in.mark(ZIP_MAGIC.length);
        byte[] start = in.readNBytes(ZIP_MAGIC.length);
        in.reset();
        if (!Arrays.equals(start, ZIP_MAGIC)) {
            throw new TensorFormatException(name, start.length > 0 && (start[0] & 0xff) == 0x93
                    ? "this is a single .npy array, not an .npz archive"
                    : "not an .npz archive (it does not start with a zip header; save with np.savez)");
        }
    }

    private static String key(String archive, String entryName) {
        String key = entryName.endsWith(".npy") ? entryName.substring(0, entryName.length() - 4) : entryName;
        requirePlainName(archive + ":" + entryName, key);
        return key;
    }

    private static void requirePlainName(String entry, String key) {
        boolean pathLike = key.isEmpty() || key.startsWith(".") || key.chars().anyMatch(
                c -> c == '/' || c == '\\' || c == ':' || Character.isISOControl(c));
        if (pathLike) {
            throw new TensorFormatException(entry, "entry name '" + key.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a plain array name (no paths, no leading dot, no control characters)");
        }
    }
}
