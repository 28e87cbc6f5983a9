package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerCredentialTest {

    @Test
    void onlyTheExactCredentialIsAccepted() {
        WorkerCredential credential = new WorkerCredential(Optional.of("s3cret-worker"));

        assertTrue(credential.accepts("s3cret-worker"));
        assertFalse(credential.accepts("s3cret-worke"));
        assertFalse(credential.accepts("s3cret-workerX"));
        assertFalse(credential.accepts(null));
    }

    @Test
    void aServerWithoutACredentialAcceptsNothingNotEvenAnEmptyOne() {
        WorkerCredential none = new WorkerCredential(Optional.of(" "));

        assertFalse(none.configured());
        assertFalse(none.accepts(" "));
        assertFalse(none.accepts(""));
    }
}
