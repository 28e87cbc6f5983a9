package org.tensormark.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.WarmUpSecret;

@QuarkusTest
class HttpWarmUpTest {

    @Inject
    HttpWarmUp warmUp;

    @Inject
    WarmUpSecret secret;

    @Inject
    EntityManager em;

    @Test
    void theServerUploadsToItselfOnBothHttpVersionsAsItStartsAndEveryUploadIsRefusedAsNotFound() throws Exception {
        assertTrue(warmUp.await(Duration.ofMinutes(1)), "the HTTP warm-up did not end");
        assertEquals(Map.of("HTTP_1_1 404", HttpWarmUp.REQUESTS, "HTTP_2 404", HttpWarmUp.REQUESTS), warmUp.answers());
    }

    @Test
    void theWarmUpSecretSignsInOnlyWhileItIsOpenAsNoAccountAndStoresNothing() throws Exception {
        assertTrue(warmUp.await(Duration.ofMinutes(1)), "the HTTP warm-up did not end");
        long submissions = ((Number) em.createNativeQuery("select count(*) from submission").getSingleResult()).longValue();
        String token = secret.open();
        try {
            given().header("Authorization", "Bearer " + token).multiPart("code", "handin.py", "x = 1\n".getBytes())
                    .post("/api/assignments/" + HttpWarmUp.ASSIGNMENT + "/submissions").then().statusCode(404);
        } finally {
            secret.close();
        }
        given().header("Authorization", "Bearer " + token).get("/api/submissions").then().statusCode(401);
        assertEquals(submissions,
                ((Number) em.createNativeQuery("select count(*) from submission").getSingleResult()).longValue());
    }

    @Test
    void aServerListeningEverywhereIsReachedOnLoopbackAndOneListeningOnOneAddressThere() {
        assertEquals("127.0.0.1", HttpWarmUp.loopbackFor("0.0.0.0"));
        assertEquals("127.0.0.1", HttpWarmUp.loopbackFor("::"));
        assertEquals("127.0.0.1", HttpWarmUp.loopbackFor(null));
        assertEquals("10.1.2.3", HttpWarmUp.loopbackFor("10.1.2.3"));
        assertEquals("[::1]", HttpWarmUp.loopbackFor("::1"));
        assertEquals("localhost", HttpWarmUp.loopbackFor("localhost"));
    }
}
