package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

class NdConversionTest {

    @Test
    void everyDtypeRoundTripsWithItsShapeAndValues() {
        try (NDManager m = ReferenceRuntime.newManager()) {
            for (DType dtype : DType.values()) {
                double[] values = switch (dtype) {
                    case FLOAT32 -> new double[] {1.5, -0.1f, Float.MAX_VALUE, 0, Float.MIN_VALUE, -7};
                    case FLOAT64 -> new double[] {0.1, -1e-300, Math.PI, 1e300, 0, -7};
                    case INT32 -> new double[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE, 7};
                    case INT64 -> new double[] {-(1L << 53), -1, 0, 1, 1L << 53, 7};
                    case UINT8 -> new double[] {0, 1, 127, 128, 200, 255};
                    case BOOL -> new double[] {0, 1, 1, 0, 0, 1};
                };
                Tensor t = new Tensor(dtype, new long[] {2, 3}, values);
                Tensor back = NdConversion.toTensor(NdConversion.toNd(m, t));
                assertEquals(t, back, dtype.name());
            }
        }
    }

    @Test
    void zeroDimensionalTensorsStayZeroDimensional() {
        try (NDManager m = ReferenceRuntime.newManager()) {
            NDArray a = NdConversion.toNd(m, Tensor.scalar(DType.FLOAT64, 0.1));
            assertEquals(0, a.getShape().dimension());
            assertEquals(DataType.FLOAT64, a.getDataType());
            assertEquals(Tensor.scalar(DType.FLOAT64, 0.1), NdConversion.toTensor(a));
        }
    }

    @Test
    void halfPrecisionArraysComeBackAsFloat32() {
        try (NDManager m = ReferenceRuntime.newManager()) {
            NDArray half = m.create(new float[] {0.5f, 2f}).toType(DataType.FLOAT16, false);
            assertEquals(Tensor.of(DType.FLOAT32, new long[] {2}, 0.5, 2), NdConversion.toTensor(half));
        }
    }
}
