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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * A ResNet basic block in evaluation mode: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)),
 * 3x3 convolutions without bias (conv1 with the block's stride), and a shortcut that is the
 * identity or, when {@code shortcut.0.weight} is given, a strided 1x1 convolution followed by
 * batch norm {@code shortcut.1.*} (the names of torchvision's nn.Sequential downsample).
 */
final class ResidualBlock {

    private static final String[] BN = {"weight", "bias", "running_mean", "running_var"};

    private ResidualBlock() {
    }

    static ReferenceModel model() {
        List<ReferenceModel.Param> params = new ArrayList<>();
        params.add(required("x", "(N, C_in, H, W)", "input"));
        params.add(required("conv1.weight", "(C, C_in, 3, 3)", "first convolution"));
        batchNormParams(params, "bn1.", true);
        params.add(required("conv2.weight", "(C, C, 3, 3)", "second convolution"));
        batchNormParams(params, "bn2.", true);
        params.add(optional("shortcut.0.weight", "(C, C_in, 1, 1)", "projection; identity when absent"));
        batchNormParams(params, "shortcut.1.", false);
        params.add(optional("stride", "()", "stride of conv1 and the projection, default 1"));
        params.add(optional("eps", "()", "batch-norm eps, default 1e-5"));
        return new NdModel("residual_block", "ResNet basic block (eval-mode batch norm)", params, List.of("y"),
                (in, m) -> Map.of("y", forward(in, m)), ResidualBlock::init);
    }

    private static void batchNormParams(List<ReferenceModel.Param> params, String prefix, boolean required) {
        for (String p : BN) {
            String description = "batch norm " + p + (required ? "" : ", with the projection");
            params.add(required ? required(prefix + p, "(C,)", description) : optional(prefix + p, "(C,)", description));
        }
    }

    private static NDArray forward(ModelInputs in, NDManager m) {
        Tensor xt = in.required("x", "(N, C_in, H, W)", ANY, ANY, ANY, ANY);
        long cin = xt.shape()[1];
        int stride = in.integer("stride", 1);
        if (stride < 1) {
            throw in.error("stride", "must be at least 1, got " + stride);
        }
        NDArray x = toNd(m, xt);
        NDArray w1 = toNd(m, in.required("conv1.weight", "(C, C_in, 3, 3)", ANY, cin, 3, 3));
        long c = w1.getShape().get(0);
        NDArray w2 = toNd(m, in.required("conv2.weight", "(C, C, 3, 3)", c, c, 3, 3));
        NDArray h = Activation.relu(batchNorm(in, m, "bn1.", conv(x, w1, stride, 1), c));
        h = batchNorm(in, m, "bn2.", conv(h, w2, 1, 1), c);
        NDArray shortcut;
        if (in.has("shortcut.0.weight")) {
            NDArray ws = toNd(m, in.required("shortcut.0.weight", "(C, C_in, 1, 1)", c, cin, 1, 1));
            shortcut = batchNorm(in, m, "shortcut.1.", conv(x, ws, stride, 0), c);
        } else if (cin != c || stride != 1) {
            throw in.error("shortcut.0.weight", "is required when channels change (" + cin + " -> " + c
                    + ") or stride is " + stride);
        } else {
            shortcut = x;
        }
        return Activation.relu(h.add(shortcut));
    }

    private static NDArray conv(NDArray x, NDArray w, long stride, long padding) {
        NDArray bias = x.getManager().zeros(new Shape(w.getShape().get(0)), w.getDataType());
        return Conv2d.conv2d(x, w, bias, new Shape(stride, stride), new Shape(padding, padding)).singletonOrThrow();
    }

    private static NDArray batchNorm(ModelInputs in, NDManager m, String prefix, NDArray x, long c) {
        NDArray[] p = new NDArray[BN.length];
        for (int i = 0; i < BN.length; i++) {
            p[i] = toNd(m, in.required(prefix + BN[i], "(C,)", c));
        }
        return BatchNorm.normalise(x, p[2], p[3], p[0], p[1], in.number("eps", 1e-5));
    }

    private static Map<String, Tensor> init(DefaultInit random, ModelInputs hyper) {
        long cin = hyper.requiredInteger("in_channels");
        long c = hyper.requiredInteger("out_channels");
        int stride = hyper.integer("stride", 1);
        Map<String, Tensor> out = new HashMap<>();
        random.convolution(out, "conv1.", c, cin, new long[] {3, 3}, false);
        DefaultInit.batchNorm(out, "bn1.", c);
        random.convolution(out, "conv2.", c, c, new long[] {3, 3}, false);
        DefaultInit.batchNorm(out, "bn2.", c);
        if (cin != c || stride != 1) {
            random.convolution(out, "shortcut.0.", c, cin, new long[] {1, 1}, false);
            DefaultInit.batchNorm(out, "shortcut.1.", c);
        }
        return out;
    }
}
