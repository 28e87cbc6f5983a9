package org.tensormark.reference;

import static org.tensormark.reference.DocumentedInputs.BINARY;
import static org.tensormark.reference.DocumentedInputs.FALSE;
import static org.tensormark.reference.DocumentedInputs.POSITIVE;
import static org.tensormark.reference.DocumentedInputs.UNIT;
import static org.tensormark.reference.DocumentedInputs.indices;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.tensormark.reference.DocumentedInputs.Spec;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * For every model of {@code tensormark reference --list}, what its documentation leaves to the
 * TA: the sizes of the symbols in its shapes, its 0-d hyper-parameters, and which inputs need
 * values other than standard normals. Every optional input is given too, so that each documented
 * name is run. Multi-layer and bidirectional settings are chosen so that the placeholders expand
 * to more than one layer.
 */
final class DocumentedInputSpecs {

    private static final Map<String, Supplier<Spec>> SPECS = new HashMap<>();

    static {
        for (String activation : new String[] {"step", "sign", "ramp", "gaussian", "tanh", "relu"}) {
            add(activation, () -> spec());
        }
        add("parametric_sigmoid", () -> spec().value("v", 1.5).value("y", 0.5).value("z", 0.1));
        add("leaky_relu", () -> spec().value("slope", 0.1));
        add("elu", () -> spec().value("alpha", 0.7));
        add("maxout", () -> spec().size("C", 6).value("pieces", 3));
        add("softmax", () -> spec().value("dim", -1));
        add("log_softmax", () -> spec().value("dim", 0));
        add("mcculloch_pitts", () -> spec().size("N", 4, "n", 3).fill(BINARY, "x").value("threshold", 1));
        add("perceptron", () -> spec().size("N", 4, "d", 3).fill(BINARY, "target")
                .value("bias", 0.5).value("lr", 1).value("epochs", 2));
        add("logistic_node", () -> spec().size("N", 4, "d", 3).fill(UNIT, "target"));
        add("mlp", () -> spec().size("N", 2, "in", 3).layers("layers", 1, 3, 4, 2)
                .value("activation", 2).value("output_activation", 1));
        add("parameter_count", () -> spec().tensor("sizes", Tensor.of(DType.INT64, new long[] {3}, 3, 4, 2))
                .value("bias", 1));
        add("sigmoid_backprop", () -> spec().size("N", 3, "in", 2, "H", 4, "out", 2).fill(UNIT, "target")
                .value("lr", 0.5));
        add("mse", () -> spec());
        add("cross_entropy", () -> spec().size("N", 3, "C", 4).fill(indices(4), "target"));
        add("bce", () -> spec().fill(UNIT, "input", "target").value("eps", 1e-7));
        add("gd_step", () -> spec().value("lr", 0.1).value("l1", 0.01).value("l2", 0.02));
        for (String momentum : new String[] {"momentum_step", "nesterov_step"}) {
            add(momentum, () -> spec().value("lr", 0.1).value("momentum", 0.9).value("dampening", 0)
                    .value("weight_decay", 0.01));
        }
        add("adam_step", () -> spec().fill(POSITIVE, "exp_avg_sq").value("step", 2).value("lr", 1e-3)
                .value("beta1", 0.9).value("beta2", 0.999).value("eps", 1e-8).value("weight_decay", 0.01));
        add("sgd_minibatch", () -> spec().size("N", 4, "d", 3).value("lr", 0.1).value("batch_size", 2)
                .value("epochs", 2));
        add("clip_grad_value", () -> spec().value("clip_value", 0.5));
        add("clip_grad_norm", () -> spec().value("max_norm", 1).value("norm_type", 2));
        add("dropout", () -> spec().fill(BINARY, "mask").value("p", 0.5));
        for (String batchNorm : new String[] {"batch_norm_train", "batch_norm_eval"}) {
            add(batchNorm, () -> spec().size("N", 2, "C", 3).any(2, 2).fill(POSITIVE, "running_var")
                    .value("momentum", 0.1).value("eps", 1e-5));
        }
        add("layer_norm", () -> spec().any(2).size("D", 4).value("normalized_dims", 1).value("eps", 1e-5));
        add("conv1d", () -> spec().size("N", 2, "C_in", 3, "L", 7, "C_out", 4, "K", 3)
                .value("stride", 2).value("padding", 1).value("dilation", 1));
        add("conv2d", () -> spec().size("N", 2, "C_in", 3, "H", 6, "W", 5, "C_out", 4, "kH", 3, "kW", 2)
                .value("stride", 1).value("padding", 1).value("dilation", 2));
        add("conv_transpose2d", () -> spec().size("N", 1, "C_in", 2, "H", 3, "W", 4, "C_out", 3, "kH", 3, "kW", 2)
                .value("stride", 2).value("padding", 1).value("output_padding", 1).value("dilation", 1));
        add("max_pool2d", () -> spec().size("N", 1, "C", 2, "H", 5, "W", 6).value("kernel_size", 2)
                .value("stride", 2).value("padding", 1).value("ceil_mode", 1));
        add("avg_pool2d", () -> spec().size("N", 1, "C", 2, "H", 5, "W", 6).value("kernel_size", 3)
                .value("stride", 2).value("padding", 1).value("ceil_mode", 0).value("count_include_pad", 0));
        add("lenet", () -> spec().size("N", 1, "C", 1, "H", 12, "W", 12, "C1", 2, "C2", 3, "k", 3, "h", 1, "w", 1,
                "F1", 4, "F2", 3, "classes", 2).value("conv1_padding", 0));
        add("residual_block", () -> spec().size("N", 1, "C_in", 2, "C", 3, "H", 5, "W", 5)
                .fill(POSITIVE, "bn1.running_var", "bn2.running_var", "shortcut.1.running_var")
                .value("stride", 2).value("eps", 1e-5));
        add("rbf_network", () -> spec().size("N", 3, "d", 2, "K", 4, "out", 2).fill(POSITIVE, "widths"));
        add("rbf_fit", () -> spec().size("N", 6, "d", 2, "K", 3, "out", 2).fill(POSITIVE, "widths"));
        add("graph_convolution", () -> spec().size("n", 4, "f", 3, "g", 2)
                .tensor("adjacency", Tensor.of(DType.FLOAT32, new long[] {4, 4},
                        0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0))
                .value("activation", 2));
        add("rnn_tanh", () -> recurrent(1));
        add("rnn_relu", () -> recurrent(1));
        add("lstm", () -> recurrent(4));
        add("gru", () -> recurrent(3));
        add("rnn_tanh_cell", () -> cell(1));
        add("rnn_relu_cell", () -> cell(1));
        add("lstm_cell", () -> cell(4));
        add("gru_cell", () -> cell(3));
        add("seq2seq", () -> spec().size("S", 3, "T", 4, "N", 2, "V_src", 5, "V_tgt", 6, "E", 3, "H", 4, "G", 4)
                .fill(indices(5), "source").fill(indices(6), "target").value("bos_index", 0)
                .value("ignore_index", -100).value("lstm", 1).value("num_layers", 2));
        add("seq2seq_greedy", () -> spec().size("S", 3, "N", 2, "V_src", 5, "V_tgt", 6, "E", 3, "H", 4, "G", 3)
                .fill(indices(5), "source").value("max_length", 4).value("bos_index", 0).value("lstm", 0)
                .value("num_layers", 1));
        for (String attention : new String[] {"dot_product_attention", "scaled_dot_product_attention"}) {
            add(attention, () -> spec().size("L", 3, "S", 4, "E", 2, "Ev", 5).value("is_causal", 0)
                    .value("scale", 0.5));
        }
        add("multihead_attention", () -> spec().size("L", 3, "S", 4, "N", 2, "E", 4).value("num_heads", 2)
                .value("batch_first", 0).value("average_attn_weights", 0));
        add("positional_encoding", () -> spec().size("L", 3, "N", 2, "E", 4).value("batch_first", 0)
                .value("base", 10000));
        add("transformer_encoder_layer", () -> spec().size("S", 3, "N", 2, "E", 4, "F", 5).value("nhead", 2)
                .value("batch_first", 0).value("norm_first", 1).value("layer_norm_eps", 1e-5)
                .fill(FALSE, "src_key_padding_mask"));
        add("autoencoder", () -> spec().size("N", 2, "D", 5).fill(UNIT, "input").value("bce_loss", 1)
                .layers("encoder", 2, 5, 4, 3).layers("decoder", 2, 3, 5));
        add("denoising_autoencoder", () -> spec().size("N", 2, "D", 5).fill(UNIT, "input").value("bce_loss", 0)
                .layers("encoder", 2, 5, 3).layers("decoder", 2, 3, 4, 5));
        add("masked_denoising_autoencoder", () -> spec().size("N", 2, "D", 5).fill(UNIT, "input")
                .fill(BINARY, "mask").value("bce_loss", 0).layers("encoder", 2, 5, 3).layers("decoder", 2, 3, 5));
        add("vae", () -> spec().size("N", 2, "D", 5, "Z", 2, "H", 4).fill(UNIT, "input").value("mse_loss", 0)
                .layers("encoder", 2, 5, 6, 4).layers("decoder", 2, 2, 4, 5));
        add("gan_step", () -> spec().size("N", 3, "D", 4, "Z", 2).value("lr", 0.01).value("adam", 1)
                .value("beta1", 0.5).value("beta2", 0.999).value("adam_eps", 1e-8).value("negative_slope", 0.2)
                .layers("generator", 2, 2, 5, 4).layers("discriminator", 2, 4, 3, 1));
    }

    private DocumentedInputSpecs() {
    }

    /** The spec of a listed model; a model without one fails, so a new model must add its spec. */
    static Spec of(String model) {
        Supplier<Spec> spec = SPECS.get(model);
        if (spec == null) {
            throw new AssertionError("model " + model + " is listed but DocumentedInputSpecs has no spec for it");
        }
        return spec.get();
    }

    private static void add(String model, Supplier<Spec> spec) {
        SPECS.put(model, spec);
    }

    private static Spec spec() {
        return new Spec();
    }

    /** One step of a batch of two. */
    private static Spec cell(int gates) {
        return spec().size("N", 2, "H_in", 3, "H", 4, "G", gates);
    }

    /** Two bidirectional layers with every optional state and an upstream gradient. */
    private static Spec recurrent(int gates) {
        return spec().size("L", 3, "N", 2, "H_in", 2, "H", 3, "D", 2, "G", gates).value("num_layers", 2)
                .value("bidirectional", 1).value("batch_first", 0).shape("grad_output", 3, 2, 6);
    }
}
