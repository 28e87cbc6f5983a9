package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * torch.nn.GRU, gate order r, z, n: r, z = sigmoid(W_i x + b_i + W_h h + b_h),
 * n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) * n + z * h.
 */
final class Gru extends RecurrentModel {

    @Override
    public String name() {
        return "gru";
    }

    @Override
    public String description() {
        return "GRU (torch.nn.GRU), multi-layer and bidirectional";
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
