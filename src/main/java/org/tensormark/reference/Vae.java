package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * A variational autoencoder (Kingma and Welling; the PyTorch example's layout): encoder =
 * Sequential(Linear, ReLU, …) to hidden features, fc_mu and fc_logvar to the latent size,
 * z = mu + eps * exp(logvar / 2) with the given eps, decoder = Sequential(Linear, ReLU, …,
 * Linear, Sigmoid). Loss terms are sums over the batch: reconstruction (BCE, or squared error)
 * and KL = -1/2 * sum(1 + logvar - mu^2 - exp(logvar)); loss = reconstruction + KL (the
 * negative ELBO).
 */
final class Vae implements ReferenceModel {

    @Override
    public String name() {
        return "vae";
    }

    @Override
    public String description() {
        return "variational autoencoder: reparameterised latent, BCE/MSE reconstruction and KL terms";
    }

    @Override
    public List<Param> inputs() {
        return List.of(
                new Param("input", "(N, D)", "examples in [0, 1] for BCE", true),
                new Param("eps", "(N, Z)", "standard normal noise for the reparameterisation", true),
                new Param("mse_loss", "()", "0 or 1, default 0: squared error instead of BCE", false),
                new Param("encoder.{2k}.weight", "(out, in)", "encoder Linear layers, each followed by ReLU", true),
                new Param("encoder.{2k}.bias", "(out,)", "", true),
                new Param("fc_mu.weight", "(Z, H)", "", true),
                new Param("fc_mu.bias", "(Z,)", "", true),
                new Param("fc_logvar.weight", "(Z, H)", "", true),
                new Param("fc_logvar.bias", "(Z,)", "", true),
                new Param("decoder.{2k}.weight", "(out, in)", "decoder Linear layers, the last back to D", true),
                new Param("decoder.{2k}.bias", "(out,)", "", true));
    }

    @Override
    public List<String> outputs() {
        return List.of("mu", "logvar", "z", "reconstruction", "reconstruction_loss", "kl", "loss");
    }

    @Override
    public Map<String, Tensor> compute(Map<String, Tensor> inputs) {
        try (ComputeScope scope = new ComputeScope(name(), inputs, "input")) {
            ModelInputs in = scope.inputs();
            NDArray x = scope.array("input", "(N, D)", ModelInputs.ANY, ModelInputs.ANY);
            long n = x.getShape().get(0);
            long d = x.getShape().get(1);
            LinearStack encoder = LinearStack.read(scope, "encoder", d);
            NDArray hidden = encoder.forward(x, Activation::relu, Activation::relu);
            long h = encoder.outFeatures();
            long z = in.required("fc_mu.weight", "(Z, H)", ModelInputs.ANY, h).shape()[0];
            NDArray mu = LinearStack.linear(hidden, scope.array("fc_mu.weight", "(Z, H)", z, h),
                    scope.array("fc_mu.bias", "(Z,)", z));
            NDArray logvar = LinearStack.linear(hidden, scope.array("fc_logvar.weight", "(Z, H)", z, h),
                    scope.array("fc_logvar.bias", "(Z,)", z));
            NDArray latent = mu.add(scope.array("eps", "(N, Z)", n, z).mul(logvar.mul(0.5).exp()));
            LinearStack decoder = LinearStack.read(scope, "decoder", z);
            if (decoder.outFeatures() != d) {
                throw in.error(decoder.names().get(decoder.names().size() - 2), "must map back to D = " + d);
            }
            NDArray reconstruction = decoder.forward(latent, Activation::relu, Activation::sigmoid);
            NDArray rec = in.flag("mse_loss", false) ? Losses.mseSum(reconstruction, x)
                    : Losses.bceSum(reconstruction, x);
            NDArray kl = logvar.add(1).sub(mu.square()).sub(logvar.exp()).mul(-0.5).sum();
            scope.put("mu", mu);
            scope.put("logvar", logvar);
            scope.put("z", latent);
            scope.put("reconstruction", reconstruction);
            scope.put("reconstruction_loss", rec);
            scope.put("kl", kl);
            scope.put("loss", rec.add(kl));
            return scope.outputs();
        }
    }

    /** Hyper-parameters: input_size, hidden_size, latent_size. */
    @Override
    public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
        ModelInputs hp = new ModelInputs(name(), hyperParameters);
        long d = hp.requiredInteger("input_size");
        long h = hp.requiredInteger("hidden_size");
        long z = hp.requiredInteger("latent_size");
        InitialParameters p = LinearStack.initialise(new InitialParameters(seed), "encoder", d, h)
                .linear("fc_mu", h, z).linear("fc_logvar", h, z);
        return LinearStack.initialise(p, "decoder", z, h, d).toMap();
    }
}
