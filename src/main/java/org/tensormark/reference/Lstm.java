package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * torch.nn.LSTM, gate order i, f, g, o: c' = f*c + i*g, h' = o*tanh(c'), with i, f, o sigmoid and
 * g tanh of {@code x W_ih^T + b_ih + h W_hh^T + b_hh}.
 */
final class Lstm implements ReferenceModel, RecurrentCell {

    private final RecurrentStack stack = new RecurrentStack(this);

    @Override
    public String name() {
        return "lstm";
    }

    @Override
    public String description() {
        return "LSTM (torch.nn.LSTM), multi-layer and bidirectional";
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
