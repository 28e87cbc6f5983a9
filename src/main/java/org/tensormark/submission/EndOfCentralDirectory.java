package org.tensormark.submission;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A zip's end-of-central-directory record, accepted only when every zip reader would find the same
 * directory: exactly one record, whose comment runs to the end of the file (no trailing bytes), on a
 * single disk, naming a central directory that ends where the record begins (or where a ZIP64
 * record and locator repeating the same figures begin, as {@code zip -fz} writes them).
 * Readers disagree on damaged or ambiguous end records, so the files a TA unpacks could differ
 * from those graded; such archives are refused.
 *
 * @param position where the record starts in the file
 * @param count the number of central-directory entries
 * @param directoryOffset where the central directory starts
 * @param directorySize the central directory's length in bytes
 */
record EndOfCentralDirectory(long position, int count, long directoryOffset, long directorySize) {

    private static final int SIGNATURE = 0x06054b50;
    private static final int ZIP64_RECORD = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int LENGTH = 22;
    private static final int ZIP64_RECORD_LENGTH = 56;
    private static final int ZIP64_LOCATOR_LENGTH = 20;

    /** Finds and checks the record; throws {@link UnsafeArchiveException} saying what is wrong. */
    static EndOfCentralDirectory read(FileChannel channel) throws IOException {
        long fileSize = channel.size();
        int tail = (int) Math.min(fileSize, LENGTH + 65_535);
        if (tail < LENGTH) {
            throw new UnsafeArchiveException("this is not a zip archive (too short)");
        }
        ByteBuffer buf = ArchiveInspector.read(channel, fileSize - tail, tail);
        int found = -1;
        boolean signatureSeen = false;
        for (int i = tail - LENGTH; i >= 0; i--) {
            if (buf.getInt(i) != SIGNATURE) {
                continue;
            }
            signatureSeen = true;
            if (i + LENGTH + Short.toUnsignedInt(buf.getShort(i + 20)) == tail) {
                if (found >= 0) {
                    throw new UnsafeArchiveException("the archive has two end-of-directory records; zip tools would"
                            + " disagree on its contents");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new UnsafeArchiveException(signatureSeen
                    ? "the archive's end-of-directory record does not match the end of the file (trailing bytes or"
                            + " a damaged comment length)"
                    : "this is not a zip archive (no end-of-directory record)");
        }
        EndOfCentralDirectory end = of(buf.slice(found, LENGTH).order(buf.order()), fileSize - tail + found);
        end.checkDirectoryEndsHere(channel);
        return end;
    }

    private static EndOfCentralDirectory of(ByteBuffer r, long position) {
        int disk = Short.toUnsignedInt(r.getShort(4));
        int directoryDisk = Short.toUnsignedInt(r.getShort(6));
        int onThisDisk = Short.toUnsignedInt(r.getShort(8));
        int count = Short.toUnsignedInt(r.getShort(10));
        long size = Integer.toUnsignedLong(r.getInt(12));
        long offset = Integer.toUnsignedLong(r.getInt(16));
        if (count == 0xFFFF || offset == 0xFFFFFFFFL || size == 0xFFFFFFFFL) {
            throw new UnsafeArchiveException("ZIP64 archives are not accepted; hand-ins are far smaller than 4 GB");
        }
        if (disk != 0 || directoryDisk != 0 || onThisDisk != count) {
            throw new UnsafeArchiveException("the archive claims to span several disks (a split archive or a damaged"
                    + " end-of-directory record)");
        }
        return new EndOfCentralDirectory(position, count, offset, size);
    }

    private void checkDirectoryEndsHere(FileChannel channel) throws IOException {
        long end = directoryOffset + directorySize;
        if (end == position || (position - end == ZIP64_RECORD_LENGTH + ZIP64_LOCATOR_LENGTH && zip64Agrees(channel, end))) {
            return;
        }
        throw new UnsafeArchiveException("the archive's end-of-directory record puts the central directory at bytes "
                + directoryOffset + " to " + end + ", but the record itself is at byte " + position
                + " (a wrong directory offset or size)");
    }

    /** Whether a ZIP64 end record at {@code at} and the locator after it repeat this record's figures. */
    private boolean zip64Agrees(FileChannel channel, long at) throws IOException {
        ByteBuffer z = ArchiveInspector.read(channel, at, ZIP64_RECORD_LENGTH + ZIP64_LOCATOR_LENGTH);
        int locator = ZIP64_RECORD_LENGTH;
        return z.getInt(0) == ZIP64_RECORD && z.getLong(4) == ZIP64_RECORD_LENGTH - 12
                && z.getInt(16) == 0 && z.getInt(20) == 0
                && z.getLong(24) == count && z.getLong(32) == count
                && z.getLong(40) == directorySize && z.getLong(48) == directoryOffset
                && z.getInt(locator) == ZIP64_LOCATOR && z.getInt(locator + 4) == 0
                && z.getLong(locator + 8) == at && z.getInt(locator + 16) == 1;
    }
}
