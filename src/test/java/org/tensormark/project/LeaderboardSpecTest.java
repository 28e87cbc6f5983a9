package org.tensormark.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The leaderboard's declaration, its generated data, its metrics and the predictions file, without a server. */
class LeaderboardSpecTest {

    @SuppressWarnings("unchecked")
    private static LeaderboardSpec project() throws IOException {
        Map<String, Object> yaml = new YAMLMapper().readValue(Path.of("assignments/project/assignment.yaml").toFile(),
                Map.class);
        return LeaderboardSpec.from((Map<String, Object>) yaml.get("leaderboard"));
    }

    @Test
    void theProjectDeclaresAMacroF1LeaderboardWhoseDataIsTheSameEveryTime() throws IOException {
        LeaderboardSpec spec = project();
        assertEquals(LeaderboardMetric.MACRO_F1, spec.metric());
        assertEquals(3, spec.entriesPerDay());
        HeldOutSet once = HeldOutSet.of(spec);
        HeldOutSet again = HeldOutSet.of(spec);
        assertEquals(once.inputsCsv(), again.inputsCsv());
        assertEquals(once.truth(), again.truth());
        assertEquals(160, once.truth().values().stream().filter(HeldOutSet.Truth::isPublic).count());
        assertEquals("id,x1,x2,x3,x4,x5,x6", once.inputsCsv().lines().findFirst().orElseThrow());
        assertEquals(801, once.trainCsv().lines().count());
    }

    @Test
    void theProjectTakesPredictFunctionsWithASmallWeightsFileAsWellAsCsvs() throws IOException {
        LeaderboardSpec spec = project();
        assertEquals(Set.of(LeaderboardSpec.EntryKind.CSV, LeaderboardSpec.EntryKind.PREDICT), spec.kinds());
        assertEquals(60, spec.predictSeconds());
        assertEquals(5120, spec.weightsMaxKb());
    }

    @Test
    void aLeaderboardTakesCsvsOnlyUnlessItsEntryKindsSayOtherwise() {
        LeaderboardSpec plain = LeaderboardSpec.from(Map.of("seed", 1));
        assertTrue(plain.allows(LeaderboardSpec.EntryKind.CSV));
        assertFalse(plain.allows(LeaderboardSpec.EntryKind.PREDICT));
        assertEquals(0, plain.weightsMaxKb());
        LeaderboardSpec predictOnly = LeaderboardSpec.from(Map.of("seed", 1, "entry_kinds", List.of("predict")));
        assertFalse(predictOnly.allows(LeaderboardSpec.EntryKind.CSV));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LeaderboardSpec.from(Map.of("seed", 1,
                "entry_kinds", List.of("csv", "notebook")))).getMessage()
                .contains("leaderboard.entry_kinds lists csv, predict or both, not 'notebook'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LeaderboardSpec.from(Map.of("seed", 1,
                "predict_seconds", 0))).getMessage().contains("leaderboard.predict_seconds must be a whole number from 1"));
    }

    @Test
    void predictedLabelsAreOnePerRowAndEachAClassNumber() {
        Set<String> ids = new java.util.LinkedHashSet<>(List.of("t0", "t1", "t2"));
        assertEquals(Map.of("t0", "2", "t1", "0", "t2", "1"),
                PredictedLabels.read(new long[] {3, 1}, new double[] {2, 0, 1.0}, ids, 3));
        assertEquals("predict returned an array of shape (3, 2); it must return one label per row of inputs, shape (3,).",
                assertThrows(IllegalArgumentException.class, () -> PredictedLabels.read(new long[] {3, 2},
                        new double[6], ids, 3)).getMessage());
        assertEquals("predict returned 3 for row 1 (t1); a label is a whole number from 0 to 2.",
                assertThrows(IllegalArgumentException.class, () -> PredictedLabels.read(new long[] {3},
                        new double[] {0, 3, 1}, ids, 3)).getMessage());
        assertEquals("predict returned NaN for row 0 (t0); a label is a whole number from 0 to 2.",
                assertThrows(IllegalArgumentException.class, () -> PredictedLabels.read(new long[] {3},
                        new double[] {Double.NaN, 0, 1}, ids, 3)).getMessage());
    }

    @Test
    void aWrongFieldIsAnErrorNamingIt() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LeaderboardSpec.from(Map.of("seed", 1,
                "metric", "auc"))).getMessage().contains("leaderboard.metric must be accuracy or macro_f1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LeaderboardSpec.from(Map.of("size", 30)))
                .getMessage().contains("leaderboard.seed is required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LeaderboardSpec.from(Map.of("seed", 1,
                "labels", "x.csv"))).getMessage().contains("leaderboard.labels is not a leaderboard field"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LeaderboardSpec.from(Map.of("seed", 1,
                "public_fraction", 1.0))).getMessage().contains("leaderboard.public_fraction must be a number from 0.1"));
    }

    @Test
    void macroF1AveragesEachTrueClassesF1WhileAccuracyCountsRightRows() {
        List<String> truth = List.of("a", "a", "a", "b");
        List<String> said = List.of("a", "a", "a", "a");
        assertEquals(0.75, LeaderboardMetric.ACCURACY.score(truth, said));
        assertEquals((2 * 3.0 / (2 * 3 + 1)) / 2, LeaderboardMetric.MACRO_F1.score(truth, said), 1e-12);
    }

    @Test
    void aPredictionsFileMustPredictEveryHeldOutIdOnceAndNothingElse() {
        Set<String> ids = Set.of("t1", "t2");
        assertEquals(Map.of("t1", "0", "t2", "1"), Predictions.read("id,prediction\r\nt1,0\r\nt2, 1\r\n", ids));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Predictions.read("id,label\nt1,0\nt2,1", ids))
                .getMessage().contains("header 'id,prediction'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Predictions.read("id,prediction\nt1,0\nt1,1", ids))
                .getMessage().contains("Line 3: 't1' is predicted twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Predictions.read("id,prediction\nt1,0\nt9,1", ids))
                .getMessage().contains("Line 3: 't9' is not a held-out id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Predictions.read("id,prediction\nt1,0", ids))
                .getMessage().contains("1 of 2 ids"));
    }
}
