package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.tensormark.tensor.Tensor;

/**
 * One alternating GAN training step with non-saturating BCE losses (Goodfellow et al.; the
 * DCGAN tutorial's order). Generator = Sequential(Linear, ReLU, …, Linear, Tanh), discriminator =
 * Sequential(Linear, LeakyReLU(slope), …, Linear) giving one logit. D step: d_loss =
 * BCE(D(real), 1) + BCE(D(G(noise)), 0) with G frozen, one optimiser step on D. G step: g_loss =
 * BCE(D'(G(generator_noise)), 1) through the updated D', one optimiser step on G. Gradients come
 * from DJL autograd. With {@code lr} 0 the two losses are those of the given parameters.
 */
final class Gan implements ReferenceModel {

    @Override
    public String name() {
        return "gan_step";
    }

    @Override
    public String description() {
        return "GAN losses (non-saturating BCE) and one D-then-G training step with SGD or Adam";
    }

    @Override
    public List<Param> inputs() {
        return List.of(
                new Param("real", "(N, D)", "real examples", true),
                new Param("noise", "(N, Z)", "latent noise for the D step", true),
                new Param("generator_noise", "(N, Z)", "latent noise for the G step, default noise", false),
                new Param("lr", "()", "learning rate", true),
                new Param("adam", "()", "0 (SGD, default) or 1 (Adam)", false),
                new Param("beta1", "()", "Adam, default 0.9", false),
                new Param("beta2", "()", "Adam, default 0.999", false),
                new Param("adam_eps", "()", "Adam, default 1e-8", false),
                new Param("negative_slope", "()", "discriminator LeakyReLU slope, default 0.2", false),
                new Param("generator.{2k}.weight", "(out, in)", "generator Linear layers", true),
                new Param("generator.{2k}.bias", "(out,)", "", true),
                new Param("discriminator.{2k}.weight", "(out, in)", "discriminator Linear layers, last out = 1", true),
                new Param("discriminator.{2k}.bias", "(out,)", "", true));
    }

    @Override
    public List<String> outputs() {
        return List.of("d_loss", "g_loss", "generator.{2k}.weight", "generator.{2k}.bias",
                "discriminator.{2k}.weight", "discriminator.{2k}.bias");
    }

    @Override
    public Map<String, Tensor> compute(Map<String, Tensor> inputs) {
        try (ComputeScope scope = new ComputeScope(name(), inputs, "real")) {
            ModelInputs in = scope.inputs();
            NDArray real = scope.array("real", "(N, D)", ModelInputs.ANY, ModelInputs.ANY);
            long n = real.getShape().get(0);
            NDArray noise = scope.array("noise", "(N, Z)", n, ModelInputs.ANY);
            long z = noise.getShape().get(1);
            NDArray generatorNoise = scope.optionalArray("generator_noise", "(N, Z)", n, z).orElse(noise);
            LinearStack g = LinearStack.read(scope, "generator", z);
            LinearStack d = LinearStack.read(scope, "discriminator", real.getShape().get(1));
            if (g.outFeatures() != real.getShape().get(1) || d.outFeatures() != 1) {
                throw in.error("generator/discriminator", "generator must output D = " + real.getShape().get(1)
                        + " features and the discriminator 1 logit");
            }
            double slope = in.number("negative_slope", 0.2);
            UnaryOperator<NDArray> leaky = x -> x.maximum(0).add(x.minimum(0).mul(slope));
            OptimiserStep optimiser = OptimiserStep.read(in);
            NDArray fake = g.forward(noise, Activation::relu, NDArray::tanh);
            Step dStep = descend(d.parameters(), () -> Losses.bceWithLogits(d.forward(real, leaky, x -> x), 1)
                    .add(Losses.bceWithLogits(d.forward(fake, leaky, x -> x), 0)));
            LinearStack updatedD = d.with(optimiser.apply(d.parameters(), dStep.gradients()));
            Step gStep = descend(g.parameters(), () -> Losses.bceWithLogits(
                    updatedD.forward(g.forward(generatorNoise, Activation::relu, NDArray::tanh), leaky, x -> x), 1));
            LinearStack updatedG = g.with(optimiser.apply(g.parameters(), gStep.gradients()));
            scope.put("d_loss", dStep.loss());
            scope.put("g_loss", gStep.loss());
            for (LinearStack stack : List.of(updatedG, updatedD)) {
                for (int i = 0; i < stack.names().size(); i++) {
                    scope.put(stack.names().get(i), stack.parameters().get(i));
                }
            }
            return scope.outputs();
        }
    }

    private record Step(NDArray loss, List<NDArray> gradients) {
    }

    /** The loss and its gradients with respect to {@code parameters}; nothing else is differentiated. */
    private static Step descend(List<NDArray> parameters, Supplier<NDArray> loss) {
        return ReferenceRuntime.withGradients(collector -> {
            parameters.forEach(p -> p.setRequiresGradient(true));
            NDArray value = loss.get();
            collector.backward(value);
            List<NDArray> gradients = new ArrayList<>();
            for (NDArray p : parameters) {
                gradients.add(p.getGradient().duplicate());
                p.setRequiresGradient(false);
            }
            return new Step(value.stopGradient(), gradients);
        });
    }

    /** Hyper-parameters: latent_size, hidden_size, data_size. */
    @Override
    public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
        ModelInputs hp = new ModelInputs(name(), hyperParameters);
        long z = hp.requiredInteger("latent_size");
        long h = hp.requiredInteger("hidden_size");
        long d = hp.requiredInteger("data_size");
        InitialParameters p = LinearStack.initialise(new InitialParameters(seed), "generator", z, h, d);
        return LinearStack.initialise(p, "discriminator", d, h, 1).toMap();
    }
}
