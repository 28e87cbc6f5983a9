package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/** torch.nn.RNN (Elman): h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh), act tanh or ReLU. */
final class Rnn implements ReferenceModel, RecurrentCell {

    private final boolean relu;
    private final RecurrentStack stack = new RecurrentStack(this);

    Rnn(boolean relu) {
        this.relu = relu;
    }

    @Override
    public String name() {
        return relu ? "rnn_relu" : "rnn_tanh";
    }

    @Override
    public String description() {
        return "Elman RNN (torch.nn.RNN, nonlinearity=" + (relu ? "relu" : "tanh")
                + "), multi-layer and bidirectional";
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
        return 1;
    }

    @Override
    public NDList step(NDArray gx, NDList state, NDArray whh, NDArray bhh) {
        NDArray pre = gx.add(state.get(0).matMul(whh.transpose())).add(bhh);
        return new NDList(relu ? Activation.relu(pre) : pre.tanh());
    }
}
