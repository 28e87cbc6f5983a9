package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdModel.array;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * A logistic-regression node (nn.Linear(d, 1) then sigmoid): probabilities p, the mean binary
 * cross-entropy against the targets as torch.nn.functional.binary_cross_entropy defines it, each
 * log clamped at -100 (so a saturated p of exactly 0 or 1 costs 100, never infinity or NaN), and
 * the gradients (p - t) x / N and sum(p - t) / N: the derivative of the loss through the logits,
 * as autograd gives it through binary_cross_entropy_with_logits, exact wherever no log is clamped.
 */
final class LogisticNode {

    private LogisticNode() {
    }

    static ReferenceModel model() {
        List<ReferenceModel.Param> params = List.of(
                required("x", "(N, d)", "inputs"),
                required("target", "(N,)", "labels in [0, 1]"),
                required("weight", "(1, d)", "nn.Linear weight"),
                required("bias", "(1,)", "nn.Linear bias"));
        return new NdModel("logistic_node", "logistic regression node: forward, BCE, dW, db", params,
                List.of("p", "loss", "weight_grad", "bias_grad"), LogisticNode::compute, LogisticNode::init);
    }

    private static Map<String, NDArray> compute(ModelInputs in, NDManager m) {
        NDArray x = array(m, in, "x", "(N, d)", ANY, ANY);
        long n = x.getShape().get(0);
        long d = x.getShape().get(1);
        NDArray t = array(m, in, "target", "(N,)", n);
        NDArray w = array(m, in, "weight", "(1, d)", 1, d);
        NDArray b = array(m, in, "bias", "(1,)", 1);
        NDArray p = Activation.sigmoid(x.matMul(w.transpose()).add(b)).reshape(n);
        NDArray loss = Losses.bceSum(p, t).div(n);
        NDArray residual = p.sub(t).div(n);
        return Map.of("p", p, "loss", loss,
                "weight_grad", residual.reshape(1, n).matMul(x), "bias_grad", residual.sum().reshape(1));
    }

    private static Map<String, Tensor> init(DefaultInit random, ModelInputs hyper) {
        Map<String, Tensor> out = new HashMap<>();
        random.linear(out, "", hyper.requiredInteger("in_features"), 1, true);
        return out;
    }
}
