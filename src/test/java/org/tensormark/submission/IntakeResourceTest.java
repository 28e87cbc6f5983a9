package org.tensormark.submission;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;

@QuarkusTest
class IntakeResourceTest {

    static final byte[] CODE = "def forward(x):\n    return x\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Inject
    IntakeCourse course;

    @Inject
    EntityManager em;

    @BeforeEach
    void course() {
        course.ensure();
    }

    static ValidatableResponse handIn(String user, String assignment, String codeName, byte[] code, String key) {
        RequestSpecification request = TestLogins.as(user).multiPart("code", codeName, code)
                .multiPart("report", "report.pdf", PDF);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/api/assignments/" + assignment + "/submissions").then();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aHandInIsStoredAndAnsweredWithAReceipt() throws Exception {
        String id = handIn("alice", "in-open", "net.py", CODE, null).statusCode(201)
                .body("assignmentId", equalTo("in-open"))
                .body("files.find { it.role == 'code' }.sha256", equalTo(sha256(CODE)))
                .body("files.find { it.role == 'report' }.size", equalTo(PDF.length))
                .body("receivedAtCourseTime", containsString("SGT"))
                .body("lateness", containsString("On time"))
                .extract().path("submissionId");
        TestLogins.as("alice").get("/api/submissions?assignment=in-open").then().statusCode(200)
                .body("id", hasItem(id)).body("status", hasItem("queued"));
        TestLogins.as("alice").get("/api/submissions/" + id).then().statusCode(200)
                .body("files", hasSize(2));
    }

    @Test
    void aRetriedUploadWithTheSameKeyReturnsTheSameReceipt() {
        String key = "retry-" + UUID.randomUUID();
        String first = handIn("bob", "in-open", "net.py", CODE, key).statusCode(201).extract().path("submissionId");
        String again = handIn("bob", "in-open", "net.py", CODE, key).statusCode(200)
                .body("replayed", equalTo(true)).extract().path("submissionId");
        assertEquals(first, again);
        long rows = ((Number) em.createNativeQuery("select count(*) from submission where idempotency_key = ?1")
                .setParameter(1, key).getSingleResult()).longValue();
        assertEquals(1, rows);
    }

    @Test
    void notebooksAndZippedPackagesAreAccepted() throws IOException {
        byte[] notebook = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": []}".getBytes();
        handIn("carol", "in-open", "net.ipynb", notebook, null).statusCode(201);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("net/__init__.py", CODE);
        handIn("carol", "in-open", "net.zip", Zips.of(files), null).statusCode(201);
    }

    @Test
    void unsafeArchivesAreRefusedWithTheReason() throws IOException {
        handIn("dave", "in-open", "slip.zip", Zips.of("../evil.py", "x"), null).statusCode(422)
                .body("message", containsString("'..'"));
        handIn("dave", "in-open", "link.zip", Zips.withUnixMode(Zips.of("link.py", "/etc/passwd"), 0, 0120777), null)
                .statusCode(422).body("message", containsString("symbolic link"));
        Map<String, byte[]> two = new LinkedHashMap<>();
        two.put("a.bin", new byte[1000]);
        two.put("b.bin", new byte[1000]);
        handIn("dave", "in-open", "overlap.zip", Zips.withLocalOffsetOf(Zips.of(two), 1, 0), null).statusCode(422)
                .body("message", containsString("overlaps"));
        handIn("dave", "in-open", "bomb.zip", Zips.of(Map.of("zeros.bin", new byte[20 << 20])), null).statusCode(422)
                .body("message", containsString("zip bomb"));
    }

