package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.course.CheckSpec;
import org.tensormark.reference.RecurrentClassifierTrainer;
import org.tensormark.tensor.Tensor;

/**
 * The {@code train} check: the hand-in's {@code train(X, y, budget_seconds)} learns from a
 * generated training set inside the sandbox, then {@code predict(model, X_test)} labels held-out
 * points whose labels never enter the sandbox. Its accuracy is measured outside against the DJL
 * reference model trained on the same data (once per assignment version and check, see
 * {@link ReferenceStore}); full points at {@code full_marks_at} × the
 * reference's accuracy, none at or below {@code zero_at} ×, linear in between; both figures shown.
 * The reference is a tanh MLP on the flattened inputs, or, with {@code reference.model} {@code lstm},
 * {@code gru} or {@code rnn}, a recurrent classifier on sequences (n, L, F) such as the
 * {@code adding} set ({@link RecurrentClassifierTrainer}). With {@code metric: reconstruction} the
 * check grades an autoencoder instead ({@link ReconstructionTraining}).
 *
 * <pre>
 * - id: xor
 *   kind: train
 *   points: 5
 *   dataset: xor            # xor | spirals | blobs | shapes | adding
 *   seed: 7
 *   n_train: 200
 *   n_test: 400
 *   noise: 0.05
 *   budget_seconds: 20
 *   reference: {hidden: [16], epochs: 500, lr: 0.5}
 *   full_marks_at: 0.95
 *   zero_at: 0.6
 * </pre>
 */
@ApplicationScoped
class TrainCheck implements GraderKind {

    /** What scoring needs: the held-out labels and the reference's accuracy. */
    record Prepared(String predictCall, Tensor testLabels, double referenceAccuracy) {
    }

    @Override
    public String name() {
        return "train";
    }

    @Override
    public Object prepare(CheckSpec check, JobPlan plan, GradingContext context) {
        if (ReconstructionTraining.declaredBy(check)) {
            return ReconstructionTraining.prepare(check, plan, context);
        }
        Map<String, Object> p = check.params();
        String dataset = String.valueOf(p.getOrDefault("dataset", "xor"));
        long seed = number(p, "seed", 1).longValue();
        double noise = number(p, "noise", 0.05).doubleValue();
        Datasets.Labelled train = Datasets.generate(dataset, number(p, "n_train", 200).intValue(), noise, seed);
        Datasets.Labelled test = Datasets.generate(dataset, number(p, "n_test", 400).intValue(), noise, seed + 7919);
        Map<String, Object> ref = p.get("reference") instanceof Map<?, ?> m ? cast(m) : Map.of();
        List<Integer> hidden = ref.get("hidden") instanceof List<?> l ? l.stream().map(v -> ((Number) v).intValue()).toList()
                : List.of(16);
        int epochs = number(ref, "epochs", 500).intValue();
        double lr = number(ref, "lr", 0.5).doubleValue();
        String model = String.valueOf(ref.getOrDefault("model", "mlp"));
        double referenceAccuracy = context.references().accuracy(context.referenceKey(check, "accuracy seed " + seed),
                () -> model.equals("mlp") ? ReferenceTrainer.accuracy(train, test, hidden, epochs, lr, seed)
                        : RecurrentClassifierTrainer.accuracy(train.x(), train.y(), test.x(), test.y(), model,
                                hidden.get(0), epochs, lr, seed));
        String id = check.id();
        plan.input(id + "__X", train.x());
        plan.input(id + "__y", train.y());
        plan.input(id + "__X_test", test.x());
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("id", id + "__train");
        fit.put("target", String.valueOf(p.getOrDefault("train", "train")));
        fit.put("args", List.of(Map.of("array", id + "__X"), Map.of("array", id + "__y"),
                Map.of("value", number(p, "budget_seconds", 20))));
        fit.put("seed", seed);
        fit.put("store_as", id + "_model");
        plan.call(fit);
        Map<String, Object> predict = new LinkedHashMap<>();
        predict.put("id", id + "__predict");
        predict.put("target", String.valueOf(p.getOrDefault("predict", "predict")));
        predict.put("args", List.of(Map.of("ref", id + "_model"), Map.of("array", id + "__X_test")));
        predict.put("seed", seed);
        predict.put("output", id + "__predict");
        plan.call(predict);
        return new Prepared(id + "__predict", test.y(), referenceAccuracy);
    }

    @Override
    public CheckOutcome score(CheckSpec check, Object prepared, JobResults results, GradingContext context) {
        if (prepared instanceof ReconstructionTraining.Prepared reconstruction) {
            return ReconstructionTraining.score(check, reconstruction, results, name());
        }
        Prepared p = (Prepared) prepared;
        String visibility = check.visibility().toString().toLowerCase();
        JobResults.CallOutput out = results.output(p.predictCall());
        Tensor predicted = out.ok() ? out.arrays().getOrDefault("result", null) : null;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("referenceAccuracy", p.referenceAccuracy());
        if (predicted == null || predicted.size() != p.testLabels().size()) {
            String why = !out.ok() ? out.error() : "predict() must return one label per test point ("
                    + p.testLabels().size() + "), got " + (predicted == null ? "nothing" : "shape " + predicted.shapeText());
            details.put("error", why);
            return new CheckOutcome(check.id(), name(), visibility, 0, check.points(), CheckOutcome.Status.FAILED,
                    "No usable predictions: " + firstLine(why), details);
        }
        long right = 0;
        for (int i = 0; i < predicted.size(); i++) {
            right += Math.round(predicted.values()[i]) == Math.round(p.testLabels().values()[i]) ? 1 : 0;
        }
        double accuracy = (double) right / predicted.size();
        double full = number(check.params(), "full_marks_at", 0.95).doubleValue();
        double zero = number(check.params(), "zero_at", 0.6).doubleValue();
        double ratio = p.referenceAccuracy() == 0 ? 0 : accuracy / p.referenceAccuracy();
        double share = Math.max(0, Math.min(1, (ratio - zero) / (full - zero)));
        details.put("accuracy", accuracy);
        details.put("fullMarksAt", full * p.referenceAccuracy());
        details.put("zeroAt", zero * p.referenceAccuracy());
        CheckOutcome.Status status = share >= 1 ? CheckOutcome.Status.PASSED
                : share <= 0 ? CheckOutcome.Status.FAILED : CheckOutcome.Status.PARTIAL;
        String summary = String.format(java.util.Locale.ROOT, "held-out accuracy %.1f %% (reference model %.1f %%;"
                + " full marks from %.1f %%)", 100 * accuracy, 100 * p.referenceAccuracy(), 100 * full * p.referenceAccuracy());
        return new CheckOutcome(check.id(), name(), visibility, check.points() * share, check.points(), status, summary,
                details);
    }

    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static Number number(Map<String, Object> p, String key, Number fallback) {
        return p.get(key) instanceof Number n ? n : fallback;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
