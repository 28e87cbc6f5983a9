package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sentences a student reads when their nn.Module's parameters are not the reference's. */
class ModuleParametersTest {

    private static Map<String, long[]> shapes(Object... nameThenShape) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenShape.length; i += 2) {
            out.put((String) nameThenShape[i], (long[]) nameThenShape[i + 1]);
        }
        return out;
    }

    @Test
    void aRenamedParameterIsNamedWithTheNameTheModelUsesInstead() {
        Map<String, long[]> expected = shapes("conv1.weight", new long[] {6, 1, 5, 5},
                "conv2.weight", new long[] {16, 6, 5, 5});
        Map<String, long[]> actual = shapes("conv1.weight", new long[] {6, 1, 5, 5},
                "conv2.w", new long[] {16, 6, 5, 5});

        assertEquals(Optional.of("your model has no parameter `conv2.weight` of shape (16, 6, 5, 5); it has `conv2.w`"
                + " (16, 6, 5, 5)"), ModuleParameters.mismatch(expected, actual));
    }

    @Test
    void aMisShapedParameterSaysBothShapes() {
        assertEquals(Optional.of("your parameter `fc1.bias` has shape (3,) but should have (120,)"),
                ModuleParameters.mismatch(shapes("fc1.bias", new long[] {120}), shapes("fc1.bias", new long[] {3})));
    }

    @Test
    void anExtraParameterIsNamedEvenWhenEveryExpectedOneIsThere() {
        assertEquals(Optional.of("your model has parameters the reference does not have: `scale` ()"),
                ModuleParameters.mismatch(shapes("w", new long[] {2, 2}), shapes("w", new long[] {2, 2},
                        "scale", new long[] {})));
    }

    @Test
    void matchingParametersSayNothing() {
        assertTrue(ModuleParameters.mismatch(shapes("w", new long[] {2, 3}), shapes("w", new long[] {2, 3})).isEmpty());
    }

    @Test
    void aLongListStopsAfterSixNamesAndCountsTheRest() {
        Map<String, long[]> expected = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            expected.put("layer" + i + ".weight", new long[] {1});
        }
        String text = ModuleParameters.mismatch(expected, Map.of()).orElseThrow();
        assertTrue(text.endsWith("`layer5.weight` of shape (1,) and 3 more"), text);
    }

    @Test
    void theParameterCountIsComparedWithTheReferences() {
        assertEquals(Optional.of("your model has 1,210 trainable parameters; the reference has 1,200"),
                ModuleParameters.countMismatch(1200, 1210));
        assertTrue(ModuleParameters.countMismatch(5, 5).isEmpty());
    }
}
