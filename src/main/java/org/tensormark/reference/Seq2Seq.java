package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * One teacher-forced step of a sequence-to-sequence encoder–decoder (Sutskever et al.): the
 * embedded source runs through a GRU (or LSTM) encoder; its final state starts a decoder of the
 * same kind that reads the target shifted right ({@code bos_index} first, the last target token
 * dropped); a Linear layer gives logits and the loss is the mean cross-entropy against the
 * target, tokens equal to {@code ignore_index} not counted. The greedy variant decodes instead:
 * from {@code bos_index}, each of {@code max_length} steps feeds the decoder the previous step's
 * most likely token (argmax of its logits) and carries the decoder's state on.
 */
final class Seq2Seq implements ReferenceModel {

    private final boolean greedy;

    Seq2Seq() {
        this(false);
    }

    Seq2Seq(boolean greedy) {
        this.greedy = greedy;
    }

    @Override
    public String name() {
        return greedy ? "seq2seq_greedy" : "seq2seq";
    }

    @Override
    public String description() {
        return greedy ? "greedy decoding of a GRU/LSTM encoder-decoder: each step reads the previous step's argmax"
                : "GRU/LSTM encoder-decoder with embeddings, teacher forcing and cross-entropy loss";
    }

    @Override
    public List<Param> inputs() {
        return inputs(RecurrentStack.parameters("encoder.", "_l{k}", "G*H", "E or H"),
                RecurrentStack.parameters("decoder.", "_l{k}", "G*H", "E or H"));
    }

    /** G is 3 for a GRU and 4 for an LSTM; one set of parameters per layer on either side. */
    @Override
    public List<Param> inputsFor(Map<String, Tensor> inputs) {
        ModelInputs in = new ModelInputs(name(), inputs);
        RecurrentStack stack = stack(in);
        int layers = in.integer("num_layers", 1);
        return inputs(stack.parameters("encoder.", layers, false, "E", inputs.size()),
                stack.parameters("decoder.", layers, false, "E", inputs.size()));
    }

    private List<Param> inputs(List<Param> encoder, List<Param> decoder) {
        List<Param> p = new ArrayList<>(List.of(new Param("source", "(S, N)", "source token ids", true)));
        if (greedy) {
            p.add(new Param("max_length", "()", "how many tokens to decode, T", true));
        } else {
            p.add(new Param("target", "(T, N)", "target token ids", true));
        }
        p.add(new Param("bos_index", "()", "token fed first to the decoder, default 0", false));
        if (!greedy) {
            p.add(new Param("ignore_index", "()", "target token not counted in the loss, default -100", false));
        }
        p.addAll(List.of(
                new Param("lstm", "()", "0 (GRU, default, G = 3) or 1 (LSTM, G = 4)", false),
                new Param("num_layers", "()", "layers of encoder and decoder, default 1", false),
                new Param("encoder_embedding.weight", "(V_src, E)", "", true)));
        p.addAll(encoder);
        p.add(new Param("decoder_embedding.weight", "(V_tgt, E)", "", true));
        p.addAll(decoder);
        p.add(new Param("output.weight", "(V_tgt, H)", "", true));
        p.add(new Param("output.bias", "(V_tgt,)", "", true));
        return List.copyOf(p);
    }

    private static RecurrentStack stack(ModelInputs in) {
        return new RecurrentStack(in.flag("lstm", false) ? new Lstm() : new Gru());
    }

    @Override
    public List<String> outputs() {
        return greedy ? List.of("tokens", "logits") : List.of("logits", "loss");
    }

    @Override
    public Map<String, Tensor> compute(Map<String, Tensor> inputs) {
        if (greedy) {
            return decode(inputs);
        }
        try (ComputeScope scope = new ComputeScope(name(), inputs, "encoder_embedding.weight")) {
            ModelInputs in = scope.inputs();
            NDArray source = scope.indices("source", "(S, N)", ModelInputs.ANY, ModelInputs.ANY);
            long n = source.getShape().get(1);
            NDArray target = scope.indices("target", "(T, N)", ModelInputs.ANY, n);
            long steps = target.getShape().get(0);
            int layers = in.integer("num_layers", 1);
            RecurrentStack stack = stack(in);
            NDArray sourceEmbedded = embed(scope, "encoder_embedding.weight", "source", source);
            RecurrentStack.Run encoded = stack.run(scope, "encoder.", sourceEmbedded, layers, false, null, null);
            NDArray bos = scope.manager().full(new Shape(1, n), in.integer("bos_index", 0), DataType.INT64);
            NDArray shifted = steps == 1 ? bos : NDArrays.concat(new NDList(bos, target.get("0:" + (steps - 1))), 0);
            NDArray targetEmbedded = embed(scope, "decoder_embedding.weight", "target", shifted);
            RecurrentStack.Run decoded = stack.run(scope, "decoder.", targetEmbedded, layers, false, encoded.hN(),
                    encoded.cN());
            long h = decoded.output().getShape().get(2);
            long v = in.required("output.weight", "(V_tgt, H)", ModelInputs.ANY, h).shape()[0];
            NDArray logits = LinearStack.linear(decoded.output(), scope.array("output.weight", "(V_tgt, H)", v, h),
                    scope.array("output.bias", "(V_tgt,)", v));
            long ignore = in.integer("ignore_index", -100);
            checkRange(in, "target", target, v, ignore);
            scope.put("logits", logits);
            scope.put("loss", Losses.crossEntropy(logits.reshape(steps * n, v), target.reshape(steps * n), ignore));
            return scope.outputs();
        }
    }

