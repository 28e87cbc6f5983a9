package org.tensormark.problem;

/**
 * A problem a user caused, in the domain's words, with a sentence for that user. Domain code
 * throws these; the API edge alone (one exception mapper) decides the HTTP status each kind means,
 * and the command line prints the sentence. Nothing here knows of HTTP.
 */
public abstract sealed class Problem extends RuntimeException {

    Problem(String message) {
        super(message);
    }

    /** The request itself is malformed or names something impossible. */
    public static final class Invalid extends Problem {
        public Invalid(String message) {
            super(message);
        }
    }

    /** Nobody is signed in, or the credentials are wrong, expired or revoked. */
    public static final class Unauthenticated extends Problem {
        public Unauthenticated(String message) {
            super(message);
        }
    }

    /** The caller is known but may not do this. */
    public static final class NotAllowed extends Problem {
        public NotAllowed(String message) {
            super(message);
        }
    }

    /** Nothing the caller can see has this id. */
    public static final class NotFound extends Problem {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The request clashes with the current state (already done, closed, not yet scored). */
    public static final class Conflict extends Problem {
        public Conflict(String message) {
            super(message);
        }
    }

    /** It existed, and was removed on purpose (a hand-in file past its course's retention period). */
    public static final class Gone extends Problem {
        public Gone(String message) {
            super(message);
        }
    }

    /** A file or request is larger than the limit it names. */
    public static final class TooLarge extends Problem {
        public TooLarge(String message) {
            super(message);
        }
    }

    /** Well-formed but refused on its content (an unsafe archive, a file of the wrong kind). */
    public static final class Refused extends Problem {
        public Refused(String message) {
            super(message);
        }
    }

    /** Too many attempts in too short a time (a quota, a login throttle). */
    public static final class TooMany extends Problem {
        public TooMany(String message) {
            super(message);
        }
    }

    public static Invalid invalid(String message) {
        return new Invalid(message);
    }

    public static Unauthenticated unauthenticated(String message) {
        return new Unauthenticated(message);
    }

    public static NotAllowed notAllowed(String message) {
        return new NotAllowed(message);
    }

    public static NotFound notFound(String message) {
        return new NotFound(message);
    }

    public static Conflict conflict(String message) {
        return new Conflict(message);
    }

    public static Gone gone(String message) {
        return new Gone(message);
    }

    public static TooLarge tooLarge(String message) {
        return new TooLarge(message);
    }

    public static Refused refused(String message) {
        return new Refused(message);
    }

    public static TooMany tooMany(String message) {
        return new TooMany(message);
    }
}
