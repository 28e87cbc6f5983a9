package org.tensormark.reference;

import static org.tensormark.reference.NdModel.array;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.tensormark.reference.ReferenceModel.Param;

/**
 * The activation functions of the neuron-model lectures, one model each. Element-wise ones take
 * {@code x} of any shape and return {@code y} and, where the derivative is defined almost
 * everywhere and not identically zero, {@code dy_dx}. All are stable for large magnitudes.
 */
final class Activations {

    private static final Param X = required("x", "(*)", "pre-activation, any shape");

    private Activations() {
    }

    /** Output and derivative of an element-wise function. */
    private interface Pointwise {
        NDArray[] apply(NDArray x, ModelInputs in);
    }

    static List<ReferenceModel> all() {
        return List.of(
                plain("step", "Heaviside step: 1 where x >= 0, else 0",
                        (x, in) -> x.gte(0).toType(x.getDataType(), false)),
                plain("sign", "sign: -1, 0 or 1", (x, in) -> x.sign()),
                withDerivative("ramp", "ramp (saturating linear): clip(x, 0, 1)", List.of(), (x, in) ->
                        new NDArray[] {x.clip(0, 1), x.gt(0).logicalAnd(x.lt(1)).toType(x.getDataType(), false)}),
                parametricSigmoid(),
                withDerivative("gaussian", "Gaussian bump exp(-x^2)", List.of(), (x, in) -> {
                    NDArray y = x.square().neg().exp();
                    return new NDArray[] {y, x.mul(NdModel.scalar(x, -2)).mul(y)};
                }),
                withDerivative("tanh", "hyperbolic tangent", List.of(), (x, in) -> {
                    NDArray y = x.tanh();
                    return new NDArray[] {y, y.square().neg().add(1)};
                }),
                withDerivative("relu", "rectified linear unit max(0, x)", List.of(), (x, in) ->
                        new NDArray[] {Activation.relu(x), x.gt(0).toType(x.getDataType(), false)}),
                leakyRelu(),
                elu(),
                maxout(),
                alongDim("softmax", "softmax along dim (stable: shifts by the maximum)", false),
                alongDim("log_softmax", "log-softmax along dim (stable)", true));
    }

    private static ReferenceModel plain(String name, String description,
            BiFunction<NDArray, ModelInputs, NDArray> fn) {
        return new NdModel(name, description, List.of(X), List.of("y"),
                (in, m) -> Map.of("y", fn.apply(array(m, in, "x", "(*)", shapeOf(in, "x")), in)));
    }

    private static ReferenceModel withDerivative(String name, String description, List<Param> extra, Pointwise fn) {
        List<Param> params = new ArrayList<>(List.of(X));
        params.addAll(extra);
        return new NdModel(name, description, params, List.of("y", "dy_dx"), (in, m) -> {
            NDArray[] r = fn.apply(array(m, in, "x", "(*)", shapeOf(in, "x")), in);
            return Map.of("y", r[0], "dy_dx", r[1]);
        });
    }

    private static ReferenceModel leakyRelu() {
        return withDerivative("leaky_relu", "leaky ReLU: x, or slope * x where x < 0",
                List.of(optional("slope", "()", "negative slope, default 0.01")), (x, in) -> {
                    NDArray slope = NdModel.scalar(x, in.number("slope", 0.01));
                    NDArray positive = x.gt(0);
                    return new NDArray[] {NDArrays.where(positive, x, x.mul(slope)),
                        NDArrays.where(positive, x.onesLike(), x.onesLike().mul(slope))};
                });
    }

    private static ReferenceModel elu() {
        return withDerivative("elu", "ELU: x, or alpha * (exp(x) - 1) where x <= 0",
                List.of(optional("alpha", "()", "scale of the negative part, default 1")), (x, in) -> {
                    NDArray alpha = NdModel.scalar(x, in.number("alpha", 1));
                    NDArray positive = x.gt(0);
                    // exp of min(x, 0) never overflows; where() keeps x on the positive side.
                    NDArray e = x.minimum(0).exp();
                    return new NDArray[] {NDArrays.where(positive, x, e.sub(1).mul(alpha)),
                        NDArrays.where(positive, x.onesLike(), e.mul(alpha))};
                });
    }

    private static ReferenceModel parametricSigmoid() {
        List<Param> extra = List.of(required("v", "()", "slope"), required("y", "()", "shift"),
                required("z", "()", "offset"));
        return withDerivative("parametric_sigmoid", "z + 1 / (1 + exp(-x * v + y))", extra, (x, in) -> {
            NDArray v = NdModel.scalar(x, in.required("v", "()").item());
            NDArray s = Activation.sigmoid(x.mul(v).sub(NdModel.scalar(x, in.required("y", "()").item())));
            NDArray z = NdModel.scalar(x, in.required("z", "()").item());
            return new NDArray[] {s.add(z), v.mul(s).mul(s.neg().add(1))};
        });
    }

    private static ReferenceModel maxout() {
        List<Param> params = List.of(required("x", "(..., C)", "pre-activations, C a multiple of pieces"),
                required("pieces", "()", "pieces per output unit"));
        return new NdModel("maxout", "maxout: maximum over consecutive groups of `pieces` in the last dim",
                params, List.of("y"), (in, m) -> {
                    int pieces = in.requiredInteger("pieces");
                    long[] shape = in.required("x").shape();
                    if (shape.length == 0 || pieces < 1 || shape[shape.length - 1] % pieces != 0) {
                        throw in.error("pieces", "must divide the last dimension of input 'x' " + in.required("x").shapeText()
                                + ", got " + pieces);
                    }
                    long[] grouped = Arrays.copyOf(shape, shape.length + 1);
                    grouped[shape.length - 1] = shape[shape.length - 1] / pieces;
                    grouped[shape.length] = pieces;
                    NDArray x = array(m, in, "x", "(..., C)", shapeOf(in, "x"));
                    return Map.of("y", x.reshape(new Shape(grouped)).max(new int[] {shape.length}));
                });
    }

    private static ReferenceModel alongDim(String name, String description, boolean log) {
        List<Param> params = List.of(X, optional("dim", "()", "dimension to normalise, default -1"));
        return new NdModel(name, description, params, List.of("y"), (in, m) -> {
            NDArray x = array(m, in, "x", "(*)", shapeOf(in, "x"));
            int rank = x.getShape().dimension();
            int dim = in.integer("dim", -1);
            if (dim < -Math.max(rank, 1) || dim >= Math.max(rank, 1)) {
                throw in.error("dim", "is out of range for x of rank " + rank + ", got " + dim);
            }
            int axis = rank == 0 ? 0 : Math.floorMod(dim, rank);
            NDArray xs = rank == 0 ? x.reshape(1) : x;
            NDArray y = log ? xs.logSoftmax(axis) : xs.softmax(axis);
            return Map.of("y", rank == 0 ? y.reshape(new Shape()) : y);
        });
    }

    /** The actual shape of an input of free shape, so the shape check only asks it to exist. */
    private static long[] shapeOf(ModelInputs in, String name) {
        return in.required(name).shape();
    }
}
