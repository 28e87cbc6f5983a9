package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CappedStreamTest {

    @Test
    void theHeadAndTheTailAreKeptAndTheMiddleIsCountedAndNoted() throws Exception {
        CappedStream stream = CappedStream.start(new ByteArrayInputStream(("start" + "0123456789".repeat(100_000) + "end!!")
                .getBytes(StandardCharsets.US_ASCII)), 10, "test");
        assertTrue(stream.await(5_000));
        assertEquals(1_000_010, stream.total());
        assertEquals("start\n[truncated: 1000000 bytes cut here]\nend!!", stream.text());
    }

    @Test
    void theTailIsTheLastBytesWrittenAcrossManyReads() throws Exception {
        List<InputStream> pieces = Collections.nCopies(50, "abcdefghij".repeat(10_000)).stream()
                .map(s -> (InputStream) new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII))).toList();
        InputStream in = new SequenceInputStream(Collections.enumeration(
                java.util.stream.Stream.concat(pieces.stream(), java.util.stream.Stream.of(
                        new ByteArrayInputStream("Traceback: the end".getBytes(StandardCharsets.US_ASCII)))).toList()));
        CappedStream stream = CappedStream.start(in, 40, "test");
        assertTrue(stream.await(5_000));
        assertEquals("abcdefghijabcdefghij\n[truncated: " + (5_000_018 - 40) + " bytes cut here]\nijTraceback: the end",
                stream.text());
    }

    @Test
    void aCutInsideACharacterLeavesOutItsPiecesInsteadOfPrintingGarbage() throws Exception {
        byte[] text = ("ab" + "é".repeat(20)).getBytes(StandardCharsets.UTF_8);
        CappedStream stream = CappedStream.start(new ByteArrayInputStream(text), 6, "test");
        assertTrue(stream.await(5_000));
        assertEquals("ab\n[truncated: 38 bytes cut here]\né", stream.text());
    }

    @Test
    void aShortStreamIsKeptWhole() throws Exception {
        CappedStream stream = CappedStream.start(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), 10, "t");
        assertTrue(stream.await(5_000));
        assertEquals("hello", stream.text());
    }

    @Test
    void aStreamThatJustFitsIsKeptWholeEvenWhereHeadAndTailMeetInsideACharacter() throws Exception {
        CappedStream stream = CappedStream.start(new ByteArrayInputStream("aaéé".getBytes(StandardCharsets.UTF_8)), 6, "t");
        assertTrue(stream.await(5_000));
        assertEquals("aaéé", stream.text());
    }
}