    /** Greedy decoding: tokens (T, N) int64 and the logits (T, N, V_tgt) each step chose from. */
    private Map<String, Tensor> decode(Map<String, Tensor> inputs) {
        try (ComputeScope scope = new ComputeScope(name(), inputs, "encoder_embedding.weight")) {
            ModelInputs in = scope.inputs();
            NDArray source = scope.indices("source", "(S, N)", ModelInputs.ANY, ModelInputs.ANY);
            long n = source.getShape().get(1);
            int steps = in.integer("max_length", 0);
            if (steps < 1) {
                throw in.error("max_length", "must be at least 1, got " + steps);
            }
            int layers = in.integer("num_layers", 1);
            RecurrentStack stack = stack(in);
            RecurrentStack.Run state = stack.run(scope, "encoder.",
                    embed(scope, "encoder_embedding.weight", "source", source), layers, false, null, null);
            long h = state.output().getShape().get(2);
            long v = in.required("output.weight", "(V_tgt, H)", ModelInputs.ANY, h).shape()[0];
            NDArray weight = scope.array("output.weight", "(V_tgt, H)", v, h);
            NDArray bias = scope.array("output.bias", "(V_tgt,)", v);
            NDArray token = scope.manager().full(new Shape(1, n), in.integer("bos_index", 0), DataType.INT64);
            NDList tokens = new NDList();
            NDList logits = new NDList();
            for (int t = 0; t < steps; t++) {
                state = stack.run(scope, "decoder.", embed(scope, "decoder_embedding.weight", "bos_index", token), layers,
                        false, state.hN(), state.cN());
                NDArray step = LinearStack.linear(state.output(), weight, bias);
                token = step.argMax(2).toType(DataType.INT64, false);
                tokens.add(token);
                logits.add(step);
            }
            scope.put("tokens", NDArrays.concat(tokens, 0));
            scope.put("logits", NDArrays.concat(logits, 0));
            return scope.outputs();
        }
    }

    /** Rows of the embedding table for each id, as torch.nn.Embedding (exact: one-hot times table). */
    private static NDArray embed(ComputeScope scope, String table, String input, NDArray ids) {
        NDArray weight = scope.array(table, "(V, E)", ModelInputs.ANY, ModelInputs.ANY);
        long v = weight.getShape().get(0);
        checkRange(scope.inputs(), input, ids, v, Long.MIN_VALUE);
        return ids.oneHot(Math.toIntExact(v), scope.floating()).matMul(weight);
    }

    private static void checkRange(ModelInputs in, String name, NDArray ids, long size, long allowed) {
        for (long id : ids.toLongArray()) {
            if ((id < 0 || id >= size) && id != allowed) {
                throw in.error(name, "holds token id " + id + " outside the vocabulary [0, " + size + ")");
            }
        }
    }

    /** Hyper-parameters: source_vocab, target_vocab, embedding_size, hidden_size, lstm, num_layers. */
    @Override
    public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
        ModelInputs hp = new ModelInputs(name(), hyperParameters);
        long e = hp.requiredInteger("embedding_size");
        long h = hp.requiredInteger("hidden_size");
        long vt = hp.requiredInteger("target_vocab");
        boolean lstm = hp.flag("lstm", false);
        int layers = hp.integer("num_layers", 1);
        InitialParameters p = new InitialParameters(seed)
                .normal("encoder_embedding.weight", hp.requiredInteger("source_vocab"), e)
                .normal("decoder_embedding.weight", vt, e);
        RecurrentStack stack = new RecurrentStack(lstm ? new Lstm() : new Gru());
        stack.initialise(p, "encoder.", e, h, layers, false, true);
        stack.initialise(p, "decoder.", e, h, layers, false, true);
        return p.linear("output", h, vt).toMap();
    }
}
