package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * torch.nn.RNNCell, LSTMCell and GRUCell: one time step of the cell that {@link RecurrentStack}
 * runs over a sequence (the same {@link RecurrentCell#step}), with the cell modules' parameter
 * names ({@code weight_ih}, {@code weight_hh}, {@code bias_ih}, {@code bias_hh}, no layer suffix).
 */
final class RecurrentCellStep implements ReferenceModel {

    private final RecurrentModel cell;

    RecurrentCellStep(RecurrentModel cell) {
        this.cell = cell;
    }

    @Override
    public String name() {
        return cell.name() + "_cell";
    }

    @Override
    public String description() {
        return "one step of " + cell.name() + " (torch.nn." + torchName() + ")";
    }

    private String torchName() {
        return switch (cell.gates()) {
            case 4 -> "LSTMCell";
            case 3 -> "GRUCell";
            default -> "RNNCell";
        };
    }

    @Override
    public List<Param> inputs() {
        List<Param> p = new ArrayList<>(List.of(
                new Param("input", "(N, H_in) | (H_in)", "one time step of the batch", true),
                new Param("hx", "(N, H) | (H)", "hidden state, zeros by default", false)));
        if (cell.hasCellState()) {
            p.add(new Param("cx", "(N, H) | (H)", "cell state, zeros by default", false));
        }
        p.addAll(RecurrentStack.parameters("", "", "G*H", "H_in"));
        return List.copyOf(p);
    }

    @Override
    public List<String> outputs() {
        return cell.hasCellState() ? List.of("h_1", "c_1") : List.of("h_1");
    }

    @Override
    public Map<String, Tensor> compute(Map<String, Tensor> inputs) {
        try (ComputeScope scope = new ComputeScope(name(), inputs, "input")) {
            ModelInputs in = scope.inputs();
            Tensor x = in.required("input");
            if (x.rank() != 1 && x.rank() != 2) {
                throw in.error("input", "expected (N, H_in) or (H_in), got " + x.shapeText());
            }
            boolean batched = x.rank() == 2;
            NDArray input = scope.array("input", "(N, H_in)", x.shape());
            input = batched ? input : input.expandDims(0);
            long batch = input.getShape().get(0);
            long hidden = hiddenSize(in);
            long g = cell.gates() * hidden;
            NDArray wih = scope.array("weight_ih", "(G*H, H_in)", g, input.getShape().get(1));
            NDArray whh = scope.array("weight_hh", "(G*H, H)", g, hidden);
            NDArray bih = scope.optionalArray("bias_ih", "(G*H,)", g).orElseGet(() -> scope.zeros(g));
            NDArray bhh = scope.optionalArray("bias_hh", "(G*H,)", g).orElseGet(() -> scope.zeros(g));
            NDList state = new NDList(state(scope, "hx", batched, batch, hidden));
            if (cell.hasCellState()) {
                state.add(state(scope, "cx", batched, batch, hidden));
            }
            NDList next = cell.step(input.matMul(wih.transpose()).add(bih), state, whh, bhh);
            scope.put("h_1", batched ? next.get(0) : next.get(0).squeeze(0));
            if (cell.hasCellState()) {
                scope.put("c_1", batched ? next.get(1) : next.get(1).squeeze(0));
            }
            return scope.outputs();
        }
    }

    /** H, read from the hidden weights, which must be (G*H, H). */
    private long hiddenSize(ModelInputs in) {
        long[] shape = in.required("weight_hh").shape();
        if (shape.length != 2 || shape[1] < 1 || shape[0] != cell.gates() * shape[1]) {
            throw in.error("weight_hh", "expected shape (G*H, H) = (" + cell.gates() + "*H, H), got "
                    + in.required("weight_hh").shapeText());
        }
        return shape[1];
    }

    private static NDArray state(ComputeScope scope, String name, boolean batched, long batch, long hidden) {
        if (!scope.inputs().has(name)) {
            return scope.zeros(batch, hidden);
        }
        return batched ? scope.array(name, "(N, H)", batch, hidden)
                : scope.array(name, "(H)", hidden).expandDims(0);
    }

    /** Hyper-parameters input_size, hidden_size, bias: PyTorch's U(-1/sqrt(H), 1/sqrt(H)) for every parameter. */
    @Override
    public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
        ModelInputs hp = new ModelInputs(name(), hyperParameters);
        long hidden = hp.requiredInteger("hidden_size");
        long g = cell.gates() * hidden;
        double bound = 1 / Math.sqrt(hidden);
        InitialParameters p = new InitialParameters(seed)
                .uniform("weight_ih", bound, g, hp.requiredInteger("input_size"))
                .uniform("weight_hh", bound, g, hidden);
        if (hp.flag("bias", true)) {
            p.uniform("bias_ih", bound, g).uniform("bias_hh", bound, g);
        }
        return p.toMap();
    }
}
