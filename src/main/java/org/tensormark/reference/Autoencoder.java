package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * An MLP autoencoder: encoder = Sequential(Linear, ReLU, …, Linear) to the code, decoder =
 * Sequential(Linear, ReLU, …, Linear, Sigmoid) back to the input size. The denoising variant
 * encodes {@code input + noise} (the noise is given, so the case is deterministic) and is scored
 * against the clean input.
 */
final class Autoencoder implements ReferenceModel {

    private final boolean denoising;

    Autoencoder(boolean denoising) {
        this.denoising = denoising;
    }

    @Override
    public String name() {
        return denoising ? "denoising_autoencoder" : "autoencoder";
    }

    @Override
    public String description() {
        return denoising ? "denoising MLP autoencoder: reconstruct the input from input + noise"
                : "MLP autoencoder with ReLU hidden layers and a sigmoid output";
    }

    @Override
    public List<Param> inputs() {
        List<Param> common = List.of(
                new Param("input", "(N, D)", "the clean examples", true),
                new Param("bce_loss", "()", "0 or 1, default 0: mean BCE instead of mean squared error", false),
                new Param("encoder.{2k}.weight", "(out, in)", "encoder Linear layers", true),
                new Param("encoder.{2k}.bias", "(out,)", "", true),
                new Param("decoder.{2k}.weight", "(out, in)", "decoder Linear layers, the last back to D", true),
                new Param("decoder.{2k}.bias", "(out,)", "", true));
        if (!denoising) {
            return common;
        }
        List<Param> all = new ArrayList<>(common);
        all.add(1, new Param("noise", "(N, D)", "added to the input before encoding", true));
        return List.copyOf(all);
    }

    @Override
    public List<String> outputs() {
        return List.of("code", "reconstruction", "loss");
    }

    @Override
    public Map<String, Tensor> compute(Map<String, Tensor> inputs) {
        try (ComputeScope scope = new ComputeScope(name(), inputs, "input")) {
            ModelInputs in = scope.inputs();
            NDArray x = scope.array("input", "(N, D)", ModelInputs.ANY, ModelInputs.ANY);
            long d = x.getShape().get(1);
            NDArray seen = denoising ? x.add(scope.array("noise", "(N, D)", x.getShape().get(0), d)) : x;
            LinearStack encoder = LinearStack.read(scope, "encoder", d);
            LinearStack decoder = LinearStack.read(scope, "decoder", encoder.outFeatures());
            if (decoder.outFeatures() != d) {
                throw in.error(decoder.names().get(decoder.names().size() - 2), "must map back to D = " + d);
            }
            NDArray code = encoder.forward(seen, Activation::relu, c -> c);
            NDArray reconstruction = decoder.forward(code, Activation::relu, Activation::sigmoid);
            NDArray total = in.flag("bce_loss", false) ? Losses.bceSum(reconstruction, x)
                    : Losses.mseSum(reconstruction, x);
            scope.put("code", code);
            scope.put("reconstruction", reconstruction);
            scope.put("loss", total.div(x.size()));
            return scope.outputs();
        }
    }

    /** Hyper-parameters: input_size, hidden_size, code_size (one hidden layer each side). */
    @Override
    public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
        ModelInputs hp = new ModelInputs(name(), hyperParameters);
        long d = hp.requiredInteger("input_size");
        long h = hp.requiredInteger("hidden_size");
        long c = hp.requiredInteger("code_size");
        InitialParameters p = LinearStack.initialise(new InitialParameters(seed), "encoder", d, h, c);
        return LinearStack.initialise(p, "decoder", c, h, d).toMap();
    }
}
