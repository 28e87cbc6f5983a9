package org.tensormark.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdentityResourceTest {

    @Inject
    EntityManager em;

    @Test
    void formLoginSetsAStrictHttpOnlySessionCookie() {
        Response login = given().contentType(ContentType.URLENC)
                .formParam("username", "alice").formParam("password", "alice-demo")
                .post("/api/auth/login");
        login.then().statusCode(200).body("username", equalTo("alice"));
        String setCookie = login.header("Set-Cookie");
        org.hamcrest.MatcherAssert.assertThat(setCookie, containsString("HttpOnly"));
        org.hamcrest.MatcherAssert.assertThat(setCookie.toLowerCase(), containsString("samesite=strict"));
        given().cookie("tm_session", login.cookie("tm_session")).get("/api/me")
                .then().statusCode(200).body("username", equalTo("alice"));
    }

    @Test
    void aPlainHttpLoginGetsNoSecureCookieAndAForgedForwardedProtoDoesNotChangeThat() {
        for (String proto : new String[] {null, "https"}) {
            var request = given().contentType(ContentType.JSON).body(Map.of("username", "dave", "password", "dave-demo"));
            if (proto != null) {
                request = request.header("X-Forwarded-Proto", proto).header("Forwarded", "proto=" + proto);
            }
            String setCookie = request.post("/api/auth/login").then().statusCode(200).extract().header("Set-Cookie");
            org.hamcrest.MatcherAssert.assertThat(setCookie.toLowerCase(), not(containsString("secure")));
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        given().contentType(ContentType.JSON).body(Map.of("username", "alice", "password", "nope"))
                .post("/api/auth/login").then().statusCode(401)
                .body("message", equalTo("Wrong username or password."));
        given().contentType(ContentType.JSON).body(Map.of("username", "nobody", "password", "nope"))
                .post("/api/auth/login").then().statusCode(401)
                .body("message", equalTo("Wrong username or password."));
    }

    @Test
    void logoutEndsTheSession() {
        String session = given().contentType(ContentType.JSON).body(Map.of("username", "bob", "password", "bob-demo"))
                .post("/api/auth/login").then().statusCode(200).extract().cookie("tm_session");
        given().cookie("tm_session", session).post("/api/auth/logout").then().statusCode(204);
        given().cookie("tm_session", session).get("/api/me").then().statusCode(401)
                .body("message", containsString("session has ended"));
    }

    @Test
    void anonymousCallersGetAJsonUnauthorized() {
        given().get("/api/me").then().statusCode(401).body("message", containsString("Log in first"));
    }

    @Test
    void tokensAreShownOnceStoredHashedAndRevocable() {
        String session = given().contentType(ContentType.JSON).body(Map.of("username", "carol", "password", "carol-demo"))
                .post("/api/auth/login").then().extract().cookie("tm_session");
        Response issued = given().cookie("tm_session", session).contentType(ContentType.JSON)
                .body(Map.of("name", "laptop")).post("/api/me/tokens");
        issued.then().statusCode(201).body("token", notNullValue());
        String token = issued.path("token");
        int id = issued.path("id");
        given().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(200)
                .body("username", equalTo("carol"));
        given().header("Authorization", "Bearer " + token).get("/api/me/tokens").then().statusCode(200)
                .body("name", hasItem("laptop")).body("token", not(hasItem(notNullValue())));
        given().header("Authorization", "Bearer " + token).delete("/api/me/tokens/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(401)
                .body("message", containsString("revoked"));
    }

    @Test
    void aNewTokenWorksFor180DaysAndSaysSoWhenItIsMadeAndInTheList() {
        Response issued = TestLogins.as("dave").contentType(ContentType.JSON).body(Map.of("name", "expiry"))
                .post("/api/me/tokens");
        issued.then().statusCode(201);
        Instant created = Instant.parse(issued.path("createdAt"));
        Instant expires = Instant.parse(issued.path("expiresAt"));
        assertEquals(Duration.ofDays(180), Duration.between(created, expires));
        int id = issued.path("id");
        given().header("Authorization", "Bearer " + issued.path("token")).get("/api/me").then().statusCode(200);
        Response listed = TestLogins.as("dave").get("/api/me/tokens");
        String row = "find { it.id == " + id + " }";
        Duration drift = Duration.between(expires, Instant.parse(listed.path(row + ".expiresAt"))).abs();
        assertTrue(drift.toMillis() < 1, "the list shows the expiry given at creation, " + drift);
        assertEquals("active", listed.path(row + ".status"));
        org.hamcrest.MatcherAssert.assertThat("last use is recorded", listed.path(row + ".lastUsedAt"), notNullValue());
    }

    @Test
    void anExpiredTokenIsRefusedWithASentenceAndListedAsExpired() {
        Response issued = TestLogins.as("dave").contentType(ContentType.JSON).body(Map.of("name", "old laptop"))
                .post("/api/me/tokens");
        long id = ((Number) issued.path("id")).longValue();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update api_token set expires_at = timestamptz '2020-01-02 03:04:00+00' where id = ?1")
                .setParameter(1, id).executeUpdate());
        given().header("Authorization", "Bearer " + issued.path("token")).get("/api/me").then().statusCode(401)
                .body("message", equalTo("This API token expired on 2020-01-02 03:04 UTC; make a new one in the portal"
                        + " under \"API tokens\"."));
        TestLogins.as("dave").get("/api/me/tokens").then()
                .body("find { it.id == " + id + " }.status", equalTo("expired"));
    }

    @Test
    void aMadeUpTokenIsRefused() {
        given().header("Authorization", "Bearer tm_madeup").get("/api/me").then().statusCode(401)
                .body("message", containsString("not valid"));
    }

    @Test
    void nobodyCanRevokeAnotherUsersToken() {
        int aliceTokenId = TestLogins.as("alice").contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/api/me/tokens").then().statusCode(201).extract().path("id");
        TestLogins.as("bob").delete("/api/me/tokens/" + aliceTokenId).then().statusCode(404)
                .body("token", nullValue());
    }
}
