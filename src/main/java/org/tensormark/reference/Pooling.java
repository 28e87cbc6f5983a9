package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;
import static org.tensormark.reference.NdConversion.toNd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * 2-d max and average pooling as F.max_pool2d / F.avg_pool2d: kernel, stride (default the
 * kernel), implicit padding (-inf for max, zeros counted in the average by default), floor or
 * ceil output size.
 */
final class Pooling {

    private Pooling() {
    }

    static List<ReferenceModel> all() {
        return List.of(model("max_pool2d", false), model("avg_pool2d", true));
    }

    private static ReferenceModel model(String name, boolean average) {
        List<ReferenceModel.Param> params = new java.util.ArrayList<>(List.of(
                required("x", "(N, C, H, W)", "input"),
                required("kernel_size", "()", "window size (or (2,))"),
                optional("stride", "()", "default kernel_size (or (2,))"),
                optional("padding", "()", "at most half the kernel, default 0 (or (2,))"),
                optional("ceil_mode", "()", "1 to round the output size up, default 0")));
        if (average) {
            params.add(optional("count_include_pad", "()", "1 (default) to count padding in the average"));
        }
        return new NdModel(name, (average ? "average" : "max") + " pooling over 2-d windows", params, List.of("y"),
                (in, m) -> {
                    Tensor xt = in.required("x", "(N, C, H, W)", ANY, ANY, ANY, ANY);
                    long[] kernel = Convolution.perDim(in, "kernel_size", 2, 0);
                    long[] stride = in.has("stride") ? Convolution.perDim(in, "stride", 2, 1) : kernel;
                    long[] padding = Convolution.perDim(in, "padding", 2, 0);
                    for (int i = 0; i < 2; i++) {
                        if (kernel[i] < 1 || stride[i] < 1 || padding[i] < 0 || 2 * padding[i] > kernel[i]
                                || xt.shape()[i + 2] + 2 * padding[i] < kernel[i]) {
                            throw in.error("kernel_size", "does not fit x " + xt.shapeText() + " with stride "
                                    + java.util.Arrays.toString(stride) + " and padding "
                                    + java.util.Arrays.toString(padding));
                        }
                    }
                    NDArray x = toNd(m, xt);
                    boolean ceil = in.flag("ceil_mode", false);
                    if (!average) {
                        return Map.of("y", Pool.maxPool2d(x, new Shape(kernel), new Shape(stride), new Shape(padding), ceil));
                    }
                    NDArray y = Pool.avgPool2d(x, new Shape(kernel), new Shape(stride), new Shape(padding), ceil, true);
                    if (!in.flag("count_include_pad", true)) {
                        // DJL ignores count_include_pad = false; dividing by the same pooling of ones
                        // turns each window's divisor into its number of real (unpadded) elements.
                        NDArray ones = x.get(new NDIndex("0:1, 0:1")).onesLike();
                        y = y.div(Pool.avgPool2d(ones, new Shape(kernel), new Shape(stride), new Shape(padding), ceil, true));
                    }
                    return Map.of("y", y);
                });
    }
}
