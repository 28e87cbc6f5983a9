package org.tensormark.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a zip's central directory itself and refuses anything unsafe before a byte is unpacked:
 * paths with {@code ..}, absolute or drive paths, symlink and device entries, duplicate names,
 * compiled code (a TA reads the source, so only the source may run), encryption, a damaged or
 * ambiguous end-of-directory record, entries whose data overlap (overlapping-entry bombs), too
 * many entries, and — while inflating the real data — too many bytes or too high a compression
 * ratio (zip bombs).
 */
public final class ArchiveInspector {

    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;

    private final ArchiveLimits limits;

    public ArchiveInspector(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** One file of a safe archive. */
    public record Entry(String name, boolean directory, int method, long compressedSize, long size,
            long localHeaderOffset) {
    }

    /** Checks the whole archive, inflating every entry to count its real bytes; returns its entries. */
    public List<Entry> inspect(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            List<Entry> entries = centralDirectory(channel);
            long total = 0;
            for (Entry e : entries) {
                if (!e.directory()) {
                    total += inflate(channel, e, OutputStream.nullOutputStream(), limits.maxTotalBytes() - total);
                }
            }
            return entries;
        }
    }

    /** Unpacks a checked archive into an empty directory, creating only regular files and directories. */
    public void extract(Path zip, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            List<Entry> entries = centralDirectory(channel);
            long total = 0;
            for (Entry e : entries) {
                Path out = target.resolve(e.name()).normalize();
                if (!out.startsWith(target)) {
                    throw new UnsafeArchiveException("entry '" + e.name() + "' would land outside the hand-in");
                }
                if (e.directory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    total += inflate(channel, e, os, limits.maxTotalBytes() - total);
                }
            }
        }
    }

    private List<Entry> centralDirectory(FileChannel channel) throws IOException {
        EndOfCentralDirectory end = EndOfCentralDirectory.read(channel);
        if (end.count() > limits.maxEntries()) {
            throw new UnsafeArchiveException("the archive has " + end.count() + " entries; at most "
                    + limits.maxEntries() + " are allowed");
        }
        long cdOffset = end.directoryOffset();
        ByteBuffer cd = read(channel, cdOffset, (int) end.directorySize());
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < end.count(); i++) {
            Entry e = centralEntry(cd, names);
            entries.add(withinFile(channel, e, cdOffset));
        }
        if (cd.hasRemaining()) {
            throw new UnsafeArchiveException("the archive's central directory holds more than the " + end.count()
                    + " entries its end-of-directory record declares");
        }
        checkNoOverlap(channel, entries, cdOffset);
        return entries;
    }

    private Entry centralEntry(ByteBuffer cd, Set<String> names) {
        if (cd.remaining() < 46 || cd.getInt(cd.position()) != CENTRAL) {
            throw new UnsafeArchiveException("the archive's central directory is corrupt");
        }
        int p = cd.position();
        int madeBy = Short.toUnsignedInt(cd.getShort(p + 4));
        int flags = Short.toUnsignedInt(cd.getShort(p + 8));
        int method = Short.toUnsignedInt(cd.getShort(p + 10));
        long compressed = Integer.toUnsignedLong(cd.getInt(p + 20));
        long size = Integer.toUnsignedLong(cd.getInt(p + 24));
        int nameLen = Short.toUnsignedInt(cd.getShort(p + 28));
        int extraLen = Short.toUnsignedInt(cd.getShort(p + 30));
        int commentLen = Short.toUnsignedInt(cd.getShort(p + 32));
        long external = Integer.toUnsignedLong(cd.getInt(p + 38));
        long offset = Integer.toUnsignedLong(cd.getInt(p + 42));
        if (cd.remaining() < 46 + nameLen + extraLen + commentLen) {
            throw new UnsafeArchiveException("the archive's central directory is truncated");
        }
        String name = decodeName(cd, p + 46, nameLen);
        cd.position(p + 46 + nameLen + extraLen + commentLen);
        ArchivePaths.check(name);
        CompiledCode.refuse(name);
        if (!names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name)) {
            throw new UnsafeArchiveException("the archive contains '" + name + "' twice");
        }
        if ((flags & 1) != 0) {
            throw new UnsafeArchiveException("entry '" + name + "' is encrypted; hand in an unencrypted zip");
        }
        if (method != 0 && method != 8) {
            throw new UnsafeArchiveException("entry '" + name + "' uses compression method " + method
                    + "; only stored and deflate are accepted");
        }
        checkFileType(name, madeBy, external);
        return new Entry(name, name.endsWith("/"), method, compressed, size, offset);
    }

    private static void checkFileType(String name, int madeBy, long external) {
        if ((madeBy >> 8) != 3) {
            return;
        }
        long type = (external >> 16) & 0170000;
        if (type == 0120000) {
            throw new UnsafeArchiveException("entry '" + name + "' is a symbolic link; links are not accepted");
        }
        if (type != 0 && type != 0100000 && type != 0040000) {
            throw new UnsafeArchiveException("entry '" + name + "' is a device, pipe or socket; only files are accepted");
        }
    }

    private static String decodeName(ByteBuffer cd, int at, int len) {
        byte[] raw = new byte[len];
        cd.get(at, raw);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new UnsafeArchiveException("an entry name is not valid UTF-8");
        }
    }

    private Entry withinFile(FileChannel channel, Entry e, long cdOffset) {
        if (e.localHeaderOffset() + 30 + e.compressedSize() > cdOffset) {
            throw new UnsafeArchiveException("entry '" + e.name() + "' points outside the archive's data");
        }
        if (!e.directory() && e.size() > limits.maxEntryBytes()) {
            throw new UnsafeArchiveException("entry '" + e.name() + "' expands to " + e.size() + " bytes; at most "
                    + limits.maxEntryBytes() + " per file are allowed");
        }
        return e;
    }

    private static void checkNoOverlap(FileChannel channel, List<Entry> entries, long cdOffset) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::localHeaderOffset));
        long end = 0;
        for (Entry e : sorted) {
            if (e.localHeaderOffset() < end) {
                throw new UnsafeArchiveException("entry '" + e.name() + "' overlaps another entry's data"
                        + " (an overlapping-entry zip bomb?)");
            }
            end = dataStart(channel, e) + e.compressedSize();
            if (end > cdOffset) {
                throw new UnsafeArchiveException("entry '" + e.name() + "' runs into the central directory");
            }
        }
    }

    private static long dataStart(FileChannel channel, Entry e) throws IOException {
        ByteBuffer local = read(channel, e.localHeaderOffset(), 30);
        if (local.getInt(0) != LOCAL) {
            throw new UnsafeArchiveException("entry '" + e.name() + "' has no local header where the directory says");
        }
        return e.localHeaderOffset() + 30 + Short.toUnsignedInt(local.getShort(26))
                + Short.toUnsignedInt(local.getShort(28));
    }

    private long inflate(FileChannel channel, Entry e, OutputStream out, long budget) throws IOException {
        long start = dataStart(channel, e);
        // Not closed: closing a channel's stream would close the channel the next entries need.
        InputStream data = new BoundedInputStream(
                java.nio.channels.Channels.newInputStream(channel.position(start)), e.compressedSize());
        long written = e.method() == 0 ? copy(data, out, e, budget) : inflateTo(data, out, e, budget);
        if (written != e.size()) {
            throw new UnsafeArchiveException("entry '" + e.name() + "' holds " + written + " bytes but declares "
                    + e.size());
        }
        return written;
    }

    private long copy(InputStream in, OutputStream out, Entry e, long budget) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            checkBudget(e, total, budget);
            out.write(buf, 0, n);
        }
        return total;
    }

    private long inflateTo(InputStream in, OutputStream out, Entry e, long budget) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            byte[] input = new byte[64 * 1024];
            byte[] output = new byte[64 * 1024];
            long total = 0;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    int n = in.read(input);
                    if (n <= 0) {
                        throw new UnsafeArchiveException("entry '" + e.name() + "' is truncated");
                    }
                    inflater.setInput(input, 0, n);
                }
                int produced = inflater.inflate(output);
                total += produced;
                checkBudget(e, total, budget);
                checkRatio(e, total, inflater.getBytesRead());
                out.write(output, 0, produced);
            }
            return total;
        } catch (DataFormatException ex) {
            throw new UnsafeArchiveException("entry '" + e.name() + "' is corrupt: " + ex.getMessage());
        } finally {
            inflater.end();
        }
    }

    private void checkBudget(Entry e, long total, long budget) {
        if (total > budget || total > limits.maxEntryBytes()) {
            throw new UnsafeArchiveException("the archive expands to more than "
                    + Math.min(limits.maxTotalBytes(), limits.maxEntryBytes()) / (1 << 20)
                    + " MB (at entry '" + e.name() + "'); is it a zip bomb?");
        }
    }

    private void checkRatio(Entry e, long produced, long consumed) {
        if (produced > (1 << 20) && produced > (long) limits.maxRatio() * Math.max(consumed, 1)) {
            throw new UnsafeArchiveException("entry '" + e.name() + "' is compressed more than " + limits.maxRatio()
                    + ":1; is it a zip bomb?");
        }
    }

    /** Reads {@code len} bytes at {@code at}, little-endian; a file that ends early is a truncated archive. */
    static ByteBuffer read(FileChannel channel, long at, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (channel.read(buf, at + buf.position()) < 0) {
                throw new UnsafeArchiveException("the archive is truncated");
            }
        }
        return buf.flip();
    }
}
