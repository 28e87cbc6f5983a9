package org.tensormark.reference;

import java.util.List;

/**
 * The sequence, attention and generative models of the course; {@link ReferenceModels} lists
 * them all.
 */
final class SequenceModels {

    private SequenceModels() {
    }

    static List<ReferenceModel> all() {
        return List.of(new Rnn(false), new Rnn(true), new Lstm(), new Gru(),
                new RecurrentCellStep(new Rnn(false)), new RecurrentCellStep(new Rnn(true)),
                new RecurrentCellStep(new Lstm()), new RecurrentCellStep(new Gru()), new Seq2Seq(), new Seq2Seq(true),
                new Attention(false), new Attention(true), new MultiHeadAttention(), new PositionalEncoding(),
                new TransformerEncoderLayer(), new Autoencoder(Autoencoder.Corruption.NONE),
                new Autoencoder(Autoencoder.Corruption.ADDITIVE_NOISE), new Autoencoder(Autoencoder.Corruption.MASKING),
                new Vae(), new Gan());
    }
}
