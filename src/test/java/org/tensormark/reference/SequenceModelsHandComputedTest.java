package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/** The course's worked examples, computed by hand, and the models' contracts. */
class SequenceModelsHandComputedTest {

    private static final double EPS = 1e-12;

    @Test
    void rnnTanhFollowsTheWorkedExample() {
        Map<String, Tensor> in = Map.of("input", f64(new long[] {2, 1, 1}, 1, 2), "weight_ih_l0", f64(new long[] {1, 1}, 0.5),
                "weight_hh_l0", f64(new long[] {1, 1}, -1), "bias_ih_l0", f64(new long[] {1}, 0.1));
        double h1 = Math.tanh(0.6);
        double h2 = Math.tanh(1.1 - h1);
        Map<String, Tensor> out = model("rnn_tanh").compute(in);
        assertArrayEquals(new double[] {h1, h2}, out.get("output").values(), EPS);
        assertArrayEquals(new double[] {h2}, out.get("h_n").values(), EPS);
        assertArrayEquals(new long[] {1, 1, 1}, out.get("h_n").shape());
    }

    @Test
    void lstmStepUsesGateOrderInputForgetCellOutput() {
        Map<String, Tensor> in = Map.of("input", f64(new long[] {1, 1, 1}, 1),
                "weight_ih_l0", f64(new long[] {4, 1}, 1, 2, 3, 4), "weight_hh_l0", f64(new long[] {4, 1}, 0, 0, 0, 0),
                "c_0", f64(new long[] {1, 1, 1}, 0.5));
        double c = sigmoid(2) * 0.5 + sigmoid(1) * Math.tanh(3);
        double h = sigmoid(4) * Math.tanh(c);
        Map<String, Tensor> out = model("lstm").compute(in);
        assertEquals(c, out.get("c_n").item(), EPS);
        assertEquals(h, out.get("h_n").item(), EPS);
    }

    @Test
    void gruKeepsItsStateWhenTheUpdateGateSaturates() {
        Map<String, Tensor> in = Map.of("input", f64(new long[] {3, 1, 1}, 5, -5, 5),
                "weight_ih_l0", f64(new long[] {3, 1}, 1, 0, 1), "weight_hh_l0", f64(new long[] {3, 1}, 1, 0, 1),
                "bias_ih_l0", f64(new long[] {3}, 0, 100, 0), "h_0", f64(new long[] {1, 1, 1}, 0.25));
        assertArrayEquals(new double[] {0.25, 0.25, 0.25}, model("gru").compute(in).get("output").values(), EPS);
    }

    @Test
    void bidirectionalReverseDirectionReadsTheSequenceBackwards() {
        Map<String, Tensor> in = new HashMap<>(Map.of("input", f64(new long[] {3, 1, 1}, 1, 2, 3),
                "bidirectional", Tensor.scalar(DType.BOOL, 1)));
        for (String suffix : new String[] {"_l0", "_l0_reverse"}) {
            in.put("weight_ih" + suffix, f64(new long[] {1, 1}, 1));
            in.put("weight_hh" + suffix, f64(new long[] {1, 1}, 1));
        }
        Map<String, Tensor> out = model("rnn_relu").compute(in);
        assertArrayEquals(new double[] {1, 6, 3, 5, 6, 3}, out.get("output").values(), EPS);
        assertArrayEquals(new double[] {6, 6}, out.get("h_n").values(), EPS);
    }

    @Test
    void scaledAttentionDividesScoresBySqrtOfTheKeySize() {
        Map<String, Tensor> in = Map.of("query", f64(new long[] {1, 2}, 1, 0), "key", f64(new long[] {2, 2}, 1, 0, 0, 1),
                "value", f64(new long[] {2, 2}, 1, 2, 3, 4));
        double w0 = 1 / (1 + Math.exp(-1 / Math.sqrt(2)));
        Map<String, Tensor> out = model("scaled_dot_product_attention").compute(in);
        assertArrayEquals(new double[] {w0, 1 - w0}, out.get("attention_weights").values(), EPS);
        assertArrayEquals(new double[] {w0 + 3 * (1 - w0), 2 * w0 + 4 * (1 - w0)}, out.get("output").values(), EPS);
    }

