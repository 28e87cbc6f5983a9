package org.tensormark.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandoutModelTest {

    @Test
    void aCheckWithoutReferencesDeclaresNone() {
        assertTrue(HandoutModel.read(null).isEmpty());
    }

    @Test
    void aDeclarationReadsTheHandoutsHyperParametersWithTheHandoutsDefaults() {
        HandoutModel m = HandoutModel.read(Map.of("acc", Map.of("data", "data/a.csv", "classes", List.of("x", "y"),
                "hidden", List.of(128, 128, 128)))).get(0);
        assertEquals("acc", m.name());
        assertEquals(new HandoutModel.Training(List.of(128, 128, 128), 0.2, 0.001, 256, 100, 3), m.training());
        assertEquals(3, m.seeds());
    }

    @Test
    void aSettingOfTheWrongTypeIsRefusedNamingItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HandoutModel.read(Map.of("acc",
                Map.of("data", "data/a.csv", "classes", List.of("x"), "hidden", List.of(8), "lr", "fast"))));
        assertEquals("references.acc.lr must be a number, not 'fast'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HandoutModel.read(Map.of("acc", Map.of("classes", List.of("x"),
                "hidden", List.of(8)))));
        assertEquals("references.acc.data is missing", e.getMessage());
    }
}
