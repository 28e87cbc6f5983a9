package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * An MLP autoencoder: encoder = Sequential(Linear, ReLU, …, Linear) to the code, decoder =
 * Sequential(Linear, ReLU, …, Linear, Sigmoid) back to the input size. The denoising variants
 * encode a corrupted input and are scored against the clean one; the corruption is given, so a
 * case is deterministic: additive noise ({@code input + noise}) or masking noise as in Vincent et
 * al. (2008), {@code input * mask} with a 0/1 mask that zeroes the entries where it is 0.
 */
final class Autoencoder implements ReferenceModel {

    /** How the input is corrupted before it is encoded. */
    enum Corruption {
        NONE("autoencoder", "MLP autoencoder with ReLU hidden layers and a sigmoid output"),
        ADDITIVE_NOISE("denoising_autoencoder", "denoising MLP autoencoder: reconstruct the input from input + noise"),
        MASKING("masked_denoising_autoencoder",
                "denoising MLP autoencoder with masking noise: reconstruct the input from input * mask");

        private final String modelName;
        private final String description;

        Corruption(String modelName, String description) {
            this.modelName = modelName;
            this.description = description;
        }
    }

    private final Corruption corruption;

    Autoencoder(Corruption corruption) {
        this.corruption = corruption;
    }

    @Override
    public String name() {
        return corruption.modelName;
    }

    @Override
    public String description() {
        return corruption.description;
    }

    @Override
    public List<Param> inputs() {
        List<Param> all = new ArrayList<>(List.of(
                new Param("input", "(N, D)", "the clean examples", true),
                new Param("bce_loss", "()", "0 or 1, default 0: mean BCE instead of mean squared error", false),
                new Param("encoder.{2k}.weight", "(out, in)", "encoder Linear layers", true),
                new Param("encoder.{2k}.bias", "(out,)", "", true),
                new Param("decoder.{2k}.weight", "(out, in)", "decoder Linear layers, the last back to D", true),
                new Param("decoder.{2k}.bias", "(out,)", "", true)));
        switch (corruption) {
            case ADDITIVE_NOISE -> all.add(1, new Param("noise", "(N, D)", "added to the input before encoding", true));
            case MASKING -> all.add(1, new Param("mask", "(N, D)",
                    "0 or 1 per entry: the input is multiplied by it before encoding (0 drops the entry)", true));
            case NONE -> { }
        }
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
            NDArray seen = corrupted(scope, x);
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

    private NDArray corrupted(ComputeScope scope, NDArray x) {
        long n = x.getShape().get(0);
        long d = x.getShape().get(1);
        return switch (corruption) {
            case NONE -> x;
            case ADDITIVE_NOISE -> x.add(scope.array("noise", "(N, D)", n, d));
            case MASKING -> {
                Tensor mask = scope.inputs().required("mask", "(N, D)", n, d);
                if (Arrays.stream(mask.values()).anyMatch(v -> v != 0 && v != 1)) {
                    throw scope.inputs().error("mask", "must hold only 0s and 1s");
                }
                yield x.mul(scope.array("mask", "(N, D)", n, d));
            }
        };
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
