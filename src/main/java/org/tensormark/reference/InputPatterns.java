package org.tensormark.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensormark.reference.ReferenceModel.Param;
import org.tensormark.tensor.Tensor;

/**
 * The placeholders in documented input names, and their expansion into the names one call reads.
 * {@code prefix.{k}.rest} and {@code prefix.{2k}.rest} name the Linear layers of a Sequential:
 * layer 0 always, then 1, 2, … (or 2, 4, …) for as long as {@code prefix.<k>.weight} is given.
 * Recurrent parameters ({@code _l{k}[_reverse]}) depend on {@code num_layers} and
 * {@code bidirectional}; {@link RecurrentStack} expands those.
 */
final class InputPatterns {

    /** How {@code --list} explains the placeholders. */
    static final List<String> LEGEND = List.of(
            "placeholders in input names:",
            "  _l{k}          one input per recurrent layer, k = 0 … num_layers-1",
            "  [_reverse]     each also with the suffix _reverse when bidirectional is 1",
            "  .{k}. / .{2k}. one input per Linear layer 0, 1, 2, … / 0, 2, 4, … of a Sequential: layer 0,",
            "                 then each next one whose weight is given");

    private static final Pattern SEQUENTIAL = Pattern.compile("(.*\\.)\\{(2?)k\\}(\\..*)");

    private InputPatterns() {
    }

    /** Whether a documented name holds a placeholder. */
    static boolean isPattern(String name) {
        return name.contains("{") || name.contains("[");
    }

    /** {@code params} with every Sequential layer pattern replaced by the layers given in {@code values}. */
    static List<Param> expandSequential(List<Param> params, Map<String, Tensor> values) {
        List<Param> out = new ArrayList<>();
        for (Param p : params) {
            Matcher m = SEQUENTIAL.matcher(p.name());
            if (!m.matches()) {
                out.add(p);
                continue;
            }
            int step = m.group(2).isEmpty() ? 1 : 2;
            for (int k = 0; k == 0 || values.get(m.group(1) + k + ".weight") != null; k += step) {
                out.add(new Param(m.group(1) + k + m.group(3), p.shape(), p.description(), p.required()));
            }
        }
        return List.copyOf(out);
    }
}
