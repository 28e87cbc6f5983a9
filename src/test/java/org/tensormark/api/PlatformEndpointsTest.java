package org.tensormark.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void healthReportsTheDatabaseUp() {
        given().get("/q/health").then().statusCode(200).body(containsString("UP"));
    }

    @Test
    void openApiAndMetricsAreServed() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("TensorMark"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}
