package org.tensormark.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdentityResourceTest {

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
