package org.tensormark.submission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

    @TempDir
    Path dir;

    @Test
    void blobsAreNamedBySha256AndStoredOnce() throws IOException {
        BlobStore store = new BlobStore(dir);
        BlobStore.StoredBlob a = store.put(new ByteArrayInputStream("abc".getBytes()));
        BlobStore.StoredBlob b = store.put(new ByteArrayInputStream("abc".getBytes()));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", a.sha256());
        assertEquals(a, b);
        assertEquals(3, a.size());
        try (InputStream in = store.open(a.sha256())) {
            assertArrayEquals("abc".getBytes(), in.readAllBytes());
        }
        try (Stream<Path> temp = Files.list(store.tempDirectory())) {
            assertEquals(0, temp.count());
        }
    }

    @Test
    void aFailedWriteLeavesNoTempFileBehind() throws IOException {
        BlobStore store = new BlobStore(dir);
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThrows(IOException.class, () -> store.put(broken));
        try (Stream<Path> temp = Files.list(store.tempDirectory())) {
            assertEquals(0, temp.count());
        }
    }

    @Test
    void manyBlobsAreStoredTogetherInTheOrderGiven() throws IOException {
        BlobStore store = new BlobStore(dir);
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            contents.add(("output " + (i % 30)).getBytes(StandardCharsets.UTF_8)); // ten of them twice
        }
        contents.add(new byte[0]);
        List<BlobStore.StoredBlob> stored = store.putAll(contents);
        assertEquals(contents.size(), stored.size());
        for (int i = 0; i < contents.size(); i++) {
            BlobStore.StoredBlob one = store.put(new ByteArrayInputStream(contents.get(i)));
            assertEquals(one, stored.get(i), "blob " + i);
            assertArrayEquals(contents.get(i), Files.readAllBytes(store.verifiedPathOf(stored.get(i).sha256())));
        }
        try (Stream<Path> temp = Files.list(store.tempDirectory())) {
            assertEquals(0, temp.count());
        }
    }

    @Test
    void blobsThatCannotAllBeStoredLeaveNoTempFileBehind() throws IOException {
        BlobStore store = new BlobStore(dir);
        String sha = store.putAll(List.of("kept".getBytes(StandardCharsets.UTF_8))).get(0).sha256();
        Path shard = store.pathOf(sha).getParent();
        Files.delete(store.pathOf(sha));
        Files.delete(shard);
        Files.writeString(shard, "a file where the blob's folder belongs");
        assertThrows(IOException.class,
                () -> store.putAll(List.of("first".getBytes(StandardCharsets.UTF_8), "kept".getBytes(StandardCharsets.UTF_8))));
        try (Stream<Path> temp = Files.list(store.tempDirectory())) {
            assertEquals(0, temp.count());
        }
    }

    @Test
    void pathsAreOnlyForRealHashes() {
        BlobStore store = new BlobStore(dir);
        assertThrows(IllegalArgumentException.class, () -> store.pathOf("../../etc/passwd"));
    }
}
