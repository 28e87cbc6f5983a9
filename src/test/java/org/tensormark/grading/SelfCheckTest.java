package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The self-check a starting worker grades: its shipped solution and report get full marks through
 * the real sandbox, grading image, harness, references and training, and it leaves nothing in the jobs folder.
 */
@QuarkusTest
class SelfCheckTest {

    @Inject
    SelfCheck selfCheck;

    @Inject
    JobsRoot jobsRoot;

    @Test
    void theShippedSolutionGetsFullMarksAndLeavesNoJobBehind() throws Exception {
        long before = entries();

        SelfCheck.Result result = selfCheck.run();

        assertEquals(5.0, result.maxPoints(), "softmax 2, relu 1 (hidden), xor-training 1, report 1");
        assertTrue(result.fullMarks(), "the self-check's own solution scored " + result.points());
        assertEquals(before, entries(), "the self-check's staging and job directories are gone");
    }

    private long entries() throws Exception {
        if (!Files.isDirectory(jobsRoot.path())) { // made by the first job of this test run
            return 0;
        }
        try (Stream<java.nio.file.Path> s = Files.list(jobsRoot.path())) {
            return s.count();
        }
    }
}
