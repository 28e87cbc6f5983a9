package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensormark.reference.ReferenceModel.Param;
import org.tensormark.tensor.Tensor;

/**
 * Runs a {@link RecurrentCell} as torch.nn.RNN/LSTM/GRU do: {@code num_layers} layers, each
 * optionally bidirectional (the reverse direction reads the sequence backwards, and the next
 * layer reads both directions' outputs concatenated), built from plain NDArray ops.
 */
final class RecurrentStack {

    private final RecurrentCell cell;

    RecurrentStack(RecurrentCell cell) {
        this.cell = cell;
    }

    /** The result of a run in (L, N, D*H) layout with final states (D*layers, N, H). */
    record Run(NDArray output, NDArray hN, NDArray cN) {
    }

    /** The documented inputs, the parameters as patterns ({@link InputPatterns}). */
    List<Param> inputs() {
        List<Param> p = new ArrayList<>(fixedInputs());
        p.addAll(parameters("", "_l{k}[_reverse]", "G*H", "H_in or D*H"));
        return List.copyOf(p);
    }

    /** The inputs one call reads: one set of parameters per layer and direction. */
    List<Param> inputsFor(String model, Map<String, Tensor> values) {
        ModelInputs in = new ModelInputs(model, values);
        List<Param> p = new ArrayList<>(fixedInputs());
        p.addAll(parameters("", in.integer("num_layers", 1), in.flag("bidirectional", false), "H_in", values.size()));
        return List.copyOf(p);
    }

    private List<Param> fixedInputs() {
        List<Param> p = new ArrayList<>(List.of(
                new Param("input", "(L, N, H_in) | (N, L, H_in) | (L, H_in)", "the sequence", true),
                new Param("h_0", "(D*num_layers, N, H)", "initial hidden state, zeros by default", false)));
        if (cell.hasCellState()) {
            p.add(new Param("c_0", "(D*num_layers, N, H)", "initial cell state, zeros by default", false));
        }
        p.addAll(List.of(
                new Param("num_layers", "()", "stacked layers, default 1", false),
                new Param("bidirectional", "()", "0 or 1, default 0", false),
                new Param("batch_first", "()", "0 or 1, default 0: input and output are (N, L, *)", false),
                new Param("grad_output", "like output", "upstream gradient: adds input.grad, h_0.grad, "
                        + "<parameter>.grad", false)));
        return p;
    }

    /**
     * The parameters of {@code layers} layers named {@code prefix + weight_ih_l0} etc., with
     * their shapes for this cell's gate count; layer 0 reads {@code inputWidth} features.
     * {@code given} bounds the list: beyond that many layers some are missing anyway, and one
     * missing layer is enough to name it.
     */
    List<Param> parameters(String prefix, int layers, boolean bidirectional, String inputWidth, int given) {
        int directions = bidirectional ? 2 : 1;
        String rows = cell.gates() + "*H";
        List<Param> p = new ArrayList<>();
        for (int k = 0; k < Math.min(layers, given + 1); k++) {
            for (int d = 0; d < directions; d++) {
                p.addAll(parameters(prefix, "_l" + k + (d == 1 ? "_reverse" : ""), rows,
                        k == 0 ? inputWidth : bidirectional ? "2*H" : "H"));
            }
        }
        return p;
    }

    /** The four parameters of one layer and direction, named with {@code suffix}. */
    static List<Param> parameters(String prefix, String suffix, String rows, String inputWidth) {
        return List.of(
                new Param(prefix + "weight_ih" + suffix, "(" + rows + ", " + inputWidth + ")",
                        "input weights, G gate blocks", true),
                new Param(prefix + "weight_hh" + suffix, "(" + rows + ", H)", "hidden weights", true),
                new Param(prefix + "bias_ih" + suffix, "(" + rows + ",)", "input bias, zeros when absent", false),
                new Param(prefix + "bias_hh" + suffix, "(" + rows + ",)", "hidden bias, zeros when absent", false));
    }

    List<String> outputs() {
        return cell.hasCellState() ? List.of("output", "h_n", "c_n", "<input>.grad (with grad_output)")
                : List.of("output", "h_n", "<input>.grad (with grad_output)");
    }

