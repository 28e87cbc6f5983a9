package org.tensormark.submission;

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
class UploadWarmUpTest {

    @Inject
    UploadWarmUp warmUp;

    @Inject
    WarmUpSecret secret;

    @Inject
    EntityManager em;

    @Test
    void theServerUploadsToItselfOnBothHttpVersionsAsItStartsAndEveryUploadIsRefusedAsNotFound() throws Exception {
        assertTrue(warmUp.await(Duration.ofMinutes(1)), "the HTTP warm-up did not end");
        assertEquals(Map.of("HTTP_1_1 404", UploadWarmUp.REQUESTS, "HTTP_2 404", UploadWarmUp.REQUESTS), warmUp.answers());
    }

    @Test
    void theWarmUpSecretSignsInOnlyWhileItIsOpenAsNoAccountAndStoresNothing() throws Exception {
        assertTrue(warmUp.await(Duration.ofMinutes(1)), "the HTTP warm-up did not end");
        long submissions = ((Number) em.createNativeQuery("select count(*) from submission").getSingleResult()).longValue();
        String token = secret.open();
        try {
            given().header("Authorization", "Bearer " + token).multiPart("code", "handin.py", "x = 1\n".getBytes())
                    .post("/api/assignments/" + UploadWarmUp.ASSIGNMENT + "/submissions").then().statusCode(404);
        } finally {
            secret.close();
        }
        given().header("Authorization", "Bearer " + token).get("/api/submissions").then().statusCode(401);
        assertEquals(submissions,
                ((Number) em.createNativeQuery("select count(*) from submission").getSingleResult()).longValue());
    }

    @Test
    void aServerListeningEverywhereIsReachedOnLoopbackAndOneListeningOnOneAddressThere() {
        assertEquals("127.0.0.1", UploadWarmUp.loopbackFor("0.0.0.0"));
        assertEquals("127.0.0.1", UploadWarmUp.loopbackFor("::"));
        assertEquals("127.0.0.1", UploadWarmUp.loopbackFor(null));
        assertEquals("10.1.2.3", UploadWarmUp.loopbackFor("10.1.2.3"));
        assertEquals("[::1]", UploadWarmUp.loopbackFor("::1"));
        assertEquals("localhost", UploadWarmUp.loopbackFor("localhost"));
    }
}
