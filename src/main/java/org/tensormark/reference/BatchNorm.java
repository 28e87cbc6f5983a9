package org.tensormark.reference;

import static org.tensormark.reference.NdConversion.toNd;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tensormark.tensor.Tensor;

/**
 * Batch normalisation over (N, C), (N, C, L) or (N, C, H, W) inputs, as nn.BatchNorm1d/2d. In
 * training it normalises with the batch mean and biased variance and moves the running mean and
 * the running (unbiased) variance by {@code momentum}; in evaluation it uses the running stats.
 */
final class BatchNorm {

    private BatchNorm() {
    }

    static List<ReferenceModel> all() {
        List<ReferenceModel.Param> params = List.of(
                required("x", "(N, C, *)", "input of rank 2, 3 or 4"),
                optional("weight", "(C,)", "scale gamma, default ones"),
                optional("bias", "(C,)", "shift beta, default zeros"),
                optional("running_mean", "(C,)", "default zeros"),
                optional("running_var", "(C,)", "default ones"),
                optional("momentum", "()", "running-stat update factor, default 0.1"),
                optional("eps", "()", "default 1e-5"));
        return List.of(
                new NdModel("batch_norm_train", "batch norm in training mode (batch statistics)", params,
                        List.of("y", "batch_mean", "batch_var", "running_mean", "running_var"),
                        (in, m) -> compute(in, m, true), BatchNorm::init),
                new NdModel("batch_norm_eval", "batch norm in evaluation mode (running statistics)", params,
                        List.of("y"), (in, m) -> compute(in, m, false), BatchNorm::init));
    }

    /** Normalises {@code x} (channels on axis 1) with per-channel statistics and affine parameters. */
    static NDArray normalise(NDArray x, NDArray mean, NDArray var, NDArray weight, NDArray bias, double eps) {
        Shape perChannel = channelShape(x);
        NDArray y = x.sub(mean.reshape(perChannel)).div(var.add(eps).sqrt().reshape(perChannel));
        return y.mul(weight.reshape(perChannel)).add(bias.reshape(perChannel));
    }

    private static Map<String, NDArray> compute(ModelInputs in, NDManager m, boolean training) {
        Tensor xt = in.required("x");
        if (xt.rank() < 2 || xt.rank() > 4) {
            throw in.error("x", "expected shape (N, C, *) of rank 2 to 4, got " + xt.shapeText());
        }
        NDArray x = toNd(m, xt);
        long c = xt.shape()[1];
        NDArray weight = channelInput(in, m, "weight", c, 1, x);
        NDArray bias = channelInput(in, m, "bias", c, 0, x);
        NDArray runningMean = channelInput(in, m, "running_mean", c, 0, x);
        NDArray runningVar = channelInput(in, m, "running_var", c, 1, x);
        double eps = in.number("eps", 1e-5);
        double momentum = in.number("momentum", 0.1);
        if (!training) {
            return Map.of("y", normalise(x, runningMean, runningVar, weight, bias, eps));
        }
        long count = xt.size() / Math.max(1, c);
        if (count < 2) {
            throw in.error("x", "needs more than one value per channel in training, got " + xt.shapeText());
        }
        // DJL reduces over one axis at a time only: move channels first and flatten the rest.
        int[] order = IntStream.range(0, xt.rank()).map(a -> a == 0 ? 1 : a == 1 ? 0 : a).toArray();
        NDArray perChannel = x.transpose(order).reshape(c, count);
        NDArray mean = perChannel.mean(new int[] {1});
        NDArray var = perChannel.sub(mean.reshape(c, 1)).square().mean(new int[] {1});
        Map<String, NDArray> out = new HashMap<>();
        out.put("y", normalise(x, mean, var, weight, bias, eps));
        out.put("batch_mean", mean);
        out.put("batch_var", var);
        out.put("running_mean", runningMean.mul(1 - momentum).add(mean.mul(momentum)));
        out.put("running_var", runningVar.mul(1 - momentum).add(var.mul((double) count / (count - 1)).mul(momentum)));
        return out;
    }

    private static NDArray channelInput(ModelInputs in, NDManager m, String name, long c, double fallback, NDArray x) {
        return in.optional(name, "(C,)", c).map(t -> toNd(m, t))
                .orElseGet(() -> m.full(new Shape(c), (float) fallback).toType(x.getDataType(), false));
    }

    private static Shape channelShape(NDArray x) {
        long[] shape = new long[x.getShape().dimension()];
        Arrays.fill(shape, 1);
        shape[1] = x.getShape().get(1);
        return new Shape(shape);
    }

    private static Map<String, Tensor> init(DefaultInit random, ModelInputs hyper) {
        Map<String, Tensor> out = new HashMap<>();
        DefaultInit.batchNorm(out, "", hyper.requiredInteger("num_features"));
        return out;
    }
}
