package org.tensormark.grading;

import static org.tensormark.grading.TrainCheck.cast;
import static org.tensormark.grading.TrainCheck.firstLine;
import static org.tensormark.grading.TrainCheck.number;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensormark.course.CheckSpec;
import org.tensormark.reference.AutoencoderTrainer;
import org.tensormark.tensor.Tensor;

/**
 * A {@code train} check with {@code metric: reconstruction}: the hand-in's
 * {@code train_autoencoder(X, budget_seconds)} learns from generated unlabelled points inside the
 * sandbox ({@link ManifoldData}), then {@code reconstruct(model, X_test)} returns its
 * reconstruction of held-out points. Their mean squared error is measured outside against the DJL
 * reference autoencoder trained on the same data (once per assignment version and check): full
 * points at or below {@code full_marks_at} × the reference's error, none at or above
 * {@code zero_at} ×, linear in between; both figures shown.
 *
 * <pre>
 * - id: autoencoder-training
 *   kind: train
 *   metric: reconstruction
 *   points: 5
 *   dataset: manifold
 *   seed: 41
 *   n_train: 600
 *   n_test: 400
 *   noise: 0.02
 *   budget_seconds: 30
 *   reference: {hidden: [16], code: 2, epochs: 500, lr: 0.01}
 *   full_marks_at: 2.0
 *   zero_at: 10.0
 * </pre>
 */
final class ReconstructionTraining {

    /** What scoring needs: the held-out points and the reference's error on them. */
    record Prepared(String reconstructCall, Tensor testPoints, double referenceError) {
    }

    private ReconstructionTraining() {
    }

    static boolean declaredBy(CheckSpec check) {
        return "reconstruction".equals(check.params().get("metric"));
    }

    static Prepared prepare(CheckSpec check, JobPlan plan, GradingContext context) {
        Map<String, Object> p = check.params();
        String dataset = String.valueOf(p.getOrDefault("dataset", "manifold"));
        if (!dataset.equals("manifold")) {
            throw new IllegalArgumentException("unknown dataset '" + dataset + "' for metric reconstruction (manifold)");
        }
        long seed = number(p, "seed", 1).longValue();
        ManifoldData.Split data = ManifoldData.generate(number(p, "n_train", 600).intValue(),
                number(p, "n_test", 400).intValue(), number(p, "noise", 0.02).doubleValue(), seed);
        Map<String, Object> ref = p.get("reference") instanceof Map<?, ?> m ? cast(m) : Map.of();
        int hidden = ref.get("hidden") instanceof List<?> l && !l.isEmpty() ? ((Number) l.get(0)).intValue() : 16;
        int code = number(ref, "code", 2).intValue();
        int epochs = number(ref, "epochs", 500).intValue();
        double lr = number(ref, "lr", 0.01).doubleValue();
        double referenceError = context.references().accuracy(context.referenceKey(check, "reconstruction mse seed " + seed),
                () -> AutoencoderTrainer.reconstructionError(data.train(), data.test(), hidden, code, epochs, lr, seed));
        String id = check.id();
        plan.input(id + "__X", data.train());
        plan.input(id + "__X_test", data.test());
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("id", id + "__train");
        fit.put("target", String.valueOf(p.getOrDefault("train", "train_autoencoder")));
        fit.put("args", List.of(Map.of("array", id + "__X"), Map.of("value", number(p, "budget_seconds", 20))));
        fit.put("seed", seed);
        fit.put("store_as", id + "_model");
        plan.call(fit);
        Map<String, Object> reconstruct = new LinkedHashMap<>();
        reconstruct.put("id", id + "__reconstruct");
        reconstruct.put("target", String.valueOf(p.getOrDefault("predict", "reconstruct")));
        reconstruct.put("args", List.of(Map.of("ref", id + "_model"), Map.of("array", id + "__X_test")));
        reconstruct.put("seed", seed);
        reconstruct.put("output", id + "__reconstruct");
        plan.call(reconstruct);
        return new Prepared(id + "__reconstruct", data.test(), referenceError);
    }

    static CheckOutcome score(CheckSpec check, Prepared p, JobResults results, String kind) {
        String visibility = check.visibility().toString().toLowerCase(Locale.ROOT);
        JobResults.CallOutput out = results.output(p.reconstructCall());
        Tensor reconstructed = out.ok() ? out.arrays().getOrDefault("result", null) : null;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("referenceError", p.referenceError());
        if (reconstructed == null || !java.util.Arrays.equals(reconstructed.shape(), p.testPoints().shape())) {
            String why = !out.ok() ? out.error() : "reconstruct() must return one reconstruction per test point, shape "
                    + p.testPoints().shapeText() + ", got " + (reconstructed == null ? "nothing" : "shape "
                    + reconstructed.shapeText());
            details.put("error", why);
            return new CheckOutcome(check.id(), kind, visibility, 0, check.points(), CheckOutcome.Status.FAILED,
                    "No usable reconstructions: " + firstLine(why), details);
        }
        double error = meanSquaredError(reconstructed.values(), p.testPoints().values());
        double full = number(check.params(), "full_marks_at", 2.0).doubleValue();
        double zero = number(check.params(), "zero_at", 10.0).doubleValue();
        double ratio = p.referenceError() <= 0 ? Double.POSITIVE_INFINITY : error / p.referenceError();
        double share = Double.isNaN(error) ? 0 : Math.max(0, Math.min(1, (zero - ratio) / (zero - full)));
        details.put("reconstructionError", error);
        details.put("fullMarksAt", full * p.referenceError());
        details.put("zeroAt", zero * p.referenceError());
        CheckOutcome.Status status = share >= 1 ? CheckOutcome.Status.PASSED
                : share <= 0 ? CheckOutcome.Status.FAILED : CheckOutcome.Status.PARTIAL;
        String summary = String.format(Locale.ROOT, "held-out reconstruction error (MSE) %.3g (reference autoencoder"
                + " %.3g; full marks up to %.3g, none from %.3g)", error, p.referenceError(), full * p.referenceError(),
                zero * p.referenceError());
        return new CheckOutcome(check.id(), kind, visibility, check.points() * share, check.points(), status, summary,
                details);
    }

    private static double meanSquaredError(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum / a.length;
    }
}
