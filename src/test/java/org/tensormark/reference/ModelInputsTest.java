package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensormark.reference.ModelInputs.ANY;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

class ModelInputsTest {

    private final ModelInputs in = new ModelInputs("demo", Map.of(
            "x", new Tensor(DType.FLOAT32, new long[] {2, 3}, new double[6]),
            "k", Tensor.scalar(DType.INT64, 4),
            "rate", Tensor.scalar(DType.FLOAT64, 0.25),
            "half", Tensor.scalar(DType.FLOAT64, 2.5)));

    @Test
    void aMissingRequiredInputNamesTheModelAndTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.required("weight"));
        assertEquals("model 'demo': input 'weight' is required but missing", e.getMessage());
    }

    @Test
    void aWrongShapeNamesTheInputWithExpectedAndActualShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> in.required("x", "(N, 4)", ANY, 4));
        assertEquals("model 'demo': input 'x' expected shape (N, 4) = (*, 4), got (2, 3)", e.getMessage());
        assertEquals(3, in.required("x", "(N, C)", 2, ANY).shape()[1]);
        assertThrows(IllegalArgumentException.class, () -> in.required("x", "(N,)", ANY));
    }

    @Test
    void hyperParametersHaveDefaultsAndMustBeSingleValues() {
        assertEquals(4, in.integer("k", 1));
        assertEquals(1, in.integer("absent", 1));
        assertEquals(0.25, in.number("rate", 1));
        assertEquals(0.5, in.number("absent", 0.5));
        assertTrue(in.flag("k", false));
        assertFalse(in.flag("absent", false));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> in.integer("half", 1)).getMessage().contains("'half'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> in.number("x", 1)).getMessage()
                .contains("input 'x' expected a single value of shape (), got shape (2, 3)"));
    }

    @Test
    void optionalInputsAreCheckedOnlyWhenPresent() {
        assertTrue(in.optional("bias", "(C,)", 3).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> in.optional("x", "(C,)", 3));
    }
}
