package org.tensormark.grading;

import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.course.Deadlines;
import org.tensormark.course.LateTokens;
import org.tensormark.identity.DemoAccounts;
import org.tensormark.identity.TestLogins;

/**
 * Extensions and late tokens move exactly the penalties they concern, per group on group work,
 * and an extension keeps after-due details closed until the student's own due time.
 */
@QuarkusTest
class LatenessChangeTest {

    /** Half a day after the due time of 2026-03-15 23:59 Singapore: one day late, 5 %. */
    private static final String HALF_A_DAY_LATE = "2026-03-16T04:00:00Z";
    /** A day and a half late: two days, 10 %. */
    private static final String TWO_DAYS_LATE = "2026-03-17T04:00:00Z";

    @Inject
    ClassFixture fixture;

    @Inject
    Deadlines deadlines;

    @Inject
    LateTokens tokens;

    @Inject
    DemoAccounts demo;

    String course;
    String assignment;
    long instructor;

    @BeforeEach
    void aLateAssignment() {
        demo.ensure();
        course = ClassFixture.uniqueId("lateness");
        assignment = ClassFixture.uniqueId("late");
        fixture.course(course, Map.of(assignment, ""));
        instructor = fixture.student(course);
    }

    @Test
    void anExtensionRescoresOnlyTheStudentItIsForAndSaysWhoCausedIt() {
        long granted = fixture.student(course);
        long other = fixture.student(course);
        UUID grantedHandin = fixture.handin(assignment, granted, null, HALF_A_DAY_LATE, false);
        long grantedResult = fixture.score(grantedHandin, 10, 5);
        UUID otherHandin = fixture.handin(assignment, other, null, HALF_A_DAY_LATE, false);
        long otherResult = fixture.score(otherHandin, 10, 5);

        deadlines.grant(assignment, granted, null, Instant.parse("2026-03-20T15:59:00Z"), "illness", instructor);

        assertEquals(10.0, fixture.finalPoints(grantedResult));
        assertEquals(9.5, fixture.finalPoints(otherResult));
        assertEquals(List.of("rescore caused by " + username(instructor) + "'s extension"), fixture.rescores(grantedHandin));
        assertEquals(List.of(), fixture.rescores(otherHandin));
    }

    @Test
    void aTokenSpentByOneMemberCountsForTheGroupsHandinAndTheRuleCapsTheGroup() {
        long a = fixture.student(course);
        long b = fixture.student(course);
        long c = fixture.student(course);
        long outsider = fixture.student(course);
        long team = fixture.team(assignment, a, b, c);
        UUID groupHandin = fixture.handin(assignment, b, team, TWO_DAYS_LATE, false);
        long groupResult = fixture.score(groupHandin, 10, 10);
        UUID outsiderHandin = fixture.handin(assignment, outsider, null, TWO_DAYS_LATE, false);
        long outsiderResult = fixture.score(outsiderHandin, 10, 10);

        tokens.spend(assignment, a, 1, a);
        assertEquals(9.5, fixture.finalPoints(groupResult));
        assertEquals(1, tokens.spentOn(assignment, c));
        tokens.spend(assignment, c, 2, c);
        assertEquals(10.0, fixture.finalPoints(groupResult));
        assertThrows(IllegalStateException.class, () -> tokens.spend(assignment, b, 1, b));
        assertEquals(2, tokens.balance(course, b));

        assertEquals(9.0, fixture.finalPoints(outsiderResult));
        assertEquals(List.of(), fixture.rescores(outsiderHandin));
        assertEquals(List.of("rescore caused by " + username(a) + "'s late-token spend",
                "rescore caused by " + username(c) + "'s late-token spend"), fixture.rescores(groupHandin));
    }

    @Test
    void afterDueDetailsStayClosedUntilTheStudentsOwnExtendedDueTime() {
        long alice = fixture.enrol(course, "alice");
        long bob = fixture.enrol(course, "bob");
        UUID alices = fixture.handin(assignment, alice, null, "2026-03-15T10:00:00Z", false);
        fixture.addCheck(fixture.score(alices, 10, 0), "later", "after_due");
        UUID bobs = fixture.handin(assignment, bob, null, "2026-03-15T10:00:00Z", false);
        fixture.addCheck(fixture.score(bobs, 10, 0), "later", "after_due");
        deadlines.grant(assignment, alice, null, Instant.now().plusSeconds(86_400), "exchange semester", instructor);

        TestLogins.as("alice").get("/api/submissions/" + alices + "/result").then().statusCode(200)
                .body("checks.find { it.id == 'later' }", not(hasKey("points")));
        TestLogins.as("bob").get("/api/submissions/" + bobs + "/result").then().statusCode(200)
                .body("checks.find { it.id == 'later' }", hasKey("points"));
    }

    private String username(long id) {
        return fixture.username(id);
    }
}