    @Test
    void attentionWithHugeScoresOrAFullyMaskedRowStaysFinite() {
        Map<String, Tensor> in = Map.of("query", f64(new long[] {2, 1}, 1e4, 1), "key", f64(new long[] {2, 1}, 1, 0),
                "value", f64(new long[] {2, 1}, 7, 9), "attn_mask", Tensor.of(DType.BOOL, new long[] {2, 2}, 1, 1, 0, 0));
        Map<String, Tensor> out = model("dot_product_attention").compute(in);
        assertArrayEquals(new double[] {1, 0, 0, 0}, out.get("attention_weights").values(), EPS);
        assertArrayEquals(new double[] {7, 0}, out.get("output").values(), EPS);
    }

    @Test
    void positionalEncodingStartsWithSinAndCosOfThePosition() {
        Tensor zeros = f64(new long[] {2, 1, 4}, new double[8]);
        Tensor pe = model("positional_encoding").compute(Map.of("input", zeros)).get("encoding");
        assertArrayEquals(new double[] {0, 1, 0, 1, Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01)},
                pe.values(), EPS);
    }

    @Test
    void vaeKlIsZeroWhenThePosteriorIsTheStandardNormal() {
        Map<String, Tensor> in = new HashMap<>(model("vae").initialise(3, Map.of("input_size", i64(3),
                "hidden_size", i64(2), "latent_size", i64(2))));
        for (String p : new String[] {"fc_mu", "fc_logvar"}) {
            in.put(p + ".weight", f64(new long[] {2, 2}, 0, 0, 0, 0));
            in.put(p + ".bias", f64(new long[] {2}, 0, 0));
        }
        in.put("input", f64(new long[] {1, 3}, 0, 0.5, 1));
        in.put("eps", f64(new long[] {1, 2}, 0.3, -1.2));
        Map<String, Tensor> out = model("vae").compute(in);
        assertEquals(0, out.get("kl").item(), EPS);
        assertArrayEquals(new double[] {0.3, -1.2}, out.get("z").values(), EPS);
    }

    @Test
    void maskedDenoisingAutoencoderEncodesTheMaskedInputAndScoresAgainstTheCleanOne() {
        Map<String, Tensor> in = new HashMap<>(model("masked_denoising_autoencoder").initialise(7,
                Map.of("input_size", i64(3), "hidden_size", i64(4), "code_size", i64(2))));
        in.replaceAll((k, v) -> new Tensor(DType.FLOAT64, v.shape(), v.values()));
        double[] x = {0.2, 0.9, 0.5, 1.0, 0.3, 0.7};
        Map<String, Tensor> plain = new HashMap<>(in);
        plain.put("input", f64(new long[] {2, 3}, 0.2, 0, 0.5, 0, 0.3, 0));
        in.put("input", f64(new long[] {2, 3}, x));
        in.put("mask", f64(new long[] {2, 3}, 1, 0, 1, 0, 1, 0));
        Map<String, Tensor> masked = model("masked_denoising_autoencoder").compute(in);
        Map<String, Tensor> onZeroed = model("autoencoder").compute(plain);
        assertEquals(onZeroed.get("code"), masked.get("code"));
        assertEquals(onZeroed.get("reconstruction"), masked.get("reconstruction"));
        double[] r = masked.get("reconstruction").values();
        double squared = 0;
        for (int i = 0; i < x.length; i++) {
            squared += (r[i] - x[i]) * (r[i] - x[i]);
        }
        assertEquals(squared / x.length, masked.get("loss").item(), EPS, "the mean over every entry, masked ones too");
    }

    @Test
    void aCorruptionMaskOtherThanZerosAndOnesIsRefusedByName() {
        Map<String, Tensor> in = new HashMap<>(model("masked_denoising_autoencoder").initialise(7,
                Map.of("input_size", i64(2), "hidden_size", i64(2), "code_size", i64(1))));
        in.put("input", f64(new long[] {1, 2}, 0.2, 0.9));
        in.put("mask", f64(new long[] {1, 2}, 1, 0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model("masked_denoising_autoencoder").compute(in));
        assertTrue(e.getMessage().contains("'mask'") && e.getMessage().contains("0s and 1s"), e.getMessage());
    }

    @Test
    void ganLossesAreLn2WhenTheDiscriminatorCannotTell() {
        Map<String, Tensor> in = new HashMap<>(model("gan_step").initialise(5, Map.of("latent_size", i64(2),
                "hidden_size", i64(3), "data_size", i64(2))));
        in.put("discriminator.2.weight", f64(new long[] {1, 3}, 0, 0, 0));
        in.put("discriminator.2.bias", f64(new long[] {1}, 0));
        in.replaceAll((k, v) -> new Tensor(DType.FLOAT64, v.shape(), v.values()));
        in.put("real", f64(new long[] {2, 2}, 1, -1, 0.5, 2));
        in.put("noise", f64(new long[] {2, 2}, 0.1, 0.2, -0.3, 0.4));
        in.put("lr", Tensor.scalar(DType.FLOAT64, 0));
        Map<String, Tensor> out = model("gan_step").compute(in);
        assertEquals(2 * Math.log(2), out.get("d_loss").item(), EPS);
        assertEquals(Math.log(2), out.get("g_loss").item(), EPS);
        assertEquals(in.get("generator.0.weight"), out.get("generator.0.weight"), "lr 0 leaves the generator as it was");
    }

    @Test
    void seq2seqLossIsLnVocabularyForUniformLogits() {
        Map<String, Tensor> hp = Map.of("source_vocab", i64(4), "target_vocab", i64(5), "embedding_size", i64(3),
                "hidden_size", i64(2));
        Map<String, Tensor> in = new HashMap<>(model("seq2seq").initialise(9, hp));
        in.put("output.weight", f64(new long[] {5, 2}, new double[10]));
        in.put("output.bias", f64(new long[] {5}, new double[5]));
        in.put("source", Tensor.of(DType.INT64, new long[] {3, 1}, 1, 2, 3));
        in.put("target", Tensor.of(DType.INT64, new long[] {2, 1}, 4, 2));
        assertEquals(Math.log(5), model("seq2seq").compute(in).get("loss").item(), 1e-6);
    }

    @Test
    void aMissingOrMisshapedWeightIsNamedInTheError() {
        Map<String, Tensor> in = new HashMap<>(model("lstm").initialise(1, Map.of("input_size", i64(3), "hidden_size", i64(2))));
        in.put("input", f64(new long[] {2, 1, 3}, new double[6]));
        in.remove("weight_hh_l0");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> model("lstm").compute(in));
        assertTrue(missing.getMessage().contains("'weight_hh_l0'"), missing.getMessage());
        in.put("weight_hh_l0", f64(new long[] {8, 2}, new double[16]));
        in.put("weight_ih_l0", f64(new long[] {3, 8}, new double[24]));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> model("lstm").compute(in));
        assertTrue(shape.getMessage().contains("'weight_ih_l0'") && shape.getMessage().contains("(3, 8)"),
                shape.getMessage());
    }

    @Test
    void attentionInputsOfTheWrongRankAreNamed() {
        Map<String, Tensor> in = new HashMap<>(model("multihead_attention").initialise(2, Map.of("embed_dim", i64(4))));
        in.put("num_heads", i64(2));
        in.put("query", f64(new long[] {2, 1, 4}, new double[8]));
        in.put("key", f64(new long[] {3, 4}, new double[12]));
        in.put("value", f64(new long[] {3, 1, 4}, new double[12]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model("multihead_attention").compute(in));
        assertTrue(e.getMessage().contains("'key'"), e.getMessage());
    }

    @Test
    void initialiseDrawsPyTorchShapesWithinTheDefaultBoundAndRepeatsPerSeed() {
        Map<String, Tensor> hp = Map.of("input_size", i64(3), "hidden_size", i64(4), "num_layers", i64(2),
                "bidirectional", i64(1));
        Map<String, Tensor> p = model("gru").initialise(11, hp);
        assertEquals(16, p.size());
        assertArrayEquals(new long[] {12, 8}, p.get("weight_ih_l1_reverse").shape());
        assertTrue(p.values().stream().flatMapToDouble(t -> Arrays.stream(t.values())).allMatch(v -> Math.abs(v) <= 0.5));
        assertEquals(p, model("gru").initialise(11, hp));
        assertNotEquals(p, model("gru").initialise(12, hp));
    }

    @Test
    void everySequenceModelIsRegisteredOnceByName() {
        assertEquals(SequenceModels.all().size(), ReferenceModels.all().stream().map(ReferenceModel::name)
                .filter(n -> SequenceModels.all().stream().anyMatch(m -> m.name().equals(n))).count());
        for (ReferenceModel m : SequenceModels.all()) {
            assertEquals(m.getClass(), ReferenceModels.byName(m.name()).orElseThrow().getClass(), m.name());
            assertTrue(!m.inputs().isEmpty() && !m.outputs().isEmpty(), m.name());
        }
    }

    private static ReferenceModel model(String name) {
        return ReferenceModels.byName(name).orElseThrow();
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static Tensor f64(long[] shape, double... values) {
        return new Tensor(DType.FLOAT64, shape, values);
    }

    private static Tensor i64(long v) {
        return Tensor.scalar(DType.INT64, v);
    }
}
