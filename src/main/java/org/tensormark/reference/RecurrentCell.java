package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * One time step of a recurrent layer in PyTorch's formulation: the input's contribution
 * {@code x W_ih^T + b_ih} (all gates side by side, in PyTorch's gate order) is computed for
 * every step up front; the cell adds the hidden contribution and returns the new state, whose
 * first element is the step's output h.
 */
interface RecurrentCell {

    /** How many gate blocks the weights stack: 1 (RNN), 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n). */
    int gates();

    /** Whether the state carries a cell tensor c beside h (LSTM). */
    default boolean hasCellState() {
        return false;
    }

    /**
     * The next state from {@code gx} (N, gates*H), the state [h (N, H)] or [h, c], and the
     * hidden weights {@code whh} (gates*H, H) and bias {@code bhh} (gates*H,).
     */
    NDList step(NDArray gx, NDList state, NDArray whh, NDArray bhh);
}
