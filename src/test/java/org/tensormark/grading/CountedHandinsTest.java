package org.tensormark.grading;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.dashboard.ClassOverview;
import org.tensormark.dashboard.Gradebook;
import org.tensormark.identity.DemoAccounts;
import org.tensormark.identity.TestLogins;

/**
 * The hand-in that counts, for a group of three and one student who never handed in, under each
 * counting rule, as the dashboard, the gradebook, its CSV and the student's page show it.
 */
@QuarkusTest
class CountedHandinsTest {

    @Inject
    ClassFixture fixture;

    @Inject
    CountedHandins counted;

    @Inject
    Gradebook gradebook;

    @Inject
    ClassOverview overview;

    @Inject
    DemoAccounts demo;

    String course;
    String last;
    String best;
    String chosen;
    long alice;
    long member2;
    long member3;
    long absent;

    @BeforeEach
    void aGroupOfThreeOnThreeAssignments() {
        demo.ensure();
        course = ClassFixture.uniqueId("counted");
        last = ClassFixture.uniqueId("last");
        best = ClassFixture.uniqueId("best");
        chosen = ClassFixture.uniqueId("chosen");
        fixture.course(course, Map.of(last, "counts: last\n", best, "counts: best\n", chosen, "counts: chosen\n"));
        alice = fixture.enrol(course, "alice");
        member2 = fixture.student(course);
        member3 = fixture.student(course);
        absent = fixture.student(course);
    }

    @Test
    void underTheLastRuleTheGroupsNewestHandinCountsForEveryMember() {
        long team = fixture.team(last, alice, member2, member3);
        fixture.score(fixture.handin(last, member2, team, "2026-03-14T10:00:00Z", false), 9, 0);
        UUID newest = fixture.handin(last, member3, team, "2026-03-15T10:00:00Z", false);
        fixture.score(newest, 6, 0);

        Map<Long, CountedHandins.Counted> all = counted.ofAssignment(last);
        for (long member : List.of(alice, member2, member3)) {
            assertEquals(newest, all.get(member).submissionId());
        }
        assertTrue(!all.containsKey(absent));
        assertTheClassShows(last, 6.0, newest);
    }

    @Test
    void underTheBestRuleTheHighestFinalScoreAfterPenaltyCountsForEveryMember() {
        long team = fixture.team(best, alice, member2, member3);
        UUID nine = fixture.handin(best, alice, team, "2026-03-13T10:00:00Z", false);
        fixture.score(nine, 9, 0);
        fixture.score(fixture.handin(best, member2, team, "2026-03-14T10:00:00Z", false), 10, 20);
        fixture.handin(best, member3, team, "2026-03-15T10:00:00Z", false);

        assertEquals(nine, counted.of(best, member3).orElseThrow().submissionId());
        assertTheClassShows(best, 9.0, nine);
        Map<String, Object> o = overview.of(best, course);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> histogram = (List<Map<String, Object>>) o.get("histogram");
        assertEquals(3L, histogram.get(9).get("count"));
        assertEquals(0L, o.get("awaitingScore"));
    }

    @Test
    void underTheChosenRuleTheGroupsChoiceCountsAndWithoutOneTheNewest() {
        long team = fixture.team(chosen, alice, member2, member3);
        UUID picked = fixture.handin(chosen, alice, team, "2026-03-13T10:00:00Z", true);
        fixture.score(picked, 5, 0);
        fixture.score(fixture.handin(chosen, member2, team, "2026-03-14T10:00:00Z", false), 7, 0);
        assertTheClassShows(chosen, 5.0, picked);

        long solo = fixture.student(course);
        fixture.score(fixture.handin(chosen, solo, null, "2026-03-13T10:00:00Z", false), 3, 0);
        UUID newest = fixture.handin(chosen, solo, null, "2026-03-14T10:00:00Z", false);
        fixture.score(newest, 4, 0);
        assertEquals(newest, counted.of(chosen, solo).orElseThrow().submissionId());
    }

    /** Dashboard counts, gradebook rows, CSV and the student's own page agree on the counted hand-in. */
    private void assertTheClassShows(String assignment, double points, UUID handin) {
        Map<String, Object> o = overview.of(assignment, course);
        assertEquals(4L, o.get("students"));
        assertEquals(3L, o.get("handedIn"));
        assertEquals(1L, o.get("notYet"));

        List<Gradebook.Row> rows = gradebook.rows(course, List.of(assignment), null);
        for (Gradebook.Row row : rows) {
            if (row.userId() == absent) {
                assertEquals(List.of(assignment), row.notHandedIn());
            } else {
                assertEquals(points, row.finalPoints().get(assignment), row.username());
                assertEquals(handin.toString(), row.handIns().get(assignment), row.username());
                assertTrue(row.notHandedIn().isEmpty(), row.username());
            }
        }
        String csv = gradebook.csv(rows, List.of(assignment));
        assertEquals(3, csv.lines().filter(l -> l.endsWith("," + points)).count(), csv);

        TestLogins.as("alice").get("/api/assignments/" + assignment + "/counted").then().statusCode(200)
                .body("submissionId", equalTo(handin.toString()))
                .body("counting", equalTo(assignment.substring(0, assignment.indexOf('-'))));
    }
}
