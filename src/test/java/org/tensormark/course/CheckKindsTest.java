package org.tensormark.course;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckKindsTest {

    @Test
    void theFourKindsOfTheDesignAreKnownFromTheStart() {
        assertTrue(CheckKinds.known().containsAll(List.of("tensor", "train", "report", "manual")));
        assertFalse(CheckKinds.isKnown("tensr"));
    }

    @Test
    void aRegisteredKindBecomesAcceptableAndABadNameIsRefused() {
        CheckKinds.register("course-test-kind");
        assertTrue(CheckKinds.isKnown("course-test-kind"));
        assertThrows(IllegalArgumentException.class, () -> CheckKinds.register("Bad Kind"));
        assertThrows(UnsupportedOperationException.class, () -> CheckKinds.known().add("sneaky"));
    }
}
