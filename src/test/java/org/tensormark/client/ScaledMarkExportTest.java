package org.tensormark.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;
import org.tensormark.project.ProjectCourse;

/** {@code gradebook export} carries a group member's scaled mark and how it was scaled. */
@QuarkusTest
class ScaledMarkExportTest {

    @TestHTTPResource("/")
    URL server;

    @Inject
    ProjectCourse course;

    @Test
    void theExportedGradebookHasTheScaledMarkAndItsSentenceForTheScaledMemberOnly() throws IOException {
        course.ensure();
        TestLogins.as("ingrid").contentType("application/json")
                .body(Map.of("factor", 1.1, "reason", "peers rated Bob's contribution highest"))
                .put("/api/assignments/pj-scale-cli/mark-scales/bob").then().statusCode(204);

        CliRun export = CliRun.run(CliRun.loggedIn(server, "tom"), "", "gradebook", "export", "projtest");
        assertEquals(0, export.code(), export.err());
        String header = export.out().lines().findFirst().orElseThrow();
        assertTrue(header.contains(",pj-scale-cli,pj-scale-cli late penalty %,pj-scale-cli scaled"), header);
        String bob = export.out().lines().filter(l -> l.startsWith("bob,")).findFirst().orElseThrow();
        assertTrue(bob.matches(".*,88(\\.0)?,0(\\.0)?,80 × 1\\.10 = 88,.*"), bob);
        String alice = export.out().lines().filter(l -> l.startsWith("alice,")).findFirst().orElseThrow();
        assertTrue(alice.matches(".*,80(\\.0)?,0(\\.0)?,,.*"), alice);
    }
}
