package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdModel.array;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * Backpropagation by hand for a two-layer sigmoid network (hidden and output layers both
 * sigmoid), the way the course derives it. The loss is the squared error
 * E = 1/N * sum over samples and outputs of 1/2 (target - output)^2; outputs are the forward
 * values, the gradients of E and the parameters after one gradient-descent step with rate lr.
 */
final class SigmoidBackprop {

    static final List<String> PARAMETERS = List.of("hidden.weight", "hidden.bias", "output.weight", "output.bias");

    private SigmoidBackprop() {
    }

    static ReferenceModel model() {
        List<ReferenceModel.Param> params = List.of(
                required("x", "(N, in)", "inputs"),
                required("target", "(N, out)", "targets"),
                required("hidden.weight", "(H, in)", "hidden layer weight"),
                required("hidden.bias", "(H,)", "hidden layer bias"),
                required("output.weight", "(out, H)", "output layer weight"),
                required("output.bias", "(out,)", "output layer bias"),
                optional("lr", "()", "learning rate of the update, default 0.5"));
        List<String> outputs = List.of("hidden", "output", "loss",
                "hidden.weight.grad", "hidden.bias.grad", "output.weight.grad", "output.bias.grad",
                "hidden.weight.updated", "hidden.bias.updated", "output.weight.updated", "output.bias.updated");
        return new NdModel("sigmoid_backprop", "2-layer sigmoid network: forward, hand backprop, one SGD step",
                params, outputs, SigmoidBackprop::compute, SigmoidBackprop::init);
    }

    private static Map<String, NDArray> compute(ModelInputs in, NDManager m) {
        NDArray x = array(m, in, "x", "(N, in)", ANY, ANY);
        long n = x.getShape().get(0);
        NDArray w1 = array(m, in, "hidden.weight", "(H, in)", ANY, x.getShape().get(1));
        long hiddenUnits = w1.getShape().get(0);
        NDArray b1 = array(m, in, "hidden.bias", "(H,)", hiddenUnits);
        NDArray w2 = array(m, in, "output.weight", "(out, H)", ANY, hiddenUnits);
        long outUnits = w2.getShape().get(0);
        NDArray b2 = array(m, in, "output.bias", "(out,)", outUnits);
        NDArray t = array(m, in, "target", "(N, out)", n, outUnits);
        double lr = in.number("lr", 0.5);

        NDArray h = Activation.sigmoid(x.matMul(w1.transpose()).add(b1));
        NDArray o = Activation.sigmoid(h.matMul(w2.transpose()).add(b2));
        NDArray loss = t.sub(o).square().sum().div(2L * n);
        // dE/d(net_o) = (o - t) * o (1 - o) / N: the chain rule through the output sigmoid.
        NDArray deltaO = o.sub(t).mul(o).mul(o.neg().add(1)).div(n);
        NDArray deltaH = deltaO.matMul(w2).mul(h).mul(h.neg().add(1));
        NDArray gw2 = deltaO.transpose().matMul(h);
        NDArray gb2 = deltaO.sum(new int[] {0});
        NDArray gw1 = deltaH.transpose().matMul(x);
        NDArray gb1 = deltaH.sum(new int[] {0});
        Map<String, NDArray> out = new HashMap<>();
        out.put("hidden", h);
        out.put("output", o);
        out.put("loss", loss);
        NDArray[] params = {w1, b1, w2, b2};
        NDArray[] grads = {gw1, gb1, gw2, gb2};
        for (int i = 0; i < params.length; i++) {
            out.put(PARAMETERS.get(i) + ".grad", grads[i]);
            out.put(PARAMETERS.get(i) + ".updated", params[i].sub(grads[i].mul(lr)));
        }
        return out;
    }

    private static Map<String, Tensor> init(DefaultInit random, ModelInputs hyper) {
        long hidden = hyper.requiredInteger("hidden_size");
        Map<String, Tensor> out = new HashMap<>();
        random.linear(out, "hidden.", hyper.requiredInteger("in_features"), hidden, true);
        random.linear(out, "output.", hidden, hyper.requiredInteger("out_features"), true);
        return out;
    }
}
