package org.tensormark.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The expected values were printed by scikit-learn 1.4.2 and NumPy 2.2.4 in the course image. */
class StratifiedSplitTest {

    private static final Path DATA = Path.of("assignments/sc4001-part-a/data/audio_gtzan.csv");

    @Test
    void aLegacyPermutationIsNumpysForTheSameSeed() {
        assertArrayEquals(new int[] {2, 8, 4, 9, 1, 6, 7, 3, 0, 5}, new LegacyRandom(0).permutation(10));
        assertArrayEquals(new int[] {13, 8, 16, 3, 15, 12, 0, 10, 7, 11, 6, 17, 19, 18, 14, 9, 4, 1, 5, 2},
                new LegacyRandom(12345).permutation(20));
    }

    @Test
    void tiesAmongClassRemaindersAreBrokenAsScikitLearnBreaksThem() {
        int[] threeEqualClasses = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
        StratifiedSplit seed0 = StratifiedSplit.of(threeEqualClasses, 0.5, 0);
        assertArrayEquals(new int[] {11, 6, 8, 13, 2, 4, 12}, seed0.train());
        assertArrayEquals(new int[] {0, 7, 14, 10, 9, 5, 3, 1}, seed0.test());
        StratifiedSplit seed7 = StratifiedSplit.of(threeEqualClasses, 0.5, 7);
        assertArrayEquals(new int[] {1, 13, 8, 9, 14, 11, 2}, seed7.train());
        assertArrayEquals(new int[] {3, 12, 4, 5, 0, 10, 6, 7}, seed7.test());
        StratifiedSplit uneven = StratifiedSplit.of(new int[] {1, 0, 2, 0, 1, 2, 2, 0, 1, 1, 0, 2, 1, 0, 0, 2, 1}, 0.3, 42);
        assertArrayEquals(new int[] {1, 11, 4, 5, 7, 3, 9, 0, 14, 2, 8}, uneven.train());
        assertArrayEquals(new int[] {6, 16, 10, 13, 15, 12}, uneven.test());
    }

    @Test
    void thePartAHandoutSplitPicksTheRowsTheStudentsNotebooksPick() throws Exception {
        LabelledTable table = LabelledTable.read(DATA, "filename", List.of("blues", "metal"));
        StratifiedSplit split = StratifiedSplit.of(table.y(), 0.3, 0);
        assertEquals(1399, split.train().length);
        assertEquals(600, split.test().length);
        assertArrayEquals(new int[] {160, 17, 569, 1084, 1272}, Arrays.copyOf(split.train(), 5));
        assertArrayEquals(new int[] {1291, 772, 383, 1244, 1914}, Arrays.copyOf(split.test(), 5));
        String all = joined(split.train()) + "|" + joined(split.test());
        assertEquals("cde0512569b8bb4e219f610022ef2bb2bc8ce1f523d15950a102dfd6e12b6000",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aTableReadsTheClassFromTheFileNamePrefixAndEveryOtherColumnAsAFeature() {
        LabelledTable table = LabelledTable.read(DATA, "filename", List.of("blues", "metal"));
        assertEquals(1999, table.x().length);
        assertEquals(57, table.x()[0].length);
        assertEquals(999, Arrays.stream(table.y()).sum());
    }

    private static String joined(int[] values) {
        return Arrays.stream(values).mapToObj(String::valueOf).collect(Collectors.joining(","));
    }
}
