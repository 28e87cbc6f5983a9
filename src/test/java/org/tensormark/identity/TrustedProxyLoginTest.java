package org.tensormark.identity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a proxy the server trusts, the forwarded client address and scheme are the ones that count. */
@QuarkusTest
@TestProfile(TrustedProxyLoginTest.BehindTrustedProxy.class)
class TrustedProxyLoginTest {

    /** The test client stands for a TLS proxy the server trusts. */
    public static class BehindTrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @Test
    void httpsForwardedByATrustedProxyMakesTheSessionCookieSecure() {
        Response secure = io.restassured.RestAssured.given().header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-For", "198.51.100.10").contentType(ContentType.JSON)
                .body(Map.of("username", "bob", "password", "bob-demo")).post("/api/auth/login");
        secure.then().statusCode(200);
        assertThat(secure.header("Set-Cookie").toLowerCase(), containsString("secure"));
        Response plain = LoginLockTest.login("bob", "bob-demo", "198.51.100.10");
        assertThat(plain.header("Set-Cookie").toLowerCase(), not(containsString("secure")));
    }

    @Test
    void eachForwardedClientAddressIsLockedOnItsOwn() {
        for (int i = 1; i < 20; i++) {
            LoginLockTest.login("guest" + i, "guess", "203.0.113.7").then().statusCode(401);
        }
        Response locked = LoginLockTest.login("guest20", "guess", "203.0.113.7");
        assertEquals(429, locked.statusCode());
        assertTrue(locked.<String>path("message").contains("for your network address"), locked.asString());
        LoginLockTest.login("alice", "alice-demo", "203.0.113.7").then().statusCode(429);
        LoginLockTest.login("alice", "alice-demo", "203.0.113.8").then().statusCode(200);
    }
}
