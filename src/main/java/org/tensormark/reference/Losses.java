package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The losses of the generative and sequence models, with PyTorch's numerics. */
final class Losses {

    private Losses() {
    }

    /** Binary cross-entropy summed over all elements, logs clamped at -100 as torch.nn.BCELoss does. */
    static NDArray bceSum(NDArray p, NDArray target) {
        NDArray logP = p.log().maximum(-100);
        NDArray log1mP = p.neg().add(1).log().maximum(-100);
        return target.mul(logP).add(target.neg().add(1).mul(log1mP)).sum().neg();
    }

    static NDArray mseSum(NDArray prediction, NDArray target) {
        return prediction.sub(target).square().sum();
    }

    /** torch.nn.BCEWithLogitsLoss (mean): max(x, 0) - x*y + log(1 + exp(-|x|)). */
    static NDArray bceWithLogits(NDArray logits, double target) {
        return Activation.relu(logits).sub(logits.mul(target)).add(logits.abs().neg().exp().add(1).log()).mean();
    }

    /**
     * torch.nn.CrossEntropyLoss (mean over counted targets): logits (M, C), targets (M,) int64;
     * targets equal to {@code ignoreIndex} are not counted.
     */
    static NDArray crossEntropy(NDArray logits, NDArray targets, long ignoreIndex) {
        NDArray counted = targets.neq(ignoreIndex);
        NDArray safe = targets.mul(counted.toType(targets.getDataType(), false));
        NDArray picked = logits.logSoftmax(-1).mul(safe.oneHot((int) logits.getShape().get(1), logits.getDataType()))
                .sum(new int[] {-1});
        NDArray weight = counted.toType(logits.getDataType(), false);
        return picked.mul(weight).sum().neg().div(weight.sum());
    }
}
