package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs src/test/python/crosscheck_seq.py (PyTorch) and checks that every sequence model
 * reproduces every case it wrote. PyTorch is a test dependency (bin/setup-os installs it): when it
 * is missing this test fails, it never skips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SequenceModelsCrossCheckTest {

    private static final Path OUT = Path.of("target", "crosscheck", "seq");

    @BeforeAll
    void pytorchWritesItsAnswers() throws IOException, InterruptedException {
        String python = System.getProperty("tensormark.python", "/usr/bin/python3");
        Process p = new ProcessBuilder(python, "src/test/python/crosscheck_seq.py", OUT.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "crosscheck_seq.py failed with " + python
                + " (it needs PyTorch; bin/setup-os installs python3-torch):\n" + log);
    }

    @Test
    void everySequenceModelIsCrossChecked() throws IOException {
        Set<String> written = new TreeSet<>();
        try (Stream<Path> files = Files.list(OUT)) {
            files.forEach(f -> written.add(f.getFileName().toString().replaceFirst("\\.json$", "")));
        }
        Set<String> models = new TreeSet<>();
        SequenceModels.all().forEach(m -> models.add(m.name()));
        assertEquals(models, written);
        for (String name : written) {
            assertTrue(ReferenceModels.byName(name).isPresent(), "no reference model named " + name);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPyTorchCaseIsReproduced() throws IOException {
        List<TorchCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(OUT).sorted()) {
            for (Path f : (Iterable<Path>) files::iterator) {
                cases.addAll(TorchCase.read(f));
            }
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.model() + ": " + c.name(), () -> {
            ReferenceModel model = ReferenceModels.byName(c.model()).orElseThrow();
            assertNull(TorchCase.mismatch(c.expected(), model.compute(c.inputs())), c.model() + " " + c.name());
        }));
    }
}
