package org.tensormark.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
class LateTokensTest {

    private static final Instant DUE = Instant.parse("2026-03-15T15:59:00Z");

    @Inject
    AssignmentSync sync;

    @Inject
    LateTokens tokens;

    @Inject
    Deadlines deadlines;

    @Inject
    CourseFixture fixture;

    @TempDir
    Path dir;

    String course;
    String withTokens;
    String withoutTokens;
    long student;

    @BeforeEach
    void aCourseWithTwoTokensPerStudent() {
        course = CourseFixture.uniqueId("c");
        withTokens = CourseFixture.uniqueId("a");
        withoutTokens = CourseFixture.uniqueId("a");
        CourseFixture.courseFolder(dir, course, 2);
        CourseFixture.assignment(dir, withTokens, course, "2026-03-15T23:59", "late: {tokens_allowed: true}\n");
        CourseFixture.assignment(dir, withoutTokens, course, "2026-03-15T23:59", "");
        sync.sync(dir, Instant.parse("2026-02-01T00:00:00Z"));
        student = fixture.user();
    }

    @Test
    void spendingTokensLowersTheBalanceAndThePenaltyAndIsAudited() {
        assertEquals(2, tokens.balance(course, student));
        assertEquals(1, tokens.spend(withTokens, student, 1, student));
        assertEquals(1, tokens.balance(course, student));
        assertEquals(1, tokens.spentOn(withTokens, student));
        LateDecision decision = deadlines.lateness(withTokens, 1, student, null, DUE.plus(Duration.ofHours(30)));
        assertEquals(2, decision.unitsLate());
        assertEquals(5, decision.penaltyPercent());
        assertEquals(2, tokens.balance(course, fixture.user()));
    }

    @Test
    void theBalanceNeverGoesBelowZero() {
        assertThrows(IllegalStateException.class, () -> tokens.spend(withTokens, student, 3, student));
        tokens.spend(withTokens, student, 2, student);
        assertThrows(IllegalStateException.class, () -> tokens.spend(withTokens, student, 1, student));
        assertThrows(IllegalArgumentException.class, () -> tokens.spend(withTokens, student, 0, student));
        assertEquals(0, tokens.balance(course, student));
    }

    @Test
    void anAssignmentWhoseRuleRefusesTokensTakesNone() {
        assertThrows(IllegalStateException.class, () -> tokens.spend(withoutTokens, student, 1, student));
        assertEquals(2, tokens.balance(course, student));
    }

    @Test
    void concurrentSpendsCannotOverdrawTheBalance() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            Callable<Integer> spendOne = () -> {
                try {
                    tokens.spend(withTokens, student, 1, student);
                    return 1;
                } catch (IllegalStateException refused) {
                    return 0;
                }
            };
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(spendOne));
            }
            int spent = 0;
            for (Future<Integer> result : results) {
                spent += result.get();
            }
            assertEquals(2, spent);
            assertEquals(0, tokens.balance(course, student));
        } finally {
            pool.shutdown();
        }
    }
}
