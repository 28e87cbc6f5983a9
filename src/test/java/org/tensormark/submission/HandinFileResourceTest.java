package org.tensormark.submission;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;

@QuarkusTest
class HandinFileResourceTest {

    @Inject
    IntakeCourse course;

    @BeforeEach
    void course() {
        course.ensure();
    }

    @Test
    void theOwnerAndStaffOpenAHandinsFilesAndNobodyElseDoes() {
        String id = IntakeResourceTest.handIn("alice", "in-open", "net.py", IntakeResourceTest.CODE, null)
                .statusCode(201).extract().path("submissionId");
        TestLogins.as("alice").get("/api/submissions/" + id + "/files").then().statusCode(200)
                .body("find { it.role == 'code' }.kind", equalTo("python"))
                .body("find { it.role == 'report' }.kind", equalTo("pdf"))
                .body("find { it.role == 'code' }.sha256", equalTo(sha256(IntakeResourceTest.CODE)));
        byte[] code = TestLogins.as("tom").get("/api/submissions/" + id + "/files/code").then().statusCode(200)
                .contentType(containsString("text/plain")).header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("sandbox"))
                .header("Content-Disposition", equalTo("inline; filename=\"net.py\"")).extract().asByteArray();
        assertArrayEquals(IntakeResourceTest.CODE, code);
        TestLogins.as("alice").get("/api/submissions/" + id + "/files/report").then().statusCode(200)
                .contentType(containsString("application/pdf"));
        TestLogins.as("bob").get("/api/submissions/" + id + "/files").then().statusCode(404);
        TestLogins.as("bob").get("/api/submissions/" + id + "/files/code").then().statusCode(404);
        TestLogins.as("alice").get("/api/submissions/" + id + "/files/extra").then().statusCode(404)
                .body("message", equalTo("This hand-in has no 'extra' file."));
    }

    @Test
    void aZippedPackageListsItsEntriesAndShowsOneAsText() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("pkg/model.py", "class Net:\n    pass\n".getBytes(StandardCharsets.UTF_8));
        // Random hex: compresses about 2:1, so the archive stays under the slot's 1 MB.
        byte[] big = new byte[(1 << 20) + 4096];
        new java.util.Random(7).nextBytes(big);
        files.put("pkg/big.bin", java.util.HexFormat.of().formatHex(big, 0, big.length / 2)
                .getBytes(StandardCharsets.US_ASCII));
        String id = IntakeResourceTest.handIn("carol", "in-open", "net.zip", Zips.of(files), null)
                .statusCode(201).extract().path("submissionId");
        TestLogins.as("carol").get("/api/submissions/" + id + "/files").then().statusCode(200)
                .body("find { it.role == 'code' }.kind", equalTo("zip"))
                .body("find { it.role == 'code' }.entries.path", hasItem("pkg/model.py"));
        TestLogins.as("ingrid").queryParam("path", "pkg/model.py").get("/api/submissions/" + id + "/files/code/entry")
                .then().statusCode(200).body(equalTo("class Net:\n    pass\n"));
        TestLogins.as("ingrid").queryParam("path", "pkg/nope.py").get("/api/submissions/" + id + "/files/code/entry")
                .then().statusCode(404).body("message", containsString("no file 'pkg/nope.py'"));
        TestLogins.as("ingrid").queryParam("path", "pkg/big.bin").get("/api/submissions/" + id + "/files/code/entry")
                .then().statusCode(413).body("message", containsString("Download the archive"));
        TestLogins.as("ingrid").queryParam("path", "x").get("/api/submissions/" + id + "/files/report/entry")
                .then().statusCode(400);
        TestLogins.as("ingrid").get("/api/submissions/" + id + "/files/code").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment"));
    }

    @Test
    void staffReadAHandinsAuditTrailWithWhoDidWhatAndStudentsCannot() {
        String id = IntakeResourceTest.handIn("dave", "in-open", "net.py", IntakeResourceTest.CODE, null)
                .statusCode(201).extract().path("submissionId");
        TestLogins.as("tom").post("/api/submissions/" + id + "/regrade").then().statusCode(202);
        TestLogins.as("tom").get("/api/submissions/" + id + "/audit").then().statusCode(200)
                .body("action", hasItem("submission.create")).body("action", hasItem("submission.regrade"))
                .body("find { it.action == 'submission.regrade' }.actorUsername", equalTo("tom"));
        TestLogins.as("dave").get("/api/submissions/" + id + "/audit").then().statusCode(403);
        TestLogins.as("bob").get("/api/submissions/" + id + "/audit").then().statusCode(404)
                .body("message", not(containsString("dave")));
    }

    private static String sha256(byte[] bytes) {
        try {
            return IntakeResourceTest.sha256(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
