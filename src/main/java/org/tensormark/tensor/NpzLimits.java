package org.tensormark.tensor;

/**
 * How much a .npy/.npz read may consume. Bytes are counted as they are read (after inflating),
 * never taken from the sizes an archive declares, so a zip bomb stops at the budget.
 *
 * @param maxEntries      most arrays in one archive
 * @param maxTotalBytes   most uncompressed bytes over all entries (headers included)
 * @param maxArrayBytes   most uncompressed bytes of one entry (header included)
 */
public record NpzLimits(int maxEntries, long maxTotalBytes, long maxArrayBytes) {

    /** 256 arrays, 512 MiB in all, 256 MiB per array: ample for course-sized tensors. */
    public static final NpzLimits DEFAULT = new NpzLimits(256, 512L << 20, 256L << 20);

    public NpzLimits {
        if (maxEntries < 1 || maxTotalBytes < 1 || maxArrayBytes < 1) {
            throw new IllegalArgumentException("NpzLimits must be positive, got " + maxEntries + " entries, "
                    + maxTotalBytes + " total bytes, " + maxArrayBytes + " bytes per array");
        }
    }
}
