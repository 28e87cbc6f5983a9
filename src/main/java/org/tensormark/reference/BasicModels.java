package org.tensormark.reference;

import java.util.ArrayList;
import java.util.List;

/** The models of one part of the course; {@link ReferenceModels} lists them all. */
final class BasicModels {

    private BasicModels() {
    }

    /** From neurons to CNNs: activations, logic neurons, MLPs, losses, optimisers, layers, CNNs. */
    static List<ReferenceModel> all() {
        List<ReferenceModel> all = new ArrayList<>(Activations.all());
        all.add(McCullochPitts.model());
        all.add(Perceptron.model());
        all.add(LogisticNode.model());
        all.addAll(Mlp.all());
        all.add(SigmoidBackprop.model());
        all.addAll(LossFunctions.all());
        all.addAll(OptimiserSteps.all());
        all.add(MiniBatchSgd.model());
        all.addAll(GradientClipping.all());
        all.add(Dropout.model());
        all.addAll(BatchNorm.all());
        all.add(LayerNorm.model());
        all.addAll(Convolution.all());
        all.add(TransposedConvolution.model());
        all.addAll(Pooling.all());
        all.add(LeNet.model());
        all.add(ResidualBlock.model());
        all.add(RbfNetwork.model());
        all.add(RbfNetwork.fitModel());
        all.add(GraphConvolution.model());
        return List.copyOf(all);
    }
}
