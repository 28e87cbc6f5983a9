package org.tensormark.project;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.course.AssignmentSync;
import org.tensormark.identity.TestLogins;

/**
 * The project's leaderboard over HTTP: the held-out labels never reach a student, a group names
 * itself with a pseudonym that shows no real name, entries are limited per 24 hours with a clear
 * 429, and private scores appear only after the due time.
 */
@QuarkusTest
class LeaderboardTest {

    @Inject
    ProjectCourse course;

    @Inject
    EntityManager em;

    @Inject
    AssignmentSync sync;

    @BeforeEach
    void course() {
        course.ensure();
    }

    private static String path(String assignment, String rest) {
        return "/api/assignments/" + assignment + "/leaderboard" + rest;
    }

    private static HeldOutSet heldOut() {
        return HeldOutSet.of(LeaderboardSpec.from(Map.of("seed", 9157, "size", 40, "classes", 3, "features", 2,
                "metric", "accuracy", "public_fraction", 0.5, "entries_per_day", 2)));
    }

    /** Predictions right on the public rows (when {@code publicRight}) and on the private rows (when {@code privateRight}). */
    private static String predictions(boolean publicRight, boolean privateRight) {
        StringBuilder csv = new StringBuilder("id,prediction\n");
        heldOut().truth().forEach((id, t) -> {
            boolean right = t.isPublic() ? publicRight : privateRight;
            csv.append(id).append(',').append(right ? t.label() : "wrong").append('\n');
        });
        return csv.toString();
    }

    private static io.restassured.response.Response enter(String student, String assignment, String csv) {
        return TestLogins.as(student).contentType("text/csv").body(csv).post(path(assignment, "/entries"));
    }

    private static void name(String student, String assignment, String pseudonym, int status) {
        TestLogins.as(student).contentType("application/json").body(Map.of("pseudonym", pseudonym))
                .put(path(assignment, "/pseudonym")).then().statusCode(status);
    }

    @Test
    void theHeldOutLabelsAndTheSplitAreNeverServedToAStudent() {
        String inputs = TestLogins.as("alice").get(path(ProjectCourse.BOARD, "/inputs.csv")).then().statusCode(200)
                .extract().asString();
        assertEquals("id,x1,x2", inputs.lines().findFirst().orElseThrow());
        assertEquals(41, inputs.lines().count());
        assertTrue(inputs.lines().skip(1).allMatch(l -> l.split(",").length == 3), inputs);
        String train = TestLogins.as("alice").get(path(ProjectCourse.BOARD, "/train.csv")).then().statusCode(200)
                .extract().asString();
        assertEquals("id,x1,x2,label", train.lines().findFirst().orElseThrow());
        assertFalse(train.contains("t00000"), "the training rows are not the held-out ones");
        String board = TestLogins.as("alice").get(path(ProjectCourse.BOARD, "")).then().statusCode(200)
                .body("publicRows", equalTo(20)).body("privateRows", equalTo(20)).extract().asString();
        assertFalse(board.contains("t000"), "the board names no held-out row: " + board);
        TestLogins.as("alice").get("/api/assignments/" + ProjectCourse.BOARD + "/release.zip").then().statusCode(404);
    }

    @Test
    void aPseudonymShowingARealNameAUsernameOrAStudentIdIsRefusedAndOneNameIsOneGroups() {
        name("alice", ProjectCourse.BOARD, "Alice and friends", 400);
        name("alice", ProjectCourse.BOARD, "Team Lim", 400);
        name("alice", ProjectCourse.BOARD, "bob-squad", 400);
        name("alice", ProjectCourse.BOARD, "Fans of U1500002B", 400);
        name("alice", ProjectCourse.BOARD, "x", 400);
        name("alice", ProjectCourse.BOARD, "<script>", 400);
        name("alice", ProjectCourse.BOARD, "Gradient Ghosts", 200);
        name("carol", ProjectCourse.BOARD, "gradient ghosts", 409);
        name("carol", ProjectCourse.BOARD, "Vanishing Gradients", 200);
        TestLogins.as("dave").get(path(ProjectCourse.BOARD, "")).then().statusCode(200)
                .body("yourPseudonym", equalTo("Vanishing Gradients"));
    }

