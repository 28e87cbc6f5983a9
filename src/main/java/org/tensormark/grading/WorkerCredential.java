package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The secret shared by the server and its workers ({@code tensormark.worker.credential}), which
 * the internal worker endpoint asks for instead of a user's token. Compared in constant time, so
 * the time an answer takes tells nothing of how much of a guess was right.
 */
@ApplicationScoped
public class WorkerCredential {

    /** The request header that carries the credential. */
    public static final String HEADER = "X-TensorMark-Worker-Credential";

    private static final int MINIMUM_LENGTH = 16;

    private final Optional<byte[]> secret;

    @Inject
    WorkerCredential(WorkerConfig config) {
        this(config.credential());
    }

    /** A set credential must be a real secret: 16 characters or more, never the compose file's placeholder. */
    WorkerCredential(Optional<String> secret) {
        Optional<String> set = secret.filter(s -> !s.isBlank());
        if (set.isPresent() && (set.get().length() < MINIMUM_LENGTH || set.get().startsWith("change-me"))) {
            throw new IllegalArgumentException("tensormark.worker.credential must be a random secret of at least "
                    + MINIMUM_LENGTH + " characters (not a placeholder such as change-me); it opens every hand-in file");
        }
        this.secret = set.map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this server has a credential at all; without one it has no worker endpoint. */
    public boolean configured() {
        return secret.isPresent();
    }

    /** Whether {@code presented} is the configured credential; always false when none is configured. */
    public boolean accepts(String presented) {
        return presented != null && secret.isPresent()
                && MessageDigest.isEqual(secret.get(), presented.getBytes(StandardCharsets.UTF_8));
    }
}