    @Test
    void compiledPythonAndADamagedEndRecordAreRefusedNamingTheProblem() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("net/__init__.py", CODE);
        files.put("net/__pycache__/__init__.cpython-311.pyc", new byte[] {(byte) 0xa7, 0x0d, 0x0d, 0x0a});
        handIn("dave", "in-open", "pyc.zip", Zips.of(files), null).statusCode(422)
                .body("message", containsString("'net/__pycache__/__init__.cpython-311.pyc' is compiled Python"));
        handIn("dave", "in-open", "bare.zip", Zips.of("net.pyc", "\u00a7\r\r\n"), null).statusCode(422)
                .body("message", containsString("'net.pyc' is compiled Python"));
        byte[] trailing = Zips.appended(Zips.of("net.py", "x = 1\n"), "appended after the end".getBytes());
        handIn("dave", "in-open", "trailing.zip", trailing, null).statusCode(422)
                .body("message", containsString("end-of-directory record does not match the end of the file"));
    }

    @Test
    void filesThatAreNotWhatTheirNameSaysAreRefused() {
        handIn("dave", "in-open", "net.py", new byte[0], null).statusCode(422).body("message", containsString("empty"));
        handIn("dave", "in-open", "broken.ipynb", "{\"cells\": [".getBytes(), null).statusCode(422)
                .body("message", containsString("not a Jupyter notebook"));
        TestLogins.as("dave").multiPart("code", "net.py", CODE).multiPart("report", "report.pdf", "hello".getBytes())
                .post("/api/assignments/in-open/submissions").then().statusCode(422)
                .body("message", containsString("not a PDF"));
        handIn("dave", "in-open", "net.exe", CODE, null).statusCode(422).body("message", containsString(".py or .ipynb or .zip"));
    }

    @Test
    void anOversizeFileGets413NamingTheLimit() {
        handIn("dave", "in-open", "big.py", new byte[(1 << 20) + 10], null).statusCode(413)
                .body("message", containsString("at most 1.0 MB"));
    }

    @Test
    void aMissingReportIsNamed() {
        TestLogins.as("dave").multiPart("code", "net.py", CODE).post("/api/assignments/in-open/submissions")
                .then().statusCode(400).body("message", containsString("'report' file is missing"));
    }

    @Test
    void unknownAndUnreleasedAssignmentsAreRefused() {
        handIn("dave", "no-such-thing", "net.py", CODE, null).statusCode(404);
        handIn("dave", "in-future", "net.py", CODE, null).statusCode(403).body("message", containsString("not released yet"));
    }

    @Test
    void aLateHandInIsTakenWithItsPenaltyExplained() {
        handIn("alice", "in-late", "net.py", CODE, null).statusCode(201)
                .body("lateness", containsString("2 days late")).body("lateness", containsString("−10 %"));
    }

    @Test
    void aHandInAfterTheLateWindowIsRefusedSayingWhenItClosed() {
        handIn("alice", "in-closed", "net.py", CODE, null).statusCode(403)
                .body("message", containsString("closed"));
    }

    @Test
    void theDailyQuotaIsEnforced() {
        handIn("carol", "in-quota", "net.py", CODE, null).statusCode(201);
        handIn("carol", "in-quota", "net.py", CODE, null).statusCode(201);
        handIn("carol", "in-quota", "net.py", CODE, null).statusCode(429)
                .body("message", containsString("all 2 hand-ins for today"));
    }

    @Test
    void aStudentChoosesWhichHandInCountsWhereTheAssignmentSaysSo() {
        String first = handIn("bob", "in-chosen", "net.py", CODE, null).statusCode(201).extract().path("submissionId");
        String second = handIn("bob", "in-chosen", "net.py", CODE, null).statusCode(201).extract().path("submissionId");
        TestLogins.as("bob").post("/api/submissions/" + first + "/choose").then().statusCode(204);
        TestLogins.as("bob").get("/api/submissions?assignment=in-chosen").then()
                .body("find { it.id == '" + first + "' }.chosen", equalTo(true))
                .body("find { it.id == '" + second + "' }.chosen", equalTo(false));
        TestLogins.as("alice").post("/api/submissions/" + first + "/choose").then().statusCode(404);
        String open = handIn("bob", "in-open", "net.py", CODE, null).statusCode(201).extract().path("submissionId");
        TestLogins.as("bob").post("/api/submissions/" + open + "/choose").then().statusCode(409)
                .body("message", containsString("last hand-in counts"));
    }

    @Test
    void lateTokensCancelLateDaysUntilTheyRunOut() {
        String id = handIn("dave", "in-tokens", "net.py", CODE, null).statusCode(201)
                .body("lateness", containsString("2 days late")).extract().path("submissionId");
        TestLogins.as("dave").get("/api/assignments/in-tokens/late-tokens").then().statusCode(200)
                .body("left", equalTo(2)).body("allowedHere", equalTo(true));
        TestLogins.as("dave").contentType(io.restassured.http.ContentType.JSON).body(Map.of("units", 1))
                .post("/api/assignments/in-tokens/late-tokens").then().statusCode(200)
                .body("left", equalTo(1)).body("spentHere", equalTo(1));
        TestLogins.as("dave").get("/api/submissions/" + id).then().body("lateness", containsString("−5 %"));
        TestLogins.as("dave").contentType(io.restassured.http.ContentType.JSON).body(Map.of("units", 2))
                .post("/api/assignments/in-tokens/late-tokens").then().statusCode(409);
        TestLogins.as("dave").contentType(io.restassured.http.ContentType.JSON).body(Map.of("units", 1))
                .post("/api/assignments/in-open/late-tokens").then().statusCode(409);
    }

    @Test
    void aStudentCannotSeeAnotherStudentsHandIn() {
        String id = handIn("alice", "in-open", "net.py", CODE, null).statusCode(201).extract().path("submissionId");
        TestLogins.as("bob").get("/api/submissions/" + id).then().statusCode(404).body("files", equalTo(null));
        TestLogins.as("tom").get("/api/submissions/" + id).then().statusCode(200);
        TestLogins.as("bob").get("/api/assignments/in-open/submissions").then().statusCode(403);
        TestLogins.as("ingrid").get("/api/assignments/in-open/submissions").then().statusCode(200);
    }
}
