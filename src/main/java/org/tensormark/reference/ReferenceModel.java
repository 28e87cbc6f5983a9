package org.tensormark.reference;

import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * One course model computed with DJL. Inputs and outputs are named plain tensors; parameters use
 * PyTorch's names and layouts (e.g. {@code weight_ih_l0} of shape (4*hidden, input)), and
 * hyper-parameters are 0-d tensors among the inputs, so one .npz holds a whole case.
 * Implementations are stateless and safe to call from several threads.
 */
public interface ReferenceModel {

    /** Short command-line name, e.g. {@code lstm}. */
    String name();

    /** One line for {@code tensormark reference --list}. */
    String description();

    /** Every input the model reads, in a stable order. */
    List<Param> inputs();

    /**
     * The inputs one call with {@code inputs} reads: {@link #inputs()} with every placeholder
     * ({@link InputPatterns}) expanded to the names that the hyper-parameters and the layers given
     * call for, e.g. {@code weight_ih_l0}, {@code weight_ih_l0_reverse}, {@code weight_ih_l1}, …
     * for a two-layer bidirectional LSTM.
     */
    default List<Param> inputsFor(Map<String, Tensor> inputs) {
        return InputPatterns.expandSequential(inputs(), inputs);
    }

    /** The names of the outputs {@link #compute} returns. */
    List<String> outputs();

    /**
     * Computes the outputs. Missing optional inputs take their defaults; a missing required
     * input or a wrong shape is an {@link IllegalArgumentException} naming it.
     */
    Map<String, Tensor> compute(Map<String, Tensor> inputs);

    /**
     * Parameters (weights, biases) drawn from {@code seed} the way PyTorch's default
     * initialisation would, for the hyper-parameters given (sizes as 0-d tensors).
     */
    Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters);

    /** One named input of a model. */
    record Param(String name, String shape, String description, boolean required) {
    }
}
