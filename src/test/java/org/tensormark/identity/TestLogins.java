package org.tensormark.identity;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** API tokens for the demo accounts, made through the real login and token endpoints once per run. */
public final class TestLogins {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private TestLogins() {
    }

    /** A request authenticated as the demo user (password {@code <name>-demo}). */
    public static RequestSpecification as(String username) {
        return given().header("Authorization", "Bearer " + token(username));
    }

    public static String token(String username) {
        return TOKENS.computeIfAbsent(username, TestLogins::login);
    }

    private static String login(String username) {
        String session = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", username + "-demo"))
                .post("/api/auth/login").then().statusCode(200).extract().cookie("tm_session");
        return given().cookie("tm_session", session).contentType(ContentType.JSON)
                .body(Map.of("name", "tests")).post("/api/me/tokens")
                .then().statusCode(201).extract().path("token");
    }
}
