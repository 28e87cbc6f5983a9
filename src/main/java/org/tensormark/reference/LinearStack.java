package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The Linear layers of a torch.nn.Sequential that alternates Linear and activation modules, so its
 * layers are named {@code prefix.0}, {@code prefix.2}, {@code prefix.4}, … Parameters alternate
 * weight (out, in) and bias (out,), in state_dict order.
 */
record LinearStack(List<String> names, List<NDArray> parameters) {

    /** Reads {@code prefix.0.weight}, {@code prefix.0.bias}, {@code prefix.2.weight}, … while present. */
    static LinearStack read(ComputeScope scope, String prefix, long inFeatures) {
        ModelInputs in = scope.inputs();
        List<String> names = new ArrayList<>();
        List<NDArray> parameters = new ArrayList<>();
        long features = inFeatures;
        for (int k = 0; k == 0 || in.has(prefix + "." + k + ".weight"); k += 2) {
            String layer = prefix + "." + k;
            long out = in.required(layer + ".weight", "(out, in)", ModelInputs.ANY, features).shape()[0];
            names.add(layer + ".weight");
            parameters.add(scope.array(layer + ".weight", "(out, in)", out, features));
            names.add(layer + ".bias");
            parameters.add(scope.array(layer + ".bias", "(out,)", out));
            features = out;
        }
        return new LinearStack(List.copyOf(names), List.copyOf(parameters));
    }

    /** Draws torch.nn.Linear defaults for layers of the given sizes: in, hidden…, out. */
    static InitialParameters initialise(InitialParameters p, String prefix, long... sizes) {
        for (int k = 0; k + 1 < sizes.length; k++) {
            p.linear(prefix + "." + 2 * k, sizes[k], sizes[k + 1]);
        }
        return p;
    }

    /** The same layers with other parameter values (e.g. after an optimiser step). */
    LinearStack with(List<NDArray> values) {
        return new LinearStack(names, List.copyOf(values));
    }

    /** torch.nn.functional.linear: x W^T + b. */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.matMul(weight.transpose()).add(bias);
    }

    long outFeatures() {
        return parameters.get(parameters.size() - 1).getShape().get(0);
    }

    /** x through every layer: {@code hidden} after each but the last, {@code last} after the last. */
    NDArray forward(NDArray x, UnaryOperator<NDArray> hidden, UnaryOperator<NDArray> last) {
        for (int i = 0; i < parameters.size(); i += 2) {
            x = linear(x, parameters.get(i), parameters.get(i + 1));
            x = i + 2 < parameters.size() ? hidden.apply(x) : last.apply(x);
        }
        return x;
    }
}
