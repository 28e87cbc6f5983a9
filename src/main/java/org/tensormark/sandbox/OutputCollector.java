package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the job's out/ directory once every job process is gone: regular files only, each opened
 * with O_NOFOLLOW, never through a link, at most {@code cap} bytes in all. Everything else is
 * listed as rejected. The bytes are never parsed here.
 */
final class OutputCollector {

    private static final int MAX_DEPTH = 8;
    private static final Set<OpenOption> READ_NO_FOLLOW = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    /** The collected files and what was refused. */
    record Collected(Map<String, byte[]> files, List<String> rejected, long bytesSeen) {
    }

    private OutputCollector() {
    }

    static Collected collect(Path out, long cap) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> rejected = new ArrayList<>();
        long[] seen = {0};
        Files.walkFileTree(out, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = out.relativize(file).toString();
                if (!attrs.isRegularFile()) {
                    rejected.add(name + " (" + (attrs.isSymbolicLink() ? "symbolic link" : "not a regular file") + ")");
                    return FileVisitResult.CONTINUE;
                }
                seen[0] += attrs.size();
                long used = files.values().stream().mapToLong(b -> b.length).sum();
                if (used + attrs.size() > cap) {
                    rejected.add(name + " (over the out/ cap of " + cap + " bytes)");
                } else {
                    files.put(name, read(file, cap - used));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new Collected(files, rejected, seen[0]);
    }

    private static byte[] read(Path file, long limit) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, READ_NO_FOLLOW)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(limit, Math.min(channel.size(), Integer.MAX_VALUE - 8)));
            int n;
            do {
                n = channel.read(buffer);
            } while (n > 0 && buffer.hasRemaining());
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }
}
