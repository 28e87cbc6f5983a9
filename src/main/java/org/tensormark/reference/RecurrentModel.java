package org.tensormark.reference;

import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * A torch.nn recurrent module (RNN, LSTM, GRU) as a reference model: the subclass is the cell, a
 * {@link RecurrentStack} runs it over layers, directions and time.
 */
abstract class RecurrentModel implements ReferenceModel, RecurrentCell {

    private final RecurrentStack stack = new RecurrentStack(this);

    @Override
    public List<Param> inputs() {
        return stack.inputs();
    }

    @Override
    public List<Param> inputsFor(Map<String, Tensor> inputs) {
        return stack.inputsFor(name(), inputs);
    }

    @Override
    public List<String> outputs() {
        return stack.outputs();
    }

    @Override
    public Map<String, Tensor> compute(Map<String, Tensor> inputs) {
        return stack.compute(name(), inputs);
    }

    /** Hyper-parameters: input_size, hidden_size, num_layers, bidirectional, bias (as torch.nn). */
    @Override
    public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
        return stack.initialise(name(), seed, hyperParameters);
    }
}