    @Test
    void aGroupOverItsDailyEntriesGetsA429SayingWhenItsNextEntryIsAllowed() {
        name("carol", ProjectCourse.BOARD, "Vanishing Gradients", 200);
        Instant before = Instant.now();
        enter("carol", ProjectCourse.BOARD, predictions(true, false)).then().statusCode(201)
                .body("publicScore", equalTo(1.0f)).body("privateScore", nullValue());
        enter("dave", ProjectCourse.BOARD, predictions(false, true)).then().statusCode(201)
                .body("publicScore", equalTo(0.0f));
        io.restassured.response.Response third = enter("carol", ProjectCourse.BOARD, predictions(true, true));
        third.then().statusCode(429)
                .body("message", containsString("2 leaderboard entries of the last 24 hours; the next is allowed at"))
                .body("nextAllowedAt", notNullValue());
        Instant next = Instant.parse(third.path("nextAllowedAt"));
        assertTrue(!next.isBefore(before.plus(Duration.ofHours(24))) && next.isBefore(Instant.now().plus(Duration.ofHours(24))),
                "next entry allowed 24 hours after the first: " + next);
        long retryAfter = Long.parseLong(third.header("Retry-After"));
        assertTrue(retryAfter > 86_000 && retryAfter <= 86_400, "Retry-After " + retryAfter);
        TestLogins.as("carol").get(path(ProjectCourse.BOARD, "")).then().statusCode(200)
                .body("yourEntriesLeft", equalTo(0)).body("yourEntries", hasSize(2));
    }

    @Test
    void privateScoresStayHiddenBeforeTheDueTimeAndRankTheBoardAfterIt() {
        name("alice", ProjectCourse.BOARD_DUE, "Overfitters", 200);
        enter("bob", ProjectCourse.BOARD_DUE, predictions(true, false)).then().statusCode(201);
        String before = TestLogins.as("dave").get(path(ProjectCourse.BOARD_DUE, "")).then().statusCode(200)
                .body("privateRevealed", equalTo(false))
                .body("standings[0].pseudonym", equalTo("Overfitters"))
                .body("standings[0].publicScore", equalTo(1.0f))
                .body("standings.privateScore", everyItem(nullValue())).extract().asString();
        assertFalse(before.contains("Alice") || before.contains("alice"), before);
        TestLogins.as("alice").get(path(ProjectCourse.BOARD_DUE, "")).then()
                .body("yourEntries[0].privateScore", nullValue());

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update assignment_version set"
                + " due_at = now() - interval '1 minute' where assignment_id = ?1")
                .setParameter(1, ProjectCourse.BOARD_DUE).executeUpdate());

        TestLogins.as("dave").get(path(ProjectCourse.BOARD_DUE, "")).then().statusCode(200)
                .body("privateRevealed", equalTo(true))
                .body("standings[0].privateScore", equalTo(0.0f))
                .body("standings[0].publicScore", equalTo(1.0f));
        enter("alice", ProjectCourse.BOARD_DUE, predictions(true, true)).then().statusCode(409)
                .body("message", containsString("closed at the due time"));
        TestLogins.as("alice").get(path(ProjectCourse.BOARD_DUE, "")).then()
                .body("yourEntries[0].privateScore", equalTo(0.0f)).body("standings", not(hasSize(0)));
    }

    @Test
    void aWrongLeaderboardSectionFailsTheSyncNamingTheField() throws IOException {
        Path dir = Files.createTempDirectory("bad-board");
        Files.createDirectories(dir.resolve("pj-bad-board"));
        Files.writeString(dir.resolve("pj-bad-board").resolve("assignment.yaml"), """
                id: pj-bad-board
                course: projtest
                title: Bad leaderboard
                release: "-1d"
                due: "+7d"
                files:
                  - {role: code, types: [py], max_size: 1MB}
                checks:
                  - {id: review, kind: manual, points: 10}
                leaderboard: {seed: 1, metric: auc}
                """);
        Files.writeString(dir.resolve("projtest.course.yaml"), "id: projtest\ntitle: Project tests\n");
        RuntimeException failed = assertThrows(RuntimeException.class, () -> sync.sync(dir));
        assertTrue(failed.getMessage().contains("pj-bad-board: leaderboard.metric must be accuracy or macro_f1"),
                failed.getMessage());
    }
}
