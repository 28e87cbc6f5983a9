package org.tensormark.privacy;

/**
 * A personal-data request that cannot be served as asked: the account does not exist, or the
 * student still has an open course. The command line prints the sentence; the API answers 404/409.
 */
public final class PrivacyRefusal extends IllegalArgumentException {

    /** Why the request is refused. */
    public enum Kind { NOT_FOUND, CONFLICT }

    private final Kind kind;

    PrivacyRefusal(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
