package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdConversion.toNd;
import static org.tensormark.reference.NdModel.array;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.DType;

/**
 * Rosenblatt's perceptron rule, sample by sample in the given order: y = [w . x + b >= 0],
 * w += lr (t - y) x, b += lr (t - y). Outputs the weights and bias after every sample (rows in
 * presentation order, epochs * N of them) and the number of misclassified samples per epoch.
 */
final class Perceptron {

    private Perceptron() {
    }

    static ReferenceModel model() {
        List<ReferenceModel.Param> params = List.of(
                required("x", "(N, d)", "training inputs in presentation order"),
                required("target", "(N,)", "labels 0 or 1"),
                optional("weight", "(d,)", "initial weights, default zeros"),
                optional("bias", "()", "initial bias, default 0"),
                optional("lr", "()", "learning rate, default 1"),
                optional("epochs", "()", "passes over the data, default 10"));
        return new NdModel("perceptron", "Rosenblatt perceptron training trajectory", params,
                List.of("weights", "biases", "errors"), Perceptron::train);
    }

    private static Map<String, NDArray> train(ModelInputs in, NDManager m) {
        DataType real = in.floatingType("x", "weight") == DType.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
        NDArray x = array(m, in, "x", "(N, d)", ANY, ANY).toType(real, false);
        long n = x.getShape().get(0);
        long d = x.getShape().get(1);
        NDArray target = array(m, in, "target", "(N,)", n).toType(x.getDataType(), false);
        NDArray w = in.optional("weight", "(d,)", d).map(t -> toNd(m, t))
                .orElseGet(() -> m.zeros(new Shape(d))).toType(x.getDataType(), false);
        NDArray b = in.optional("bias", "()").map(t -> toNd(m, t))
                .orElseGet(() -> m.zeros(new Shape())).toType(x.getDataType(), false);
        double lr = in.number("lr", 1);
        int epochs = in.integer("epochs", 10);
        if (epochs < 1) {
            throw in.error("epochs", "must be at least 1, got " + epochs);
        }
        if (n < 1) {
            throw in.error("x", "needs at least one sample, got shape " + in.required("x").shapeText());
        }
        return run(x, target, w, b, lr, epochs);
    }

    private static Map<String, NDArray> run(NDArray x, NDArray target, NDArray w, NDArray b, double lr, int epochs) {
        NDList weights = new NDList();
        NDList biases = new NDList();
        long[] errors = new long[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (long i = 0; i < x.getShape().get(0); i++) {
                NDArray xi = x.get(i);
                NDArray error = target.get(i).sub(xi.dot(w).add(b).gte(0).toType(x.getDataType(), false));
                if (error.neq(0).getBoolean()) {
                    errors[epoch]++;
                }
                w = w.add(xi.mul(error).mul(lr));
                b = b.add(error.mul(NdModel.scalar(b, lr)));
                weights.add(w);
                biases.add(b);
            }
        }
        return Map.of("weights", NDArrays.stack(weights), "biases", NDArrays.stack(biases),
                "errors", x.getManager().create(errors));
    }
}
