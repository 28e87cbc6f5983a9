package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdModel.array;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;

/**
 * Mini-batch SGD on a linear model y = x w^T + b with the MSE loss: the data are taken in the
 * given order in batches of batch_size (the last one may be smaller), one torch.optim.SGD step
 * per batch. Batch size N gives full-batch gradient descent, 1 per-sample SGD.
 */
final class MiniBatchSgd {

    private MiniBatchSgd() {
    }

    static ReferenceModel model() {
        List<ReferenceModel.Param> params = List.of(
                required("x", "(N, d)", "inputs in order"),
                required("y", "(N,)", "targets"),
                required("weight", "(1, d)", "initial nn.Linear(d, 1) weight"),
                required("bias", "(1,)", "initial bias"),
                required("lr", "()", "learning rate"),
                required("batch_size", "()", "samples per step"),
                optional("epochs", "()", "passes over the data, default 1"));
        return new NdModel("sgd_minibatch", "mini-batch SGD trajectory of a linear model under MSE",
                params, List.of("weights", "biases", "losses"), MiniBatchSgd::train);
    }

    private static Map<String, NDArray> train(ModelInputs in, NDManager m) {
        NDArray x = array(m, in, "x", "(N, d)", ANY, ANY);
        long n = x.getShape().get(0);
        long d = x.getShape().get(1);
        NDArray y = array(m, in, "y", "(N,)", n);
        NDArray w = array(m, in, "weight", "(1, d)", 1, d);
        NDArray b = array(m, in, "bias", "(1,)", 1);
        double lr = in.requiredNumber("lr");
        int batch = in.requiredInteger("batch_size");
        int epochs = in.integer("epochs", 1);
        if (batch < 1 || epochs < 1 || n < 1) {
            throw in.error(batch < 1 ? "batch_size" : epochs < 1 ? "epochs" : "x", "must be at least 1");
        }
        NDList weights = new NDList();
        NDList biases = new NDList();
        NDList losses = new NDList();
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (long start = 0; start < n; start += batch) {
                NDIndex rows = new NDIndex().addSliceDim(start, Math.min(n, start + batch));
                NDArray xb = x.get(rows);
                NDArray residual = xb.matMul(w.transpose()).reshape(-1).add(b).sub(y.get(rows));
                long size = xb.getShape().get(0);
                losses.add(residual.square().mean());
                NDArray scaled = residual.mul(2).div(size);
                w = w.sub(scaled.reshape(1, size).matMul(xb).mul(lr));
                b = b.sub(scaled.sum().reshape(1).mul(lr));
                weights.add(w.reshape(d));
                biases.add(b.reshape(new Shape()));
            }
        }
        return Map.of("weights", NDArrays.stack(weights), "biases", NDArrays.stack(biases),
                "losses", NDArrays.stack(losses));
    }
}
