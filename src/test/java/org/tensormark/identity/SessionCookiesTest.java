package org.tensormark.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionCookiesTest {

    @Test
    void theCookieIsSecureOnASecureRequest() {
        SessionCookies cookies = new SessionCookies(() -> false);
        assertTrue(cookies.open("tms_x", true).isSecure());
        assertFalse(cookies.open("tms_x", false).isSecure());
    }

    @Test
    void thePropertyMakesTheCookieSecureEvenOnAPlainRequest() {
        SessionCookies cookies = new SessionCookies(() -> true);
        assertTrue(cookies.open("tms_x", false).isSecure());
        assertTrue(cookies.cleared(false).isSecure(), "the logout cookie that clears it too");
    }

    @Test
    void theCookieIsAlwaysHttpOnlyAndStrict() {
        var cookie = new SessionCookies(() -> true).open("tms_x", true);
        assertTrue(cookie.isHttpOnly());
        assertTrue(cookie.getSameSite() == jakarta.ws.rs.core.NewCookie.SameSite.STRICT);
    }
}
