package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerCredentialTest {

    @Test
    void onlyTheExactCredentialIsAccepted() {
        WorkerCredential credential = new WorkerCredential(Optional.of("s3cret-worker-credential"));

        assertTrue(credential.accepts("s3cret-worker-credential"));
        assertFalse(credential.accepts("s3cret-worker-credentia"));
        assertFalse(credential.accepts("s3cret-worker-credentialX"));
        assertFalse(credential.accepts(null));
    }

    @Test
    void aServerWithoutACredentialAcceptsNothingNotEvenAnEmptyOne() {
        WorkerCredential none = new WorkerCredential(Optional.of(" "));

        assertFalse(none.configured());
        assertFalse(none.accepts(" "));
        assertFalse(none.accepts(""));
    }

    @Test
    void aShortOrPlaceholderCredentialFailsTheStartNamingTheKey() {
        for (String weak : new String[] {"short", "change-me", "change-me-but-longer-than-16"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WorkerCredential(Optional.of(weak)));
            assertTrue(e.getMessage().contains("tensormark.worker.credential"), e.getMessage());
        }
    }
}
