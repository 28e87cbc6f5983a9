package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HandinTextTest {

    @Test
    void textThatFitsIsKeptWhole() {
        assertEquals("ValueError: shapes (4,3) and (2,2) not aligned", HandinText.capped(
                "ValueError: shapes (4,3) and (2,2) not aligned", 100));
        assertEquals("x".repeat(200), HandinText.capped("x".repeat(200), 100));
        assertNull(HandinText.capped(null, 100));
    }

    @Test
    void longTextKeepsItsHeadAndTailAndSaysHowMuchWasCut() {
        String text = "first line\n" + "x".repeat(10_000) + "\nlast line";
        String capped = HandinText.capped(text, 20);
        assertEquals("first line\nxxxxxxxxx\n[cut: " + (text.length() - 40) + " characters here]\nxxxxxxxxxx\nlast line",
                capped);
    }

    @Test
    void anExceptionMessageIsCappedToTwoThousandCharactersWithACutNote() {
        String message = "ValueError: " + "0.12345678, ".repeat(5_000);
        String capped = HandinText.capped(message, HandinText.MESSAGE_KEEP);
        assertTrue(capped.length() <= 2_000 + 40, "kept " + capped.length());
        assertTrue(capped.startsWith("ValueError: 0.12345678"), capped);
        assertTrue(capped.contains("[cut: "), capped);
    }

    @Test
    void outputKeepsSixtyFourKibibytesFromEachEnd() {
        String printed = "epoch 0\n" + "loss 0.5\n".repeat(100_000) + "Traceback: the end";
        String capped = HandinText.capped(printed, HandinText.OUTPUT_KEEP);
        assertTrue(capped.startsWith("epoch 0\nloss 0.5\n"), capped.substring(0, 20));
        assertTrue(capped.endsWith("loss 0.5\nTraceback: the end"));
        assertTrue(capped.contains("\n[cut: " + (printed.length() - 2 * 65_536) + " characters here]\n"));
        assertTrue(capped.length() <= 2 * 65_536 + 40, "kept " + capped.length());
    }

    @Test
    void aCutThroughTheSandboxsOwnNoteSaysMoreThanWasCutHere() {
        String captured = "a".repeat(100) + "\n[truncated: 123456 bytes cut here]\n" + "b".repeat(100);
        assertTrue(HandinText.capped(captured, 50).contains("[cut: more than "));
    }

    @Test
    void nulCharactersThatPostgresqlRefusesAreReplaced() {
        String capped = HandinText.capped("before\u0000after", 100);
        assertFalse(capped.contains("\u0000"));
        assertEquals("before\uFFFDafter", capped);
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String text = "🙂".repeat(100);
        String capped = HandinText.capped(text, 11);
        assertTrue(capped.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE),
                "a lone half of a surrogate pair: " + capped);
        assertTrue(capped.startsWith("🙂".repeat(5) + "\n[cut: "), capped);
    }
}
