package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdConversion.toNd;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * 2-d max and average pooling as F.max_pool2d / F.avg_pool2d: kernel, stride (default the
 * kernel), implicit padding (-inf for max, zeros counted in the average by default), floor or
 * ceil output size.
 */
final class Pooling {

    /** The checked window geometry of one call. */
    private record Window(Shape kernel, Shape stride, Shape padding, boolean ceil) {
    }

    private Pooling() {
    }

    static List<ReferenceModel> all() {
        return List.of(model("max_pool2d", false), model("avg_pool2d", true));
    }

    private static ReferenceModel model(String name, boolean average) {
        List<ReferenceModel.Param> params = new ArrayList<>(List.of(
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
                    Tensor x = in.required("x", "(N, C, H, W)", ANY, ANY, ANY, ANY);
                    Window w = window(in, x);
                    boolean includePad = in.flag("count_include_pad", true);
                    return Map.of("y", average ? average(toNd(m, x), w, includePad) : max(toNd(m, x), w));
                });
    }

    private static Window window(ModelInputs in, Tensor x) {
        long[] kernel = Convolution.perDim(in, "kernel_size", 2, 0);
        long[] stride = in.has("stride") ? Convolution.perDim(in, "stride", 2, 1) : kernel;
        long[] padding = Convolution.perDim(in, "padding", 2, 0);
        for (int i = 0; i < 2; i++) {
            if (kernel[i] < 1 || stride[i] < 1 || padding[i] < 0 || 2 * padding[i] > kernel[i]
                    || x.shape()[i + 2] + 2 * padding[i] < kernel[i]) {
                throw in.error("kernel_size", Arrays.toString(kernel) + " does not fit input 'x' " + x.shapeText()
                        + " with stride " + Arrays.toString(stride) + " and padding " + Arrays.toString(padding));
            }
        }
        return new Window(new Shape(kernel), new Shape(stride), new Shape(padding), in.flag("ceil_mode", false));
    }

    private static NDArray max(NDArray x, Window w) {
        return Pool.maxPool2d(x, w.kernel(), w.stride(), w.padding(), w.ceil());
    }

    private static NDArray average(NDArray x, Window w, boolean includePad) {
        NDArray y = Pool.avgPool2d(x, w.kernel(), w.stride(), w.padding(), w.ceil(), true);
        if (includePad) {
            return y;
        }
        // DJL ignores count_include_pad = false; dividing by the same pooling of ones turns each
        // window's divisor into its number of real (unpadded) elements.
        NDArray ones = x.get(new NDIndex("0:1, 0:1")).onesLike();
        return y.div(Pool.avgPool2d(ones, w.kernel(), w.stride(), w.padding(), w.ceil(), true));
    }
}
