package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/** torch.nn.RNN (Elman): h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh), act tanh or ReLU. */
final class Rnn extends RecurrentModel {

    private final boolean relu;
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
    public int gates() {
        return 1;
    }

    @Override
    public NDList step(NDArray gx, NDList state, NDArray whh, NDArray bhh) {
        NDArray pre = gx.add(state.get(0).matMul(whh.transpose())).add(bhh);
        return new NDList(relu ? Activation.relu(pre) : pre.tanh());
    }
}
