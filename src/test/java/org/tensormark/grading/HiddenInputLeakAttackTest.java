package org.tensormark.grading;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

/**
 * A hand-in whose every function reads all of {@code /job/in} (file list, plan, input arrays),
 * prints it and raises it in its exception message. The assignment has one tensor check of each
 * visibility. The student must learn nothing about the hidden and after-due checks' inputs, and
 * each run must have held only its own group's inputs.
 */
@QuarkusTest
class HiddenInputLeakAttackTest {

    private static final Pattern VALUE = Pattern.compile("-?\\d+\\.\\d{8}");

    @Inject
    IntakeCourse course;

    @Inject
    Worker worker;

    @BeforeEach
    void start() {
        course.ensure();
        worker.start(1);
    }

    @AfterEach
    void stop() {
        worker.stop();
    }

    @Test
    void aVisibleFunctionThatRaisesEveryInputItCanReadShowsTheStudentNoHiddenOrAfterDueInput() throws IOException {
        String id = handIn("alice").getString("submissionId");
        JsonPath staff = TestLogins.as("tom").get("/api/submissions/" + id + "/result").then().statusCode(200)
                .extract().jsonPath();
        String hiddenError = error(staff, "secret");
        String laterError = error(staff, "later");
        assertThat("the hidden run read its own input", hiddenError, containsString("'secret__0__x'"));
        assertThat("the after-due run read its own input", laterError, containsString("'later__0__x'"));
        Set<String> hiddenValues = values(hiddenError);
        hiddenValues.addAll(values(laterError));
        assertEquals(4 + 6, hiddenValues.size(), hiddenError + laterError);

        String student = TestLogins.as("alice").get("/api/submissions/" + id + "/result").then().statusCode(200)
                .extract().asString();
        String visibleError = error(JsonPath.from(student), "shown");
        assertThat("the visible function's loot reached the student", visibleError, containsString("'shown__0__x'"));
        for (String leaked : List.of("secret__", "later__", "hidden_fn", "after_due_fn", "PRINTED-hidden",
                "PRINTED-after_due", "STDERR-hidden", "LOOT-hidden", "LOOT-after_due")) {
            assertThat(student, not(containsString(leaked)));
        }
        for (String value : hiddenValues) {
            assertThat("a hidden or after-due input value reached the student", student, not(containsString(value)));
        }
    }

    @Test
    void eachRunsInputFolderHeldOnlyItsOwnGroupsInputsAndPlan() throws IOException {
        String id = handIn("bob").getString("submissionId");
        JsonPath staff = TestLogins.as("tom").get("/api/submissions/" + id + "/result").then().statusCode(200)
                .extract().jsonPath();
        String shown = error(staff, "shown");
        String later = error(staff, "later");
        String secret = error(staff, "secret");
        assertThat(shown, containsString("'files': ['inputs.npz', 'plan.json']"));
        assertThat(shown, not(containsString("later__")));
        assertThat(shown, not(containsString("secret__")));
        assertThat(later, not(containsString("shown__")));
        assertThat(later, not(containsString("secret__")));
        assertThat(secret, not(containsString("shown__")));
        assertThat(secret, not(containsString("later__")));
        assertThat(secret, not(containsString("visible_fn")));
        assertTrue(values(shown).stream().noneMatch(values(secret)::contains), shown + secret);
    }

    @Test
    void theExceptionTextAStudentSeesIsCappedWithACutNote() throws IOException {
        String id = handIn("carol").getString("submissionId");
        String error = error(TestLogins.as("carol").get("/api/submissions/" + id + "/result").then().statusCode(200)
                .extract().jsonPath(), "shown");
        assertThat(error, containsString("[cut: "));
        assertTrue(error.length() <= 2_000 + 40, "the student's error text is " + error.length() + " characters");
        assertFalse(error.contains("\u0000"), "a NUL character reached the feedback");
    }

    @Test
    void aStudentSeesWhatTheVisibleRunPrintedButNeverTheHiddenOrAfterDueRuns() throws IOException {
        String id = handIn("dave").getString("submissionId");
        JsonPath student = TestLogins.as("dave").get("/api/submissions/" + id + "/result").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("visible"), student.getList("runs.group"), student.prettify());
        assertThat(student.getString("runs[0].stdout"), containsString("PRINTED-visible LOOT-visible"));
        assertThat(student.getString("runs[0].stderr"), containsString("STDERR-visible"));
        assertThat("a NUL the code printed is shown replaced", student.getString("runs[0].stdout"),
                containsString("\uFFFD"));
        assertEquals("ok", student.getString("runs[0].verdict"));

        JsonPath staff = TestLogins.as("tom").get("/api/submissions/" + id + "/result").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("visible", "hidden", "after_due"), staff.getList("runs.group"), staff.prettify());
        assertThat(staff.getString("runs.find { it.group == 'hidden' }.stdout"), containsString("PRINTED-hidden"));
        assertThat(staff.getString("runs.find { it.group == 'hidden' }.stderr"), containsString("STDERR-hidden"));
        assertThat(staff.getString("runs.find { it.group == 'after_due' }.stdout"), containsString("PRINTED-after_due"));
        assertThat(staff.getString("runs.find { it.group == 'visible' }.stdout"), containsString("PRINTED-visible"));
    }

    @Test
    void aRunThatPrintedNothingStillShowsItsVerdictToTheStudent() throws IOException {
        String code = "import numpy as np\ndef visible_fn(x):\n    return np.maximum(x, 0)\n";
        JsonPath r = GradingPipelineTest.handInAndWait("alice", "in-graded-leak", "quiet.py",
                code.getBytes(StandardCharsets.UTF_8), GradingPipelineTest.report("Introduction"));
        assertEquals("passed", r.getString("checks.find { it.id == 'shown' }.status"), r.prettify());
        assertEquals("", r.getString("runs[0].stdout"));
        assertEquals("the program ended normally", r.getString("runs[0].verdictText"));
        assertNull(r.get("runs[1]"));
    }

    private static JsonPath handIn(String user) throws IOException {
        try (InputStream in = HiddenInputLeakAttackTest.class.getResourceAsStream("/grading/attacks/read_other_inputs.py")) {
            return GradingPipelineTest.handInAndWait(user, "in-graded-leak", "loot.py", in.readAllBytes(),
                    GradingPipelineTest.report("Introduction"));
        }
    }

    /** The error text of a check's only case, as the reader of {@code result} sees it. */
    private static String error(JsonPath result, String check) {
        String error = result.getString("checks.find { it.id == '" + check + "' }.details.cases[0].error");
        assertTrue(error != null, "no error text for " + check + " in " + result.prettify());
        return error;
    }

    private static Set<String> values(String text) {
        Matcher m = VALUE.matcher(text);
        return m.results().map(MatchResult::group).collect(Collectors.toCollection(HashSet::new));
    }
}
