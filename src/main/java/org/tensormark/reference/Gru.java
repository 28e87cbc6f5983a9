package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * torch.nn.GRU, gate order r, z, n: r, z = sigmoid(W_i x + b_i + W_h h + b_h),
 * n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) * n + z * h.
 */
final class Gru implements ReferenceModel, RecurrentCell {

    private final RecurrentStack stack = new RecurrentStack(this);

    @Override
    public String name() {
        return "gru";
    }

    @Override
    public String description() {
        return "GRU (torch.nn.GRU), multi-layer and bidirectional";
    }

    @Override
    public List<Param> inputs() {
        return stack.inputs();
    }

    @Override
    public List<String> outputs() {
        return stack.outputs();
    }

    @Override
    public Map<String, Tensor> compute(Map<String, Tensor> inputs) {
        return stack.compute(name(), inputs);
    }

    @Override
    public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
        return stack.initialise(name(), seed, hyperParameters);
    }

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public NDList step(NDArray gx, NDList state, NDArray whh, NDArray bhh) {
        NDArray h = state.get(0);
        NDList x = gx.split(3, 1);
        NDList hidden = h.matMul(whh.transpose()).add(bhh).split(3, 1);
        NDArray r = Activation.sigmoid(x.get(0).add(hidden.get(0)));
        NDArray z = Activation.sigmoid(x.get(1).add(hidden.get(1)));
        NDArray n = x.get(2).add(r.mul(hidden.get(2))).tanh();
        return new NDList(n.add(z.mul(h.sub(n))));
    }
}
