package org.tensormark.reference;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tensormark.tensor.Npz;
import org.tensormark.tensor.NpzLimits;
import org.tensormark.tensor.Tensor;

/**
 * {@code tensormark reference}: lets a TA run a course model of the reference library on an .npz
 * of inputs, or draw its initial parameters, without the server. Exit code 0 on success, 2 for a
 * mistake in the command line or the files (the message says which), 1 for anything else.
 */
public final class ReferenceCommand {

    static final String USAGE = String.join("\n",
            "usage: tensormark reference --list",
            "       tensormark reference <model> [--in inputs.npz] --out outputs.npz",
            "       tensormark reference <model> [--in hyper.npz] --out case.npz --init [--seed N]",
            "  --list    every model with its inputs and outputs",
            "  --init    write the model's initial parameters drawn from --seed (default 0), merged",
            "            with the inputs (inputs given in --in are kept), instead of computing");

    private ReferenceCommand() {
    }

    /** Entry point registered in {@code Commands} as {@code reference}. */
    public static int run(String[] args) throws IOException {
        return run(args, ReferenceModels.all(), System.out, System.err);
    }

    static int run(String[] args, List<ReferenceModel> models, PrintStream out, PrintStream err)
            throws IOException {
        try {
            Options options = Options.parse(args);
            if (options.help()) {
                out.println(USAGE);
                return 0;
            }
            if (options.list()) {
                list(models, out);
                return 0;
            }
            return execute(options, models, out, err);
        } catch (NoSuchFileException e) {
            err.println("tensormark reference: no such file: " + e.getFile());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("tensormark reference: " + e.getMessage());
            return 2;
        }
    }

    private static int execute(Options options, List<ReferenceModel> models, PrintStream out, PrintStream err)
            throws IOException {
        ReferenceModel model = find(options.model(), models);
        Path outDir = options.out().toAbsolutePath().getParent();
        if (!Files.isDirectory(outDir)) {
            throw new IllegalArgumentException("the directory of --out does not exist: " + outDir);
        }
        Map<String, Tensor> inputs = options.in() == null ? Map.of() : readInputs(options.in());
        List<ReferenceModel.Param> expected = model.inputsFor(inputs);
        Map<String, Tensor> result;
        if (options.init()) {
            ReadLog hyperParameters = new ReadLog(inputs);
            result = new LinkedHashMap<>(model.initialise(options.seed(), hyperParameters));
            warnAboutUnreadInputs(model, inputs, expected, hyperParameters.read(), err);
            inputs.keySet().stream().filter(result::containsKey).forEach(name -> err.println(
                    "note: keeping '" + name + "' from " + options.in() + " instead of the initialised one"));
            result.putAll(inputs);
        } else {
            warnAboutUnreadInputs(model, inputs, expected, Set.of(), err);
            requireInputs(model, expected, inputs);
            result = model.compute(inputs);
        }
        Npz.write(options.out(), result);
        out.println("wrote " + options.out() + ": " + result.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().shapeText() + " " + e.getValue().dtype().numpyName())
                .collect(Collectors.joining(", ")));
        return 0;
    }

    private static void list(List<ReferenceModel> models, PrintStream out) {
        if (models.isEmpty()) {
            out.println("no reference models are installed");
            return;
        }
        for (ReferenceModel model : models) {
            out.println(model.name() + " — " + model.description());
            int width = model.inputs().stream().mapToInt(p -> p.name().length()).max().orElse(0);
            int shapeWidth = model.inputs().stream().mapToInt(p -> p.shape().length()).max().orElse(0);
            for (ReferenceModel.Param p : model.inputs()) {
                out.printf("  in   %-" + width + "s  %-" + shapeWidth + "s  %s  %s%n", p.name(), p.shape(),
                        p.required() ? "required" : "optional", p.description());
            }
            out.println("  out  " + String.join(", ", model.outputs()));
        }
        if (models.stream().flatMap(m -> m.inputs().stream()).anyMatch(p -> InputPatterns.isPattern(p.name()))) {
            InputPatterns.LEGEND.forEach(out::println);
        }
    }

    private static ReferenceModel find(String name, List<ReferenceModel> models) {
        for (ReferenceModel model : models) {
            if (model.name().equals(name)) {
                return model;
            }
        }
        List<String> close = models.stream().map(ReferenceModel::name)
                .filter(m -> m.contains(name) || name.contains(m) || distance(m, name) <= 2)
                .sorted(Comparator.comparingInt(m -> distance(m, name))).limit(5).toList();
        throw new IllegalArgumentException("unknown model '" + name + "'"
                + (close.isEmpty() ? "" : "; did you mean: " + String.join(", ", close) + "?")
                + " (tensormark reference --list shows all " + models.size() + ")");
    }

    private static Map<String, Tensor> readInputs(Path in) throws IOException {
        if (!Files.exists(in)) {
            throw new NoSuchFileException(in.toString());
        }
        return Npz.read(in, NpzLimits.DEFAULT);
    }

    private static void requireInputs(ReferenceModel model, List<ReferenceModel.Param> expected,
            Map<String, Tensor> inputs) {
        for (ReferenceModel.Param p : expected) {
            if (p.required() && !inputs.containsKey(p.name())) {
                throw new IllegalArgumentException("model " + model.name() + " needs input '" + p.name()
                        + "' of shape " + p.shape() + (p.description().isEmpty() ? "" : " (" + p.description() + ")"));
            }
        }
    }

    /** Warns about every input neither among {@code expected} nor in {@code alsoRead}. */
    private static void warnAboutUnreadInputs(ReferenceModel model, Map<String, Tensor> inputs,
            List<ReferenceModel.Param> expected, Set<String> alsoRead, PrintStream err) {
        Set<String> known = expected.stream().map(ReferenceModel.Param::name).collect(Collectors.toSet());
        inputs.keySet().stream().filter(name -> !known.contains(name) && !alsoRead.contains(name))
                .forEach(name -> err.println("warning: model " + model.name() + " does not read input '" + name + "'"));
    }

    /** Levenshtein distance, for suggesting the model a TA meant. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    /** The parsed command line. */
    record Options(boolean help, boolean list, String model, Path in, Path out, long seed, boolean init) {

        static Options parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("no model given\n" + USAGE);
            }
            String model = null;
            Path in = null;
            Path out = null;
            Long seed = null;
            boolean init = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> {
                        return new Options(true, false, null, null, null, 0, false);
                    }
                    case "--list" -> {
                        return new Options(false, true, null, null, null, 0, false);
                    }
                    case "--in" -> in = Path.of(value(args, ++i, arg));
                    case "--out" -> out = Path.of(value(args, ++i, arg));
                    case "--seed" -> seed = seed(value(args, ++i, arg));
                    case "--init" -> init = true;
                    default -> {
                        if (arg.startsWith("-") || model != null) {
                            throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
                        }
                        model = arg;
                    }
                }
            }
            return checked(model, in, out, seed, init);
        }

        private static Options checked(String model, Path in, Path out, Long seed, boolean init) {
            if (model == null) {
                throw new IllegalArgumentException("no model given\n" + USAGE);
            }
            if (out == null) {
                throw new IllegalArgumentException("--out <file.npz> is required");
            }
            if (seed != null && !init) {
                throw new IllegalArgumentException("--seed only applies with --init");
            }
            return new Options(false, false, model, in, out, seed == null ? 0 : seed, init);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static long seed(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed needs an integer, got '" + text + "'");
            }
        }
    }
}
