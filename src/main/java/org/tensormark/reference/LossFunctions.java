package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdModel.array;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * The loss functions with mean reduction, each with its gradient with respect to the input:
 * MSE, cross-entropy over logits with class indices, and binary cross-entropy of probabilities
 * as torch.nn.functional.binary_cross_entropy computes it (each log clamped at -100; gradient
 * (p - t) / max(p (1 - p), 1e-12) / n) or, given {@code eps}, with the probabilities clipped to
 * [eps, 1 - eps] first (zero gradient where clipping applies).
 */
final class LossFunctions {

    /** The floor of p (1 - p) in torch's BCE gradient: 1e-12 as a float, whatever the dtype. */
    private static final double TORCH_BCE_FLOOR = 1e-12f;

    private LossFunctions() {
    }

    static List<ReferenceModel> all() {
        List<String> outputs = List.of("loss", "grad");
        return List.of(
                new NdModel("mse", "mean squared error", List.of(
                        required("input", "(*)", "predictions, any shape"),
                        required("target", "(like input)", "targets, same shape as input")),
                        outputs, LossFunctions::mse),
                new NdModel("cross_entropy", "cross-entropy of logits against class indices, mean over N", List.of(
                        required("input", "(N, C)", "logits"),
                        required("target", "(N,)", "class indices in [0, C)")),
                        outputs, LossFunctions::crossEntropy),
                new NdModel("bce", "binary cross-entropy of probabilities, each log clamped at -100 as in torch",
                        List.of(required("input", "(*)", "probabilities in [0, 1], any shape"),
                        required("target", "(like input)", "targets in [0, 1], same shape as input"),
                        optional("eps", "()", "clip the probabilities to [eps, 1 - eps] first; default: no clipping")),
                        outputs, LossFunctions::bce));
    }

    private static Map<String, NDArray> mse(ModelInputs in, NDManager m) {
        NDArray x = array(m, in, "input", "(*)", in.required("input").shape());
        NDArray t = array(m, in, "target", "(like input)", in.required("input").shape());
        NDArray diff = x.sub(t);
        return Map.of("loss", diff.square().mean(), "grad", diff.mul(2).div(Math.max(1, x.size())));
    }

    private static Map<String, NDArray> crossEntropy(ModelInputs in, NDManager m) {
        NDArray logits = array(m, in, "input", "(N, C)", ANY, ANY);
        long n = logits.getShape().get(0);
        int classes = (int) logits.getShape().get(1);
        Tensor target = in.required("target", "(N,)", n);
        in.checkIntegral("target", target);
        for (double c : target.values()) {
            if (c < 0 || c >= classes) {
                throw in.error("target", "holds class " + c + " outside [0, " + classes + ")");
            }
        }
        NDArray oneHot = NdConversion.toNd(m, target).toType(DataType.INT64, false)
                .oneHot(classes, logits.getDataType());
        NDArray logp = logits.logSoftmax(1);
        NDArray loss = logp.mul(oneHot).sum().neg().div(n);
        return Map.of("loss", loss, "grad", logits.softmax(1).sub(oneHot).div(n));
    }

    private static Map<String, NDArray> bce(ModelInputs in, NDManager m) {
        NDArray p = array(m, in, "input", "(*)", in.required("input").shape());
        NDArray t = array(m, in, "target", "(like input)", in.required("input").shape());
        long n = Math.max(1, p.size());
        if (!in.has("eps")) {
            NDArray grad = p.sub(t).div(p.mul(p.neg().add(1)).maximum(TORCH_BCE_FLOOR)).div(n);
            return Map.of("loss", Losses.bceSum(p, t).div(n), "grad", grad);
        }
        double eps = in.requiredNumber("eps");
        if (!(eps >= 0 && eps < 0.5)) {
            throw in.error("eps", "must lie in [0, 0.5), got " + eps);
        }
        NDArray clipped = p.clip(eps, 1 - eps);
        NDArray oneMinus = clipped.neg().add(1);
        NDArray loss = t.mul(clipped.log()).add(t.neg().add(1).mul(oneMinus.log())).mean().neg();
        NDArray inside = p.gte(eps).logicalAnd(p.lte(1 - eps));
        NDArray grad = clipped.sub(t).div(clipped.mul(oneMinus)).div(n);
        return Map.of("loss", loss, "grad", NDArrays.where(inside, grad, grad.zerosLike()));
    }
}
