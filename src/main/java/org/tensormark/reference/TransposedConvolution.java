package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdConversion.toNd;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * nn.ConvTranspose2d (groups = 1) composed from plain NDArray ops, because DJL's own transposed
 * convolution gives wrong results: zeros are inserted between input pixels (stride - 1 of them),
 * the border is padded by dilation * (k - 1) - padding (cropped where negative, plus
 * output_padding at the far end), and the result is convolved with stride 1 by the kernel flipped
 * in space and with its channel axes swapped.
 */
final class TransposedConvolution {

    private TransposedConvolution() {
    }

    static ReferenceModel model() {
        List<ReferenceModel.Param> params = List.of(
                required("x", "(N, C_in, H, W)", "input"),
                required("weight", "(C_in, C_out, kH, kW)", "kernel in ConvTranspose2d layout"),
                optional("bias", "(C_out,)", "bias, default none"),
                optional("stride", "()", "default 1 (or (2,))"),
                optional("padding", "()", "default 0 (or (2,))"),
                optional("output_padding", "()", "extra rows/cols at the far end, default 0 (or (2,))"),
                optional("dilation", "()", "default 1 (or (2,))"));
        return new NdModel("conv_transpose2d", "2-d transposed convolution", params, List.of("y"),
                (in, m) -> Map.of("y", compute(in, m)), TransposedConvolution::init);
    }

    /** Stride, padding, output padding and dilation, one value per spatial dim. */
    private record Geometry(long[] stride, long[] padding, long[] outputPadding, long[] dilation) {
    }

    private static NDArray compute(ModelInputs in, NDManager m) {
        Tensor xt = in.required("x", "(N, C_in, H, W)", ANY, ANY, ANY, ANY);
        Tensor wt = in.required("weight", "(C_in, C_out, kH, kW)", xt.shape()[1], ANY, ANY, ANY);
        Geometry g = geometry(in, xt, wt);
        NDArray x = spread(toNd(m, xt), g.stride());
        for (int i = 0; i < 2; i++) {
            long border = g.dilation()[i] * (wt.shape()[i + 2] - 1) - g.padding()[i];
            x = padAxis(x, i + 2, border, border + g.outputPadding()[i]);
        }
        NDArray w = toNd(m, wt);
        NDArray kernel = w.flip(2, 3).transpose(1, 0, 2, 3);
        NDArray bias = Convolution.bias(in, m, wt.shape()[1], w);
        return Conv2d.conv2d(x, kernel, bias, new Shape(1, 1), new Shape(0, 0), new Shape(g.dilation()), 1)
                .singletonOrThrow();
    }

    private static Geometry geometry(ModelInputs in, Tensor xt, Tensor wt) {
        Geometry g = new Geometry(Convolution.perDim(in, "stride", 2, 1), Convolution.perDim(in, "padding", 2, 0),
                Convolution.perDim(in, "output_padding", 2, 0), Convolution.perDim(in, "dilation", 2, 1));
        for (int i = 0; i < 2; i++) {
            atLeast(in, "stride", g.stride()[i], 1);
            atLeast(in, "dilation", g.dilation()[i], 1);
            atLeast(in, "padding", g.padding()[i], 0);
            atLeast(in, "output_padding", g.outputPadding()[i], 0);
            if (g.outputPadding()[i] >= Math.max(g.stride()[i], g.dilation()[i])) {
                throw in.error("output_padding", "must be smaller than stride or dilation, got "
                        + Arrays.toString(g.outputPadding()));
            }
            long size = (xt.shape()[i + 2] - 1) * g.stride()[i] - 2 * g.padding()[i]
                    + g.dilation()[i] * (wt.shape()[i + 2] - 1) + g.outputPadding()[i] + 1;
            if (size < 1) {
                throw in.error("padding", Arrays.toString(g.padding()) + " leaves no output for input 'x' "
                        + xt.shapeText());
            }
        }
        return g;
    }

    private static void atLeast(ModelInputs in, String name, long value, long least) {
        if (value < least) {
            throw in.error(name, "must be at least " + least + ", got " + value);
        }
    }

    /** Inserts stride - 1 zeros between neighbouring pixels along both spatial axes. */
    private static NDArray spread(NDArray x, long[] stride) {
        long[] s = x.getShape().getShape();
        NDArray y = x.reshape(s[0], s[1], s[2], 1, s[3], 1);
        if (stride[0] > 1) {
            y = y.concat(y.getManager().zeros(new Shape(s[0], s[1], s[2], stride[0] - 1, s[3], 1), x.getDataType()), 3);
        }
        if (stride[1] > 1) {
            y = y.concat(y.getManager().zeros(new Shape(s[0], s[1], s[2], stride[0], s[3], stride[1] - 1),
                    x.getDataType()), 5);
        }
        y = y.reshape(s[0], s[1], s[2] * stride[0], s[3] * stride[1]);
        return y.get(new NDIndex().addAllDim(2).addSliceDim(0, (s[2] - 1) * stride[0] + 1)
                .addSliceDim(0, (s[3] - 1) * stride[1] + 1));
    }

    /** Zero-pads (positive counts) or crops (negative counts) one axis at its start and end. */
    private static NDArray padAxis(NDArray x, int axis, long before, long after) {
        long length = x.getShape().get(axis);
        NDArray y = x.get(new NDIndex().addAllDim(axis)
                .addSliceDim(Math.max(0, -before), length - Math.max(0, -after)));
        if (before > 0) {
            y = zeros(y, axis, before).concat(y, axis);
        }
        if (after > 0) {
            y = y.concat(zeros(y, axis, after), axis);
        }
        return y;
    }

    private static NDArray zeros(NDArray like, int axis, long count) {
        long[] shape = like.getShape().getShape().clone();
        shape[axis] = count;
        return like.getManager().zeros(new Shape(shape), like.getDataType());
    }

    private static Map<String, Tensor> init(DefaultInit random, ModelInputs hyper) {
        long[] kernel = Convolution.perDim(hyper, "kernel_size", 2, 3);
        long in = hyper.requiredInteger("in_channels");
        long out = hyper.requiredInteger("out_channels");
        // ConvTranspose2d computes fan_in from weight.size(1) * kernel, i.e. its out_channels.
        double bound = 1 / Math.sqrt(out * kernel[0] * kernel[1]);
        Map<String, Tensor> params = new HashMap<>();
        params.put("weight", random.uniform(bound, in, out, kernel[0], kernel[1]));
        params.put("bias", random.uniform(bound, out));
        return params;
    }
}
