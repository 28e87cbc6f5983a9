package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ReferenceRuntimeTest {

    @Test
    void pytorchEngineLoadsOfflineAndComputes() {
        assertEquals("PyTorch", ReferenceRuntime.engine().getEngineName());
        try (NDManager manager = ReferenceRuntime.newManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            assertArrayEquals(new float[] {7, 10, 15, 22}, a.matMul(a).toFloatArray());
        }
    }

    @Test
    void gradientsFlowThroughTheSerialisedCollector() {
        try (NDManager manager = ReferenceRuntime.newManager()) {
            NDArray x = manager.create(new float[] {3f});
            x.setRequiresGradient(true);
            float grad = ReferenceRuntime.withGradients(gc -> {
                gc.backward(x.mul(x));
                return x.getGradient().getFloat();
            });
            assertEquals(6f, grad);
        }
    }
}
