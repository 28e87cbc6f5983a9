package org.tensormark.client;

import java.util.Map;

/**
 * Why a client command failed, as one line for stderr and an exit code: 1 when the server or the
 * network said no, 2 when the command line itself was wrong.
 */
final class ClientFailure extends RuntimeException {

    private final int exitCode;

    ClientFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    static ClientFailure usage(String message) {
        return new ClientFailure(2, message);
    }

    /** A refusal by the server: its status and its sentence, with what to do about a 401. */
    static ClientFailure of(int status, String body) {
        String message = null;
        try {
            if (Json.parse(body) instanceof Map<?, ?> m && m.get("message") != null) {
                message = String.valueOf(m.get("message"));
            }
        } catch (RuntimeException notJson) {
            message = body == null || body.isBlank() ? null : body.strip().lines().findFirst().orElse(null);
        }
        if (status == 401) {
            return new ClientFailure(1, "401: token expired or revoked — run tensormark login");
        }
        return new ClientFailure(1, status + ": " + (message == null ? "the server refused the request" : message));
    }
}
