package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * torch.nn.TransformerEncoderLayer with ReLU feed-forward and dropout off. Post-norm (default):
 * x = norm1(x + SA(x)); x = norm2(x + FF(x)). Pre-norm ({@code norm_first}): x = x + SA(norm1(x));
 * x = x + FF(norm2(x)). Parameters use the module's state_dict names.
 */
final class TransformerEncoderLayer implements ReferenceModel {

    @Override
    public String name() {
        return "transformer_encoder_layer";
    }

    @Override
    public String description() {
        return "Transformer encoder layer (torch.nn.TransformerEncoderLayer, pre- or post-norm)";
    }

    @Override
    public List<Param> inputs() {
        return List.of(
                new Param("src", "(S, N, E) | (N, S, E) | (S, E)", "the sequence", true),
                new Param("nhead", "()", "attention heads", true),
                new Param("batch_first", "()", "0 or 1, default 0", false),
                new Param("norm_first", "()", "0 or 1, default 0 (post-norm)", false),
                new Param("layer_norm_eps", "()", "default 1e-5", false),
                new Param("src_mask", "(S, S)", "bool True: not allowed; float: added", false),
                new Param("src_key_padding_mask", "(N, S)", "bool True: position ignored", false),
                new Param("self_attn.in_proj_weight", "(3E, E)", "", true),
                new Param("self_attn.in_proj_bias", "(3E,)", "", false),
                new Param("self_attn.out_proj.weight", "(E, E)", "", true),
                new Param("self_attn.out_proj.bias", "(E,)", "", false),
                new Param("linear1.weight", "(F, E)", "feed-forward in", true),
                new Param("linear1.bias", "(F,)", "", true),
                new Param("linear2.weight", "(E, F)", "feed-forward out", true),
                new Param("linear2.bias", "(E,)", "", true),
                new Param("norm1.weight", "(E,)", "", true),
                new Param("norm1.bias", "(E,)", "", true),
                new Param("norm2.weight", "(E,)", "", true),
                new Param("norm2.bias", "(E,)", "", true));
    }

    @Override
    public List<String> outputs() {
        return List.of("output");
    }

    @Override
    public Map<String, Tensor> compute(Map<String, Tensor> inputs) {
        try (ComputeScope scope = new ComputeScope(name(), inputs, "src")) {
            ModelInputs in = scope.inputs();
            Tensor src = in.required("src");
            if (src.rank() != 2 && src.rank() != 3) {
                throw in.error("src", "expected (S, N, E), (N, S, E) or (S, E), got " + src.shapeText());
            }
            boolean batched = src.rank() == 3;
            boolean batchFirst = batched && in.flag("batch_first", false);
            NDArray x = scope.array("src", batched ? "(S, N, E)" : "(S, E)", src.shape());
            x = batched ? (batchFirst ? x.swapAxes(0, 1) : x) : x.expandDims(1);
            NDArray padding = scope.mask("src_key_padding_mask").map(m -> batched ? m : m.expandDims(0)).orElse(null);
            NDArray mask = scope.mask("src_mask").orElse(null);
            int heads = in.requiredInteger("nhead");
            double eps = in.number("layer_norm_eps", 1e-5);
            long e = x.getShape().get(2);
            if (in.flag("norm_first", false)) {
                NDArray n1 = norm(scope, "norm1", x, e, eps);
                x = x.add(MultiHeadAttention.forward(scope, "self_attn.", n1, n1, n1, heads, mask, padding)[0]);
                x = x.add(feedForward(scope, norm(scope, "norm2", x, e, eps), e));
            } else {
                x = norm(scope, "norm1", x.add(MultiHeadAttention.forward(scope, "self_attn.", x, x, x, heads, mask,
                        padding)[0]), e, eps);
                x = norm(scope, "norm2", x.add(feedForward(scope, x, e)), e, eps);
            }
            scope.put("output", batched ? (batchFirst ? x.swapAxes(0, 1) : x) : x.squeeze(1));
            return scope.outputs();
        }
    }

    private static NDArray feedForward(ComputeScope scope, NDArray x, long e) {
        ModelInputs in = scope.inputs();
        long f = in.required("linear1.weight", "(F, E)", ModelInputs.ANY, e).shape()[0];
        NDArray hidden = Activation.relu(LinearStack.linear(x, scope.array("linear1.weight", "(F, E)", f, e),
                scope.array("linear1.bias", "(F,)", f)));
        return LinearStack.linear(hidden, scope.array("linear2.weight", "(E, F)", e, f),
                scope.array("linear2.bias", "(E,)", e));
    }

    /** Layer normalisation over the last axis with the biased variance, as torch.nn.LayerNorm. */
    static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias, double eps) {
        NDArray centred = x.sub(x.mean(new int[] {-1}, true));
        NDArray variance = centred.square().mean(new int[] {-1}, true);
        return centred.div(variance.add(eps).sqrt()).mul(weight).add(bias);
    }

    private static NDArray norm(ComputeScope scope, String name, NDArray x, long e, double eps) {
        return layerNorm(x, scope.array(name + ".weight", "(E,)", e), scope.array(name + ".bias", "(E,)", e), eps);
    }

    @Override
    public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
        ModelInputs hp = new ModelInputs(name(), hyperParameters);
        long e = hp.requiredInteger("d_model");
        long f = hp.integer("dim_feedforward", 2048);
        InitialParameters p = MultiHeadAttention.parameters(new InitialParameters(seed), "self_attn.", e);
        return p.linear("linear1", e, f).linear("linear2", f, e)
                .constant("norm1.weight", 1, e).constant("norm1.bias", 0, e)
                .constant("norm2.weight", 1, e).constant("norm2.bias", 0, e).toMap();
    }
}