    /**
     * The outputs; with {@code grad_output} (shaped like {@code output}) also {@code name.grad}
     * for the input, the initial states given and every parameter: the gradients of
     * sum(output * grad_output), i.e. what {@code output.backward(grad_output)} leaves in PyTorch.
     */
    Map<String, Tensor> compute(String model, Map<String, Tensor> values) {
        try (ComputeScope scope = new ComputeScope(model, values, "input")) {
            if (!scope.inputs().has("grad_output")) {
                forward(scope);
                return scope.outputs();
            }
            NDArray upstream = scope.array("grad_output", "like output", scope.inputs().required("grad_output").shape());
            return ReferenceRuntime.withGradients(collector -> {
                scope.recordGradients();
                NDArray output = forward(scope);
                if (!output.getShape().equals(upstream.getShape())) {
                    throw scope.inputs().error("grad_output", "must have the output's shape " + output.getShape()
                            + ", got " + upstream.getShape());
                }
                collector.backward(output.mul(upstream).sum());
                scope.putGradients();
                return scope.outputs();
            });
        }
    }

    /** Computes and records output, h_n (and c_n); returns the output in the caller's layout. */
    private NDArray forward(ComputeScope scope) {
        ModelInputs in = scope.inputs();
        Tensor x = in.required("input");
        if (x.rank() != 2 && x.rank() != 3) {
            throw in.error("input", "expected (L, N, H_in), (N, L, H_in) or (L, H_in), got " + x.shapeText());
        }
        boolean batched = x.rank() == 3;
        boolean batchFirst = batched && in.flag("batch_first", false);
        NDArray seq = scope.array("input", "(L, N, H_in)", x.shape());
        seq = batched ? (batchFirst ? seq.swapAxes(0, 1) : seq) : seq.expandDims(1);
        Run run = run(scope, "", seq, in.integer("num_layers", 1), in.flag("bidirectional", false),
                initial(scope, "h_0", batched), initial(scope, "c_0", batched));
        NDArray output = batched ? (batchFirst ? run.output().swapAxes(0, 1) : run.output()) : run.output().squeeze(1);
        scope.put("output", output);
        scope.put("h_n", batched ? run.hN() : run.hN().squeeze(1));
        if (cell.hasCellState()) {
            scope.put("c_n", batched ? run.cN() : run.cN().squeeze(1));
        }
        return output;
    }

    /**
     * Runs the stack over {@code seq} (L, N, H_in) with parameters named {@code prefix +
     * weight_ih_l0} etc.; {@code h0}/{@code c0} are (D*layers, N, H) or null for zeros.
     */
    Run run(ComputeScope scope, String prefix, NDArray seq, int layers, boolean bidirectional, NDArray h0, NDArray c0) {
        ModelInputs in = scope.inputs();
        long steps = seq.getShape().get(0);
        long batch = seq.getShape().get(1);
        if (steps < 1 || layers < 1) {
            throw in.error(prefix + "input", "needs at least one step and one layer, got " + steps + " steps, "
                    + layers + " layers");
        }
        int directions = bidirectional ? 2 : 1;
        long hidden = hiddenSize(in, prefix + "weight_hh_l0");
        long[] stateShape = {directions * layers, batch, hidden};
        NDArray h = h0 != null ? checkState(in, "h_0", h0, stateShape) : scope.zeros(stateShape);
        NDArray c = c0 != null ? checkState(in, "c_0", c0, stateShape) : scope.zeros(stateShape);
        NDList hLast = new NDList();
        NDList cLast = new NDList();
        NDArray layerInput = seq;
        for (int k = 0; k < layers; k++) {
            NDList outputs = new NDList();
            for (int d = 0; d < directions; d++) {
                int i = k * directions + d;
                NDList state = cell.hasCellState() ? new NDList(h.get(i), c.get(i)) : new NDList(h.get(i));
                NDList last = direction(scope, prefix, k, d == 1, layerInput, hidden, state, outputs);
                hLast.add(last.get(0));
                cLast.add(cell.hasCellState() ? last.get(1) : last.get(0));
            }
            layerInput = outputs.size() == 1 ? outputs.get(0) : NDArrays.concat(outputs, 2);
        }
        return new Run(layerInput, NDArrays.stack(hLast), cell.hasCellState() ? NDArrays.stack(cLast) : null);
    }

