package org.tensormark.reference;

import static org.tensormark.reference.NdModel.array;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.tensormark.reference.ReferenceModel.Param;

/**
 * One parameter update of each optimiser, with torch.optim semantics (torch 1.13): plain
 * gradient descent with L1/L2 weight decay, SGD with momentum (optionally Nesterov) and Adam.
 * Missing optimiser state means the first step, as in a fresh torch optimiser.
 */
final class OptimiserSteps {

    private static final String LIKE = "(like param)";

    private OptimiserSteps() {
    }

    static List<ReferenceModel> all() {
        return List.of(
                new NdModel("gd_step", "gradient descent: param - lr * (grad + l2 * param + l1 * sign(param))",
                        List.of(param(), grad(), required("lr", "()", "learning rate"),
                                optional("l1", "()", "L1 penalty factor, default 0"),
                                optional("l2", "()", "L2 penalty factor (torch weight_decay), default 0")),
                        List.of("param"), OptimiserSteps::gradientDescent),
                momentumModel("momentum_step", false),
                momentumModel("nesterov_step", true),
                new NdModel("adam_step", "one torch.optim.Adam step", List.of(param(), grad(),
                        optional("exp_avg", LIKE, "first moment, default zeros"),
                        optional("exp_avg_sq", LIKE, "second moment, default zeros"),
                        required("step", "()", "step number t after this update, >= 1"),
                        optional("lr", "()", "default 1e-3"), optional("beta1", "()", "default 0.9"),
                        optional("beta2", "()", "default 0.999"), optional("eps", "()", "default 1e-8"),
                        optional("weight_decay", "()", "L2 factor, default 0")),
                        List.of("param", "exp_avg", "exp_avg_sq"), OptimiserSteps::adam));
    }

    private static Param param() {
        return required("param", "(*)", "parameter, any shape");
    }

    private static Param grad() {
        return required("grad", LIKE, "gradient, same shape as param");
    }

    private static NDArray like(NDManager m, ModelInputs in, String name) {
        return array(m, in, name, LIKE, in.required("param").shape());
    }

    private static NDArray optionalLike(NDManager m, ModelInputs in, String name) {
        return in.has(name) ? like(m, in, name) : null;
    }

    private static Map<String, NDArray> gradientDescent(ModelInputs in, NDManager m) {
        NDArray p = array(m, in, "param", "(*)", in.required("param").shape());
        NDArray g = like(m, in, "grad");
        g = g.add(p.mul(in.number("l2", 0))).add(p.sign().mul(in.number("l1", 0)));
        return Map.of("param", p.sub(g.mul(in.requiredNumber("lr"))));
    }

    private static ReferenceModel momentumModel(String name, boolean nesterov) {
        List<Param> params = List.of(param(), grad(),
                optional("momentum_buffer", LIKE, "velocity from the previous step; absent on the first step"),
                required("lr", "()", "learning rate"), optional("momentum", "()", "default 0.9"),
                optional("dampening", "()", "default 0"), optional("weight_decay", "()", "L2 factor, default 0"));
        String description = "one torch.optim.SGD step with momentum" + (nesterov ? " (nesterov=True)" : "");
        return new NdModel(name, description, params, List.of("param", "momentum_buffer"), (in, m) -> {
            NDArray p = array(m, in, "param", "(*)", in.required("param").shape());
            NDArray g = like(m, in, "grad").add(p.mul(in.number("weight_decay", 0)));
            double mu = in.number("momentum", 0.9);
            double dampening = in.number("dampening", 0);
            NDArray previous = optionalLike(m, in, "momentum_buffer");
            NDArray buffer = previous == null ? g : previous.mul(mu).add(g.mul(1 - dampening));
            NDArray direction = nesterov ? g.add(buffer.mul(mu)) : buffer;
            return Map.of("param", p.sub(direction.mul(in.requiredNumber("lr"))), "momentum_buffer", buffer);
        });
    }

    private static Map<String, NDArray> adam(ModelInputs in, NDManager m) {
        NDArray p = array(m, in, "param", "(*)", in.required("param").shape());
        NDArray g = like(m, in, "grad").add(p.mul(in.number("weight_decay", 0)));
        int t = in.requiredInteger("step");
        if (t < 1) {
            throw in.error("step", "must be at least 1, got " + t);
        }
        AdamUpdate.Step step = AdamUpdate.step(p, g, optionalLike(m, in, "exp_avg"), optionalLike(m, in, "exp_avg_sq"), t,
                in.number("lr", 1e-3), in.number("beta1", 0.9), in.number("beta2", 0.999), in.number("eps", 1e-8));
        return Map.of("param", step.param(), "exp_avg", step.expAvg(), "exp_avg_sq", step.expAvgSq());
    }
}
