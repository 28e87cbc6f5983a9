package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdConversion.toNd;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * Cross-correlation layers as nn.Conv1d and nn.Conv2d (groups = 1): input (N, C_in, *spatial),
 * weight (C_out, C_in, *kernel), optional bias; stride, padding and dilation are 0-d or one value
 * per spatial dimension.
 */
final class Convolution {

    private Convolution() {
    }

    static List<ReferenceModel> all() {
        return List.of(model(1), model(2));
    }

    private static ReferenceModel model(int dims) {
        String spatial = dims == 1 ? "L" : "H, W";
        String kernel = dims == 1 ? "K" : "kH, kW";
        List<ReferenceModel.Param> params = List.of(
                required("x", "(N, C_in, " + spatial + ")", "input"),
                required("weight", "(C_out, C_in, " + kernel + ")", "kernel"),
                optional("bias", "(C_out,)", "bias, default none"),
                optional("stride", "()", "default 1 (or one value per dim)"),
                optional("padding", "()", "zero padding each side, default 0 (or one value per dim)"),
                optional("dilation", "()", "default 1 (or one value per dim)"));
        return new NdModel("conv" + dims + "d", dims + "-d convolution (cross-correlation)", params, List.of("y"),
                (in, m) -> Map.of("y", convolve(in, m, dims)), (random, hyper) -> init(random, hyper, dims));
    }

    private static NDArray convolve(ModelInputs in, NDManager m, int dims) {
        long[] any = new long[dims + 2];
        Arrays.fill(any, ANY);
        Tensor xt = in.required("x", "(N, C_in, *spatial)", any);
        any[1] = xt.shape()[1];
        Tensor wt = in.required("weight", "(C_out, C_in, *kernel)", any);
        long[] stride = perDim(in, "stride", dims, 1);
        long[] padding = perDim(in, "padding", dims, 0);
        long[] dilation = perDim(in, "dilation", dims, 1);
        for (int i = 0; i < dims; i++) {
            long size = xt.shape()[i + 2] + 2 * padding[i] - dilation[i] * (wt.shape()[i + 2] - 1);
            if (size < 1 || stride[i] < 1 || padding[i] < 0 || dilation[i] < 1) {
                throw in.error("x", "of shape " + xt.shapeText() + " gives no output for kernel "
                        + wt.shapeText() + ", stride " + Arrays.toString(stride) + ", padding "
                        + Arrays.toString(padding) + ", dilation " + Arrays.toString(dilation));
            }
        }
        NDArray x = toNd(m, xt);
        NDArray w = toNd(m, wt);
        NDArray b = bias(in, m, wt.shape()[0], w);
        return dims == 1
                ? Conv1d.conv1d(x, w, b, new Shape(stride), new Shape(padding), new Shape(dilation), 1).singletonOrThrow()
                : Conv2d.conv2d(x, w, b, new Shape(stride), new Shape(padding), new Shape(dilation), 1).singletonOrThrow();
    }

    /** The optional bias of {@code outChannels}, or zeros of the weight's dtype. */
    static NDArray bias(ModelInputs in, NDManager m, long outChannels, NDArray weight) {
        return in.optional("bias", "(C_out,)", outChannels).map(t -> toNd(m, t))
                .orElseGet(() -> m.zeros(new Shape(outChannels), weight.getDataType()));
    }

    /** A 0-d hyper-parameter repeated for every spatial dim, or one value per dim. */
    static long[] perDim(ModelInputs in, String name, int dims, long fallback) {
        long[] out = new long[dims];
        Arrays.fill(out, fallback);
        if (!in.has(name)) {
            return out;
        }
        Tensor t = in.required(name);
        in.checkIntegral(name, t);
        if (t.rank() == 0 || t.size() == 1 && t.rank() == 1) {
            Arrays.fill(out, (long) t.values()[0]);
        } else {
            in.checkShape(name, t, "() or (" + dims + ",)", dims);
            for (int i = 0; i < dims; i++) {
                out[i] = (long) t.values()[i];
            }
        }
        return out;
    }

    private static Map<String, Tensor> init(DefaultInit random, ModelInputs hyper, int dims) {
        long[] kernel = perDim(hyper, "kernel_size", dims, 3);
        Map<String, Tensor> out = new HashMap<>();
        random.convolution(out, "", hyper.requiredInteger("out_channels"), hyper.requiredInteger("in_channels"),
                kernel, hyper.flag("bias", true));
        return out;
    }
}
