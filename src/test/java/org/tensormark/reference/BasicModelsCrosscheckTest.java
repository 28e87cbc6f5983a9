package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tensormark.tensor.Tensor;

class BasicModelsCrosscheckTest {

    @Test
    void everyBasicModelMatchesPytorchOnEveryCase() throws Exception {
        List<BasicCrosscheckCases.Case> cases = BasicCrosscheckCases.all();
        List<String> failures = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        Map<String, Double> worst = new TreeMap<>();
        Map<String, String> worstCase = new TreeMap<>();
        for (BasicCrosscheckCases.Case c : cases) {
            ReferenceModel model = ReferenceModels.byName(c.model()).orElseThrow();
            Map<String, Tensor> actual;
            try {
                actual = model.compute(c.inputs());
            } catch (RuntimeException e) {
                failures.add(c.label() + ": " + e);
                continue;
            }
            for (Map.Entry<String, Tensor> expected : c.outputs().entrySet()) {
                String problem = Tolerance.compare(expected.getValue(), actual.get(expected.getKey()));
                if (problem != null) {
                    failures.add(c.label() + " output " + expected.getKey() + ": " + problem);
                    continue;
                }
                String dtype = expected.getValue().dtype().numpyName();
                double usage = Tolerance.usage(expected.getValue(), actual.get(expected.getKey()));
                if (usage >= worst.getOrDefault(dtype, 0.0)) {
                    worst.put(dtype, usage);
                    worstCase.put(dtype, c.label() + " " + expected.getKey());
                }
            }
            covered.add(c.model());
        }
        failures.forEach(System.out::println);
        worst.forEach((dtype, usage) -> System.out.printf("crosscheck %s: %d cases, worst error %.3g of tolerance (%s)%n",
                dtype, cases.size(), usage, worstCase.get(dtype)));
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " mismatches");
        Set<String> all = new TreeSet<>();
        BasicModels.all().forEach(m -> all.add(m.name()));
        assertEquals(all, covered);
        assertTrue(cases.size() > 500, "expected several cases per model, got " + cases.size());
    }

    @Test
    void comparisonRejectsAWrongValueDtypeOrShape() {
        Tensor expected = Tensor.of(org.tensormark.tensor.DType.FLOAT32, new long[] {2}, 1.0, 2.0);
        assertEquals(null, Tolerance.compare(expected, expected));
        assertTrue(Tolerance.compare(expected, Tensor.of(expected.dtype(), new long[] {2}, 1.0, 2.001)) != null);
        assertTrue(Tolerance.compare(expected, Tensor.of(org.tensormark.tensor.DType.FLOAT64, new long[] {2}, 1.0, 2.0)) != null);
        assertTrue(Tolerance.compare(expected, Tensor.of(expected.dtype(), new long[] {1, 2}, 1.0, 2.0)) != null);
        assertArrayEquals(new long[] {2}, expected.shape());
    }
}
