package org.tensormark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DictLiteralTest {

    @Test
    void bracketsNestedUpToTheLimitAreReadAndOneMoreIsRefused() {
        int lists = DictLiteral.MAX_DEPTH - 1;
        Map<String, Object> dict = DictLiteral.parse("e", "{'a': " + "[".repeat(lists) + "]".repeat(lists) + "}");
        Object inner = dict.get("a");
        for (int i = 1; i < lists; i++) {
            inner = ((List<?>) inner).get(0);
        }
        assertEquals(List.of(), inner);
        TensorFormatException e = assertThrows(TensorFormatException.class, () -> DictLiteral.parse("e",
                "{'a': " + "(".repeat(lists + 1) + ")".repeat(lists + 1) + "}"));
        assertEquals("e: the .npy header nests brackets more than 16 deep, the limit; np.save never writes such"
                + " a header for a numeric array", e.getMessage());
    }

    @Test
    void aHeaderLongerThanTheLimitIsRefusedBeforeParsing() {
        String text = "{'a': '" + "x".repeat(DictLiteral.MAX_LENGTH) + "'}";
        TensorFormatException e = assertThrows(TensorFormatException.class, () -> DictLiteral.parse("e", text));
        assertEquals("e: the .npy header is " + text.length() + " characters long, more than the limit of 65536",
                e.getMessage());
    }
}
