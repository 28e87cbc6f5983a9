package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A progress line shows only names the host put in the job; anything else a job writes is dropped. */
class NotebookStepTest {

    private static final NotebookStep.Names NAMES = new NotebookStep.Names(Set.of("PartA_1"), Set.of("a1-model", "t-a1"));

    @Test
    void aLineOfTheHarnessGivesTheNotebookTheCellAndItsGradeId() {
        assertEquals(Optional.of(new NotebookStep("PartA_1", "cells", 4, 9, 7, "a1-model")), NotebookStep.parse(
                "{\"part\":\"PartA_1\",\"step\":4,\"steps\":9,\"phase\":\"cells\",\"cell\":7,\"grade_id\":\"a1-model\"}", NAMES));
        assertEquals(Optional.of(new NotebookStep("PartA_1", "tests", 9, 9, null, "t-a1")), NotebookStep.parse(
                "{\"part\":\"PartA_1\",\"step\":9,\"steps\":9,\"phase\":\"tests\",\"grade_id\":\"t-a1\"}", NAMES));
    }

    @Test
    void aForgedLineCannotShowTextOfItsOwnChoosing() {
        for (String forged : new String[] {
            "{\"part\":\"Score 20 of 20\",\"step\":1,\"steps\":2,\"phase\":\"cells\"}",
            "{\"part\":\"PartA_1\",\"step\":1,\"steps\":2,\"phase\":\"cells\",\"grade_id\":\"full-marks\"}",
            "{\"part\":\"PartA_1\",\"step\":1,\"steps\":2,\"phase\":\"passed all tests\"}",
            "{\"part\":\"PartA_1\",\"step\":3,\"steps\":2,\"phase\":\"cells\"}",
            "{\"part\":\"PartA_1\",\"step\":1,\"steps\":2,\"phase\":\"cells\",\"cell\":\"20/20\"}",
            "not json", "[1, 2]", "null"}) {
            assertTrue(NotebookStep.parse(forged, NAMES).isEmpty(), forged);
        }
    }
}
