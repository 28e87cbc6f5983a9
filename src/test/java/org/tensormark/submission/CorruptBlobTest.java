package org.tensormark.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptBlobTest {

    @TempDir
    Path root;

    @Test
    void aBlobWithOneFlippedByteIsRefusedWithAMessageForStaffAndOthersStillRead() throws Exception {
        BlobStore store = new BlobStore(root);
        BlobStore.StoredBlob damaged = store.put(new ByteArrayInputStream("x = 1\n".getBytes(StandardCharsets.UTF_8)));
        BlobStore.StoredBlob sound = store.put(new ByteArrayInputStream("y = 2\n".getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = Files.readAllBytes(store.pathOf(damaged.sha256()));
        bytes[2] ^= 1;
        Files.write(store.pathOf(damaged.sha256()), bytes);

        var e = assertThrows(BlobStore.CorruptBlobException.class, () -> store.verifiedPathOf(damaged.sha256()));
        assertTrue(e.getMessage().contains(damaged.sha256() + " is corrupt"), e.getMessage());
        assertTrue(e.getMessage().contains("tensormark verify"), e.getMessage());
        assertEquals(store.pathOf(sound.sha256()), store.verifiedPathOf(sound.sha256()));
    }

    @Test
    void aMissingBlobIsRefusedAsMissing() throws Exception {
        BlobStore store = new BlobStore(root);
        BlobStore.StoredBlob gone = store.put(new ByteArrayInputStream("z = 3\n".getBytes(StandardCharsets.UTF_8)));
        Files.delete(store.pathOf(gone.sha256()));
        var e = assertThrows(BlobStore.CorruptBlobException.class, () -> store.verifiedPathOf(gone.sha256()));
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
    }
}