    /** H, read from the first hidden weights, which must be (G*H, H). */
    private long hiddenSize(ModelInputs in, String name) {
        Tensor whh = in.required(name);
        long[] shape = whh.shape();
        if (shape.length != 2 || shape[1] < 1 || shape[0] != cell.gates() * shape[1]) {
            throw in.error(name, "expected shape (G*H, H) = (" + cell.gates() + "*H, H), got " + whh.shapeText());
        }
        return shape[1];
    }

    private NDList direction(ComputeScope scope, String prefix, int layer, boolean reverse, NDArray seq, long hidden,
            NDList state, NDList outputs) {
        String suffix = "_l" + layer + (reverse ? "_reverse" : "");
        long g = cell.gates() * hidden;
        long inSize = seq.getShape().get(2);
        NDArray wih = scope.array(prefix + "weight_ih" + suffix, "(G*H, in)", g, inSize);
        NDArray whh = scope.array(prefix + "weight_hh" + suffix, "(G*H, H)", g, hidden);
        NDArray bih = bias(scope, prefix + "bias_ih" + suffix, g);
        NDArray bhh = bias(scope, prefix + "bias_hh" + suffix, g);
        NDArray gx = seq.matMul(wih.transpose()).add(bih);
        int steps = Math.toIntExact(seq.getShape().get(0));
        NDArray[] out = new NDArray[steps];
        for (int i = 0; i < steps; i++) {
            int t = reverse ? steps - 1 - i : i;
            state = cell.step(gx.get(t), state, whh, bhh);
            out[t] = state.get(0);
        }
        outputs.add(NDArrays.stack(new NDList(out)));
        return state;
    }

    private static NDArray bias(ComputeScope scope, String name, long size) {
        return scope.optionalArray(name, "(G*H,)", size).orElseGet(() -> scope.zeros(size));
    }

    private static NDArray initial(ComputeScope scope, String name, boolean batched) {
        Optional<Tensor> t = scope.inputs().optional(name);
        if (t.isEmpty()) {
            return null;
        }
        NDArray a = scope.array(name, "state", t.get().shape());
        return batched ? a : a.expandDims(1);
    }

    private static NDArray checkState(ModelInputs in, String name, NDArray state, long[] expected) {
        if (!Arrays.equals(state.getShape().getShape(), expected)) {
            throw in.error(name, "expected shape (D*num_layers, N, H) = " + new Shape(expected)
                    + ", got " + state.getShape());
        }
        return state;
    }

    Map<String, Tensor> initialise(String model, long seed, Map<String, Tensor> hyperParameters) {
        ModelInputs hp = new ModelInputs(model, hyperParameters);
        InitialParameters p = new InitialParameters(seed);
        initialise(p, "", hp.requiredInteger("input_size"), hp.requiredInteger("hidden_size"),
                hp.integer("num_layers", 1), hp.flag("bidirectional", false), hp.flag("bias", true));
        return p.toMap();
    }

    /** Draws PyTorch's default U(-1/sqrt(H), 1/sqrt(H)) for every weight and bias of the stack. */
    void initialise(InitialParameters p, String prefix, long inputSize, long hidden, int layers, boolean bidirectional,
            boolean bias) {
        int directions = bidirectional ? 2 : 1;
        double bound = 1 / Math.sqrt(hidden);
        long g = cell.gates() * hidden;
        for (int k = 0; k < layers; k++) {
            for (int d = 0; d < directions; d++) {
                String suffix = "_l" + k + (d == 1 ? "_reverse" : "");
                p.uniform(prefix + "weight_ih" + suffix, bound, g, k == 0 ? inputSize : directions * hidden)
                        .uniform(prefix + "weight_hh" + suffix, bound, g, hidden);
                if (bias) {
                    p.uniform(prefix + "bias_ih" + suffix, bound, g).uniform(prefix + "bias_hh" + suffix, bound, g);
                }
            }
        }
    }
}
