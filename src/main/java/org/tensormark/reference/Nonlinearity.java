package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The hidden-layer activations a model can be asked for, by their code in an input tensor. */
enum Nonlinearity {
    IDENTITY, SIGMOID, TANH, RELU;

    /** Codes: 0 identity, 1 sigmoid, 2 tanh, 3 relu. */
    static final String CODES = "0 identity, 1 sigmoid, 2 tanh, 3 relu";

    static Nonlinearity read(ModelInputs in, String name, Nonlinearity fallback) {
        int code = in.integer(name, fallback.ordinal());
        if (code < 0 || code >= values().length) {
            throw in.error(name, "must be one of " + CODES + ", got " + code);
        }
        return values()[code];
    }

    NDArray apply(NDArray x) {
        return switch (this) {
            case IDENTITY -> x;
            case SIGMOID -> Activation.sigmoid(x);
            case TANH -> x.tanh();
            case RELU -> Activation.relu(x);
        };
    }
}
