package org.tensormark.identity;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

/**
 * The {@code tm_session} cookie: HttpOnly and SameSite=Strict always, {@code Secure} when the
 * request was secure or {@link SessionConfig#secureCookie()} says so.
 */
@ApplicationScoped
class SessionCookies {

    private final SessionConfig config;

    SessionCookies(SessionConfig config) {
        this.config = config;
    }

    /** True for HTTPS; a forwarded scheme counts only when Quarkus trusts the proxy that sent it. */
    static boolean secure(HttpServerRequest request) {
        return request != null && (request.isSSL() || "https".equalsIgnoreCase(request.scheme()));
    }

    NewCookie open(String secret, boolean secureRequest) {
        return cookie(secret, (int) Credentials.SESSION_LIFETIME.toSeconds(), secureRequest);
    }

    NewCookie cleared(boolean secureRequest) {
        return cookie("", 0, secureRequest);
    }

    private NewCookie cookie(String value, int maxAge, boolean secureRequest) {
        return new NewCookie.Builder(SecretAuthenticationMechanism.SESSION_COOKIE)
                .value(value).path("/").httpOnly(true).sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge)
                .secure(secureRequest || config.secureCookie()).build();
    }
}
