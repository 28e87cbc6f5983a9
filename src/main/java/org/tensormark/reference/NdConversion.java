package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * Converts between plain {@link Tensor}s and DJL {@link NDArray}s, keeping the element type:
 * float32 stays float32, float64 stays float64, integers and booleans keep their width.
 */
final class NdConversion {

    private NdConversion() {
    }

    /** An array of the tensor's dtype and shape, owned by {@code manager}. */
    static NDArray toNd(NDManager manager, Tensor tensor) {
        Shape shape = new Shape(tensor.shape());
        double[] v = tensor.values();
        return switch (tensor.dtype()) {
            case FLOAT32 -> manager.create(toFloats(v), shape);
            case FLOAT64 -> manager.create(v.clone(), shape);
            case INT32 -> manager.create(toInts(v), shape);
            case INT64 -> manager.create(toLongs(v), shape);
            case UINT8 -> manager.create(toBytes(v), shape, DataType.UINT8);
            case BOOL -> manager.create(toBooleans(v), shape);
        };
    }

    /**
     * A tensor with the array's dtype and shape. Float16/bfloat16 arrays become float32 and int8
     * arrays int32, the nearest types a {@link Tensor} carries; other types are rejected.
     */
    static Tensor toTensor(NDArray array) {
        long[] shape = array.getShape().getShape();
        return switch (array.getDataType()) {
            case FLOAT32 -> new Tensor(DType.FLOAT32, shape, fromFloats(array.toFloatArray()));
            case FLOAT64 -> new Tensor(DType.FLOAT64, shape, array.toDoubleArray());
            case FLOAT16, BFLOAT16 -> toTensor(array.toType(DataType.FLOAT32, false));
            case INT32 -> new Tensor(DType.INT32, shape, fromInts(array.toIntArray()));
            case INT8 -> toTensor(array.toType(DataType.INT32, false));
            case INT64 -> new Tensor(DType.INT64, shape, fromLongs(array.toLongArray()));
            case UINT8 -> new Tensor(DType.UINT8, shape, fromInts(array.toUint8Array()));
            case BOOLEAN -> new Tensor(DType.BOOL, shape, fromBooleans(array.toBooleanArray()));
            default -> throw new IllegalArgumentException(
                    "no tensor type for NDArray of type " + array.getDataType());
        };
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static int[] toInts(double[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    private static long[] toLongs(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (long) v[i];
        }
        return out;
    }

    private static ByteBuffer toBytes(double[] v) {
        ByteBuffer out = ByteBuffer.allocateDirect(v.length);
        for (double d : v) {
            out.put((byte) (int) d);
        }
        return out.rewind();
    }

    private static boolean[] toBooleans(double[] v) {
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] != 0;
        }
        return out;
    }

    private static double[] fromFloats(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static double[] fromInts(int[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static double[] fromLongs(long[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static double[] fromBooleans(boolean[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] ? 1 : 0;
        }
        return out;
    }
}
