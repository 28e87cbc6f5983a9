package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdConversion.toNd;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * A LeNet-style classifier with given weights: (conv 5x5 - ReLU - 2x2 max pool) twice, flatten,
 * fc1 - ReLU, fc2 - ReLU, fc3 (logits). Layer sizes follow the weights.
 */
final class LeNet {

    private LeNet() {
    }

    static ReferenceModel model() {
        List<ReferenceModel.Param> params = List.of(
                required("x", "(N, C, H, W)", "images"),
                required("conv1.weight", "(C1, C, k, k)", ""), required("conv1.bias", "(C1,)", ""),
                required("conv2.weight", "(C2, C1, k, k)", ""), required("conv2.bias", "(C2,)", ""),
                required("fc1.weight", "(F1, C2*h*w)", ""), required("fc1.bias", "(F1,)", ""),
                required("fc2.weight", "(F2, F1)", ""), required("fc2.bias", "(F2,)", ""),
                required("fc3.weight", "(classes, F2)", ""), required("fc3.bias", "(classes,)", ""),
                optional("conv1_padding", "()", "zero padding of conv1, default 0 (2 for 28x28 MNIST)"));
        return new NdModel("lenet", "LeNet-style CNN forward pass", params, List.of("logits"),
                (in, m) -> Map.of("logits", forward(in, m)), LeNet::init);
    }

    private static NDArray forward(ModelInputs in, NDManager m) {
        NDArray h = toNd(m, in.required("x", "(N, C, H, W)", ANY, ANY, ANY, ANY));
        long padding = in.integer("conv1_padding", 0);
        for (int layer = 1; layer <= 2; layer++) {
            String name = "conv" + layer + ".weight";
            NDArray w = toNd(m, in.required(name, "(C_out, C_in, k, k)", ANY, h.getShape().get(1), ANY, ANY));
            NDArray b = toNd(m, in.required("conv" + layer + ".bias", "(C_out,)", w.getShape().get(0)));
            long p = layer == 1 ? padding : 0;
            if (h.getShape().get(2) + 2 * p < w.getShape().get(2) + 1 || h.getShape().get(3) + 2 * p < w.getShape().get(3) + 1) {
                throw in.error(name, "does not fit the feature map " + h.getShape() + " (needs a 2x2 pool after it)");
            }
            h = Conv2d.conv2d(h, w, b, new Shape(1, 1), new Shape(p, p)).singletonOrThrow();
            h = Pool.maxPool2d(Activation.relu(h), new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        }
        h = h.reshape(h.getShape().get(0), -1);
        for (int layer = 1; layer <= 3; layer++) {
            String name = "fc" + layer;
            long width = h.getShape().get(1);
            NDArray w = toNd(m, in.required(name + ".weight", "(out, " + width + ")", ANY, width));
            NDArray b = toNd(m, in.required(name + ".bias", "(out,)", w.getShape().get(0)));
            h = h.matMul(w.transpose()).add(b);
            h = layer < 3 ? Activation.relu(h) : h;
        }
        return h;
    }

    private static Map<String, Tensor> init(DefaultInit random, ModelInputs hyper) {
        long channels = hyper.integer("in_channels", 1);
        long size = hyper.integer("image_size", 32) + 2L * hyper.integer("conv1_padding", 0);
        long flat = 16 * ((((size - 4) / 2) - 4) / 2) * ((((size - 4) / 2) - 4) / 2);
        Map<String, Tensor> out = new HashMap<>();
        random.convolution(out, "conv1.", 6, channels, new long[] {5, 5}, true);
        random.convolution(out, "conv2.", 16, 6, new long[] {5, 5}, true);
        random.linear(out, "fc1.", flat, 120, true);
        random.linear(out, "fc2.", 120, 84, true);
        random.linear(out, "fc3.", 84, hyper.integer("classes", 10), true);
        return out;
    }
}
