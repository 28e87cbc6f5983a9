package org.tensormark.reference;

import static org.tensormark.reference.NdModel.array;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import java.util.List;
import java.util.Map;

/** Gradient clipping as torch.nn.utils.clip_grad_value_ and clip_grad_norm_ (torch 1.13) do it. */
final class GradientClipping {

    private GradientClipping() {
    }

    static List<ReferenceModel> all() {
        return List.of(
                new NdModel("clip_grad_value", "clamp every gradient element to [-clip_value, clip_value]",
                        List.of(required("grad", "(*)", "gradient, any shape"),
                                required("clip_value", "()", "bound, > 0")),
                        List.of("grad"), (in, m) -> {
                            double c = in.requiredNumber("clip_value");
                            if (!(c > 0)) {
                                throw in.error("clip_value", "must be positive, got " + c);
                            }
                            return Map.of("grad", array(m, in, "grad", "(*)", in.required("grad").shape()).clip(-c, c));
                        }),
                new NdModel("clip_grad_norm", "scale the gradient by max_norm / (norm + 1e-6) when that is below 1",
                        List.of(required("grad", "(*)", "gradient, any shape"),
                                required("max_norm", "()", "largest norm allowed"),
                                optional("norm_type", "()", "p of the p-norm, default 2")),
                        List.of("grad", "total_norm"), (in, m) -> {
                            double p = in.number("norm_type", 2);
                            if (!(p > 0) || Double.isInfinite(p)) {
                                throw in.error("norm_type", "must be a positive finite p, got " + p);
                            }
                            var g = array(m, in, "grad", "(*)", in.required("grad").shape());
                            var norm = p == 2 ? g.square().sum().sqrt()
                                    : g.abs().pow(NdModel.scalar(g, p)).sum().pow(NdModel.scalar(g, 1 / p));
                            var coefficient = NdModel.scalar(g, in.requiredNumber("max_norm"))
                                    .div(norm.add(NdModel.scalar(g, 1e-6))).minimum(NdModel.scalar(g, 1));
                            return Map.of("grad", g.mul(coefficient), "total_norm", norm);
                        }));
    }
}
