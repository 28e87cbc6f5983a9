package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedStreamTest {

    @Test
    void bytesPastTheCapAreCountedDiscardedAndNoted() throws Exception {
        CappedStream stream = CappedStream.start(new ByteArrayInputStream("0123456789".repeat(100_000)
                .getBytes(StandardCharsets.US_ASCII)), 10, "test");
        assertTrue(stream.await(5_000));
        assertEquals(1_000_000, stream.total());
        assertEquals("0123456789\n[truncated: 999990 more bytes not kept]", stream.text());
    }

    @Test
    void aShortStreamIsKeptWhole() throws Exception {
        CappedStream stream = CappedStream.start(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), 10, "t");
        assertTrue(stream.await(5_000));
        assertEquals("hello", stream.text());
    }
}
