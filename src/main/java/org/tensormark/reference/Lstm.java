package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * torch.nn.LSTM, gate order i, f, g, o: c' = f*c + i*g, h' = o*tanh(c'), with i, f, o sigmoid and
 * g tanh of {@code x W_ih^T + b_ih + h W_hh^T + b_hh}.
 */
final class Lstm extends RecurrentModel {

    @Override
    public String name() {
        return "lstm";
    }

    @Override
    public String description() {
        return "LSTM (torch.nn.LSTM), multi-layer and bidirectional";
    }

    @Override
    public int gates() {
        return 4;
    }

    @Override
    public boolean hasCellState() {
        return true;
    }

    @Override
    public NDList step(NDArray gx, NDList state, NDArray whh, NDArray bhh) {
        NDList gate = gx.add(state.get(0).matMul(whh.transpose())).add(bhh).split(4, 1);
        NDArray c = Activation.sigmoid(gate.get(1)).mul(state.get(1))
                .add(Activation.sigmoid(gate.get(0)).mul(gate.get(2).tanh()));
        NDArray h = Activation.sigmoid(gate.get(3)).mul(c.tanh());
        return new NDList(h, c);
    }
}
