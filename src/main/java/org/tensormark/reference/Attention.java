package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * Dot-product attention softmax(Q K^T * scale + mask) V, as
 * torch.nn.functional.scaled_dot_product_attention: a boolean mask is True where a query may
 * attend, a floating mask is added to the scores. A query row with nothing left to attend to gets
 * zero weights and a zero output (PyTorch's math backend since 2.5) instead of NaN.
 */
final class Attention implements ReferenceModel {

    private final boolean scaled;

    Attention(boolean scaled) {
        this.scaled = scaled;
    }

    @Override
    public String name() {
        return scaled ? "scaled_dot_product_attention" : "dot_product_attention";
    }

    @Override
    public String description() {
        return scaled ? "scaled dot-product attention softmax(QK^T/sqrt(E) + mask) V"
                : "dot-product attention softmax(QK^T + mask) V";
    }

    @Override
    public List<Param> inputs() {
        return List.of(
                new Param("query", "(..., L, E)", "queries", true),
                new Param("key", "(..., S, E)", "keys", true),
                new Param("value", "(..., S, Ev)", "values", true),
                new Param("attn_mask", "(L, S) or broadcastable to (..., L, S)",
                        "bool: True may attend; float: added to the scores", false),
                new Param("is_causal", "()", "0 or 1: query i attends to keys 0..i only", false),
                new Param("scale", "()", "score factor, default " + (scaled ? "1/sqrt(E)" : "1"), false));
    }

    @Override
    public List<String> outputs() {
        return List.of("output", "attention_weights");
    }

    @Override
    public Map<String, Tensor> compute(Map<String, Tensor> inputs) {
        try (ComputeScope scope = new ComputeScope(name(), inputs, "query")) {
            ModelInputs in = scope.inputs();
            Tensor q = in.required("query");
            if (q.rank() < 2) {
                throw in.error("query", "expected shape (..., L, E), got " + q.shapeText());
            }
            long e = q.shape()[q.rank() - 1];
            NDArray query = scope.array("query", "(..., L, E)", q.shape());
            NDArray key = scope.array("key", "(..., S, E)", in.required("key").shape());
            NDArray value = scope.array("value", "(..., S, Ev)", in.required("value").shape());
            if (key.getShape().get(key.getShape().dimension() - 1) != e) {
                throw in.error("key", "must end in E = " + e + " like query, got " + key.getShape());
            }
            long l = query.getShape().get(query.getShape().dimension() - 2);
            long s = key.getShape().get(key.getShape().dimension() - 2);
            NDArray mask = mask(scope, l, s);
            double scale = in.number("scale", scaled ? 1 / Math.sqrt(e) : 1);
            NDArray[] result = attend(query.mul(scale), key, value, mask);
            scope.put("output", result[0]);
            scope.put("attention_weights", result[1]);
            return scope.outputs();
        }
    }

    @Override
    public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
        return Map.of();
    }

    /** The additive mask from attn_mask and is_causal, or null for none. */
    private static NDArray mask(ComputeScope scope, long l, long s) {
        NDArray mask = scope.mask("attn_mask")
                .map(m -> m.getDataType() == DataType.BOOLEAN ? additive(m, true, scope.floating()) : m).orElse(null);
        if (scope.inputs().flag("is_causal", false)) {
            NDArray causal = additive(causal(scope.manager(), l, s), true, scope.floating());
            mask = mask == null ? causal : mask.add(causal);
        }
        return mask;
    }

    /**
     * softmax(q k^T + mask) v over the last two axes, q already scaled; mask additive or null.
     * Returns {output, weights}; rows whose every score is -inf get zero weights.
     */
    static NDArray[] attend(NDArray q, NDArray k, NDArray v, NDArray mask) {
        NDArray scores = q.matMul(k.swapAxes(-1, -2));
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray dead = scores.max(new int[] {-1}, true).eq(Double.NEGATIVE_INFINITY).broadcast(scores.getShape());
        NDArray weights = NDArrays.where(dead, scores.zerosLike(), scores.softmax(-1));
        return new NDArray[] {weights.matMul(v), weights};
    }

    /** A boolean mask as an additive one: 0 where allowed, -inf elsewhere. */
    static NDArray additive(NDArray mask, boolean trueAllows, DataType type) {
        NDArray blocked = trueAllows ? mask.logicalNot() : mask;
        NDArray zeros = blocked.getManager().zeros(blocked.getShape(), type);
        return NDArrays.where(blocked, zeros.add(Double.NEGATIVE_INFINITY), zeros);
    }

    /** True where query i may attend to key j, j <= i (torch.ones(L, S).tril()). */
    static NDArray causal(NDManager manager, long l, long s) {
        boolean[] allowed = new boolean[Math.toIntExact(l * s)];
        for (int i = 0; i < l; i++) {
            for (int j = 0; j < s && j <= i; j++) {
                allowed[Math.toIntExact(i * s + j)] = true;
            }
        }
        return manager.create(allowed, new Shape(l, s));
    }
}
