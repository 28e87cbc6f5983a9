package org.tensormark.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sign-in locks over HTTP, with no proxy configured, as a server reached directly. Its own server
 * (test profile) because the last test locks the test client's address; the order matters for the
 * same reason.
 */
@QuarkusTest
@TestProfile(LoginLockTest.DirectlyReached.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginLockTest {

    /** The default settings, on a server of its own. */
    public static class DirectlyReached implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tensormark.login.account-failures", "5", "tensormark.login.address-failures", "20");
        }
    }

    static Response login(String username, String password, String forwardedFor) {
        var request = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password));
        if (forwardedFor != null) {
            request = request.header("X-Forwarded-For", forwardedFor).header("Forwarded", "for=" + forwardedFor);
        }
        return request.post("/api/auth/login");
    }

    @Test
    @Order(1)
    void theFifthWrongPasswordLocksTheAccountWith429RetryAfterAndTheTimeItEnds() {
        for (int i = 0; i < 4; i++) {
            login("alice", "guess" + i, null).then().statusCode(401);
        }
        Response locked = login("alice", "guess4", null);
        locked.then().statusCode(429);
        assertThat(locked.path("message"), matchesPattern("Wrong username or password\\. Too many failed sign-ins for this"
                + " account: try again in 15 minutes \\(after \\d\\d:\\d\\d UTC\\)\\."));
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter > 890 && retryAfter <= 900, "Retry-After " + retryAfter);
        Duration left = Duration.between(Instant.now(), Instant.parse(locked.path("lockedUntil")));
        assertTrue(left.toSeconds() > 880 && left.toSeconds() <= 900, "locked until " + left);

        Response right = login("alice", "alice-demo", null);
        right.then().statusCode(429);
        assertNull(right.cookie("tm_session"), "the right password does not open a locked account");
        login("bob", "bob-demo", null).then().statusCode(200);
    }

    @Test
    @Order(2)
    void aSuccessfulLoginStartsTheAccountsCountAfresh() {
        for (int i = 0; i < 4; i++) {
            login("carol", "guess" + i, null).then().statusCode(401);
        }
        login("carol", "carol-demo", null).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            login("carol", "again" + i, null).then().statusCode(401);
        }
        login("carol", "carol-demo", null).then().statusCode(200);
    }

    @Test
    @Order(3)
    void forgedForwardedForHeadersDoNotDodgeTheAddressLock() {
        int attempts = 0;
        Response answer = null;
        while (attempts < 20) {
            attempts++;
            answer = login("nobody" + attempts, "guess", "203.0.113." + attempts);
            if (answer.statusCode() == 429) {
                break;
            }
            assertEquals(401, answer.statusCode());
        }
        assertEquals(429, answer.statusCode(), "twenty failures from one connection address lock it, whatever"
                + " the headers claim");
        assertTrue(answer.<String>path("message").contains("for your network address"), answer.asString());
        login("dave", "dave-demo", "203.0.113.200").then().statusCode(429);
    }
}
