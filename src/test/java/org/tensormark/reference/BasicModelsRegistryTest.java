package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BasicModelsRegistryTest {

    @Test
    void everyModelNameIsUniqueAcrossTheWholeRegistry() {
        List<String> names = ReferenceModels.all().stream().map(ReferenceModel::name).toList();
        assertEquals(names.size(), new HashSet<>(names).size(), "duplicate model names in " + names);
    }

    @Test
    void everyBasicModelIsRegisteredAndDescribesItsInputsAndOutputs() {
        assertEquals(42, BasicModels.all().size());
        for (ReferenceModel model : BasicModels.all()) {
            assertEquals(model.description(), ReferenceModels.byName(model.name()).orElseThrow().description());
            assertFalse(model.description().isBlank(), model.name());
            assertFalse(model.outputs().isEmpty(), model.name());
            assertTrue(model.inputs().stream().anyMatch(ReferenceModel.Param::required), model.name());
            Set<String> inputNames = new HashSet<>();
            model.inputs().forEach(p -> assertTrue(inputNames.add(p.name()), model.name() + " repeats " + p.name()));
            assertTrue(model.name().matches("[a-z0-9_]+"), model.name());
        }
    }
}
