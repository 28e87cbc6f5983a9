package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCollectorTest {

    @TempDir
    Path out;

    @Test
    void regularFilesAreCollectedByRelativePathAndLinksAreRejected() throws Exception {
        Files.write(out.resolve("c1.npz"), new byte[] {1, 2, 3});
        Files.write(Files.createDirectories(out.resolve("sub")).resolve("c2.npz"), new byte[] {4});
        Files.createSymbolicLink(out.resolve("passwd.npz"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(out.resolve("etc"), Path.of("/etc"));
        OutputCollector.Collected collected = OutputCollector.collect(out, 1024);
        assertEquals(List.of("c1.npz", "sub/c2.npz"), collected.files().keySet().stream().sorted().toList());
        assertArrayEquals(new byte[] {1, 2, 3}, collected.files().get("c1.npz"));
        assertTrue(collected.rejected().containsAll(List.of("passwd.npz (symbolic link)", "etc (symbolic link)")));
    }

    @Test
    void filesPastTheCapAreRejectedNotTruncatedSilently() throws Exception {
        Files.write(out.resolve("a.bin"), new byte[600]);
        Files.write(out.resolve("b.bin"), new byte[600]);
        OutputCollector.Collected collected = OutputCollector.collect(out, 1000);
        assertEquals(1, collected.files().size());
        assertEquals(1, collected.rejected().size());
        assertTrue(collected.rejected().get(0).contains("over the out/ cap of 1000 bytes"));
        assertEquals(1200, collected.bytesSeen());
    }
}
