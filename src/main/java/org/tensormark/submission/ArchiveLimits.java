package org.tensormark.submission;

/**
 * Caps on what a hand-in archive may expand to, enforced while streaming the real bytes (the
 * sizes an archive declares are never trusted).
 */
public record ArchiveLimits(int maxEntries, long maxTotalBytes, long maxEntryBytes, int maxRatio) {

    /** 2,000 entries, 200 MB in all, 100 MB per entry, at most 100:1 compression on large entries. */
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(2_000, 200L << 20, 100L << 20, 100);
}
