package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * torch.nn.MultiheadAttention (kdim = vdim = E, dropout off): in_proj_weight (3E, E) stacks the
 * query, key and value projections, out_proj maps the concatenated heads back to E. Boolean masks
 * are True where attention is NOT allowed (PyTorch's convention for this module); floating masks
 * are added to the scores.
 */
final class MultiHeadAttention implements ReferenceModel {

    @Override
    public String name() {
        return "multihead_attention";
    }

    @Override
    public String description() {
        return "multi-head attention (torch.nn.MultiheadAttention)";
    }

    @Override
    public List<Param> inputs() {
        return List.of(
                new Param("query", "(L, N, E) | (N, L, E) | (L, E)", "queries", true),
                new Param("key", "(S, N, E)", "keys", true),
                new Param("value", "(S, N, E)", "values", true),
                new Param("num_heads", "()", "heads; E must be a multiple", true),
                new Param("batch_first", "()", "0 or 1, default 0", false),
                new Param("average_attn_weights", "()", "0 or 1, default 1: average the weights over heads", false),
                new Param("in_proj_weight", "(3E, E)", "stacked query, key, value projections", true),
                new Param("in_proj_bias", "(3E,)", "zeros when absent", false),
                new Param("out_proj.weight", "(E, E)", "output projection", true),
                new Param("out_proj.bias", "(E,)", "zeros when absent", false),
                new Param("key_padding_mask", "(N, S)", "bool True: key ignored; float: added", false),
                new Param("attn_mask", "(L, S) | (N*num_heads, L, S)", "bool True: not allowed; float: added", false));
    }

    @Override
    public List<String> outputs() {
        return List.of("attn_output", "attn_output_weights");
    }

    @Override
    public Map<String, Tensor> compute(Map<String, Tensor> inputs) {
        try (ComputeScope scope = new ComputeScope(name(), inputs, "query")) {
            ModelInputs in = scope.inputs();
            Tensor q = in.required("query");
            if (q.rank() != 2 && q.rank() != 3) {
                throw in.error("query", "expected (L, N, E), (N, L, E) or (L, E), got " + q.shapeText());
            }
            boolean batched = q.rank() == 3;
            boolean batchFirst = batched && in.flag("batch_first", false);
            NDArray[] qkv = new NDArray[3];
            String[] names = {"query", "key", "value"};
            for (int i = 0; i < 3; i++) {
                NDArray a = batched ? scope.array(names[i], "(L, N, E)", ModelInputs.ANY, ModelInputs.ANY, ModelInputs.ANY)
                        : scope.array(names[i], "(L, E)", ModelInputs.ANY, ModelInputs.ANY);
                qkv[i] = batched ? (batchFirst ? a.swapAxes(0, 1) : a) : a.expandDims(1);
            }
            NDArray padding = scope.mask("key_padding_mask").map(m -> batched ? m : m.expandDims(0)).orElse(null);
            NDArray[] result = forward(scope, "", qkv[0], qkv[1], qkv[2], in.requiredInteger("num_heads"),
                    scope.mask("attn_mask").orElse(null), padding);
            NDArray out = batched ? (batchFirst ? result[0].swapAxes(0, 1) : result[0]) : result[0].squeeze(1);
            NDArray weights = in.flag("average_attn_weights", true) ? result[1].mean(new int[] {1}) : result[1];
            scope.put("attn_output", out);
            scope.put("attn_output_weights", batched ? weights : weights.squeeze(0));
            return scope.outputs();
        }
    }

    @Override
    public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
        long e = new ModelInputs(name(), hyperParameters).requiredInteger("embed_dim");
        return parameters(new InitialParameters(seed), "", e).toMap();
    }

    /** torch.nn.MultiheadAttention's initialisation: Xavier in_proj, zero biases. */
    static InitialParameters parameters(InitialParameters p, String prefix, long e) {
        return p.xavier(prefix + "in_proj_weight", 3 * e, e).constant(prefix + "in_proj_bias", 0, 3 * e)
                .uniform(prefix + "out_proj.weight", 1 / Math.sqrt(e), e, e).constant(prefix + "out_proj.bias", 0, e);
    }

    /**
     * Multi-head attention on (L, N, E) query and (S, N, E) key/value with parameters named
     * {@code prefix + "in_proj_weight"} etc. Returns {output (L, N, E), weights (N, heads, L, S)}.
     */
    static NDArray[] forward(ComputeScope scope, String prefix, NDArray query, NDArray key, NDArray value, int heads,
            NDArray attnMask, NDArray keyPadding) {
        ModelInputs in = scope.inputs();
        long l = query.getShape().get(0);
        long n = query.getShape().get(1);
        long e = query.getShape().get(2);
        long s = key.getShape().get(0);
        if (!key.getShape().equals(value.getShape()) || key.getShape().get(1) != n || key.getShape().get(2) != e) {
            throw in.error("key", "key and value must both be (S, N, E) with N = " + n + ", E = " + e + ", got "
                    + key.getShape() + " and " + value.getShape());
        }
        if (heads < 1 || e % heads != 0) {
            throw in.error("num_heads", "must divide the embedding size " + e + ", got " + heads);
        }
        NDArray w = scope.array(prefix + "in_proj_weight", "(3E, E)", 3 * e, e);
        NDArray b = scope.optionalArray(prefix + "in_proj_bias", "(3E,)", 3 * e).orElseGet(() -> scope.zeros(3 * e));
        NDArray outW = scope.array(prefix + "out_proj.weight", "(E, E)", e, e);
        NDArray outB = scope.optionalArray(prefix + "out_proj.bias", "(E,)", e).orElseGet(() -> scope.zeros(e));
        long hd = e / heads;
        NDArray q = heads(LinearStack.linear(query, w.get("0:" + e), b.get("0:" + e)), heads).mul(1 / Math.sqrt(hd));
        NDArray k = heads(LinearStack.linear(key, w.get(e + ":" + 2 * e), b.get(e + ":" + 2 * e)), heads);
        NDArray v = heads(LinearStack.linear(value, w.get(2 * e + ":"), b.get(2 * e + ":")), heads);
        NDArray mask = mask(scope, attnMask, keyPadding, n, heads, l, s);
        NDArray[] attended = Attention.attend(q, k, v, mask);
        NDArray merged = attended[0].transpose(2, 0, 1, 3).reshape(l, n, e);
        return new NDArray[] {LinearStack.linear(merged, outW, outB), attended[1]};
    }

    /** (T, N, E) to (N, heads, T, E/heads). */
    private static NDArray heads(NDArray x, int heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(1, 2, 0, 3);
    }

    private static NDArray mask(ComputeScope scope, NDArray attnMask, NDArray keyPadding, long n, int heads, long l,
            long s) {
        ModelInputs in = scope.inputs();
        NDArray mask = null;
        if (attnMask != null) {
            Shape shape = attnMask.getShape();
            if (!shape.equals(new Shape(l, s)) && !shape.equals(new Shape(n * heads, l, s))) {
                throw in.error("attn_mask", "expected shape (L, S) or (N*num_heads, L, S), got " + shape);
            }
            mask = asAdditive(scope, shape.dimension() == 3 ? attnMask.reshape(n, heads, l, s) : attnMask);
        }
        if (keyPadding != null) {
            if (!keyPadding.getShape().equals(new Shape(n, s))) {
                throw in.error("key_padding_mask", "expected shape (N, S) = (" + n + ", " + s + "), got "
                        + keyPadding.getShape());
            }
            NDArray padding = asAdditive(scope, keyPadding.reshape(n, 1, 1, s));
            mask = mask == null ? padding : mask.add(padding);
        }
        return mask;
    }

    private static NDArray asAdditive(ComputeScope scope, NDArray mask) {
        return mask.getDataType() == DataType.BOOLEAN ? Attention.additive(mask, false, scope.floating()) : mask;
    }
}
