package org.tensormark.grading;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.tensormark.course.AssignmentSync;

/**
 * A throw-away course with unique ids, its students, groups, hand-ins and recorded scores written
 * as the platform would leave them, for tests of what is computed from them (the test profile
 * runs no worker).
 */
@ApplicationScoped
class ClassFixture {

    private final EntityManager em;
    private final AssignmentSync sync;

    ClassFixture(EntityManager em, AssignmentSync sync) {
        this.em = em;
        this.sync = sync;
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Syncs a course {@code courseId} with one group assignment (groups of up to 3) per entry of
     * {@code assignments}: "id" → extra YAML (e.g. "counts: best\n"). Due 2026-03-15 23:59 Singapore,
     * 5 % a day for at most 3 days, late tokens allowed (2 per student).
     */
    void course(String courseId, java.util.Map<String, String> assignments) {
        try {
            Path dir = Files.createTempDirectory("class-fixture");
            Files.writeString(dir.resolve(courseId + ".course.yaml"), "id: " + courseId
                    + "\ntitle: Test course\ntime_zone: Asia/Singapore\nlate_tokens: 2\n");
            for (var a : assignments.entrySet()) {
                Files.createDirectories(dir.resolve(a.getKey()));
                Files.writeString(dir.resolve(a.getKey()).resolve("assignment.yaml"), "id: " + a.getKey()
                        + "\ncourse: " + courseId + "\ntitle: Test " + a.getKey()
                        + "\nrelease: 2026-01-05T09:00\ndue: 2026-03-15T23:59\ngroup: {max_size: 3}\n"
                        + "late:\n  penalty_per_unit: 5\n  unit: day\n  max_units: 3\n  tokens_allowed: true\n"
                        + "files:\n  - role: code\n    types: [py]\n    max_size: 1MB\n"
                        + "checks:\n  - id: review\n    kind: manual\n    points: 10\n" + a.getValue());
            }
            sync.sync(dir, Instant.parse("2026-02-01T00:00:00Z"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new account enrolled in the course as a student; returns its id. */
    long student(String courseId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long id = ((Number) em.createNativeQuery("insert into app_user (username, display_name) values (?1, ?1)"
                    + " returning id").setParameter(1, uniqueId("s")).getSingleResult()).longValue();
            em.createNativeQuery("insert into enrolment (course_id, user_id, role) values (?1, ?2, 'student')")
                    .setParameter(1, courseId).setParameter(2, id).executeUpdate();
            return id;
        });
    }

    /** An existing account (a demo user) enrolled in the course as a student; returns its id. */
    long enrol(String courseId, String username) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long id = ((Number) em.createNativeQuery("select id from app_user where username = ?1")
                    .setParameter(1, username).getSingleResult()).longValue();
            em.createNativeQuery("insert into enrolment (course_id, user_id, role) values (?1, ?2, 'student')")
                    .setParameter(1, courseId).setParameter(2, id).executeUpdate();
            return id;
        });
    }

    /** Adds a passed check of 1 point with the given visibility to a recorded result. */
    void addCheck(long resultId, String checkId, String visibility) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into check_result (result_id, check_id, kind, visibility, points, max_points, status,
                    summary, details)
                values (?1, ?2, 'tensor', ?3, 1, 1, 'passed', 'all values match', '{}'::jsonb)""")
                .setParameter(1, resultId).setParameter(2, checkId).setParameter(3, visibility).executeUpdate());
    }

    long team(String assignmentId, long... members) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long team = ((Number) em.createNativeQuery("insert into team (assignment_id, name, invite_code, created_by)"
                            + " values (?1, ?2, ?2, ?3) returning id")
                    .setParameter(1, assignmentId).setParameter(2, uniqueId("team")).setParameter(3, members[0])
                    .getSingleResult()).longValue();
            for (long member : members) {
                em.createNativeQuery("insert into team_member (team_id, assignment_id, user_id) values (?1, ?2, ?3)")
                        .setParameter(1, team).setParameter(2, assignmentId).setParameter(3, member).executeUpdate();
            }
            return team;
        });
    }

    /** A hand-in received at {@code at} by {@code submitter} (for {@code team}, may be null). */
    UUID handin(String assignmentId, long submitter, Long team, String at, boolean chosen) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into submission (id, assignment_id, assignment_version, submitter_id, team_id, received_at, chosen)
                values (?1, ?2, 1, ?3, ?4, cast(?5 as timestamptz), ?6)""")
                .setParameter(1, id).setParameter(2, assignmentId).setParameter(3, submitter)
                .setParameter(4, team == null ? null : team).setParameter(5, at).setParameter(6, chosen)
                .executeUpdate());
        return id;
    }

    /** A recorded result: raw points of 10, the given late penalty, its review check passed or failed. */
    long score(UUID submissionId, double raw, double penaltyPercent) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long job = ((Number) em.createNativeQuery("insert into grading_job (submission_id, purpose, priority, state)"
                    + " values (?1, 'handin', 10, 'done') returning id").setParameter(1, submissionId)
                    .getSingleResult()).longValue();
            long result = ((Number) em.createNativeQuery("""
                    insert into grading_result (job_id, submission_id, assignment_version, outcome, raw_points,
                        max_points, late_penalty_percent, late_sentence, final_points, provenance)
                    values (?1, ?2, 1, 'scored', ?3, 10, ?4, 'recorded by a test', ?5, '{}'::jsonb) returning id""")
                    .setParameter(1, job).setParameter(2, submissionId).setParameter(3, raw)
                    .setParameter(4, penaltyPercent).setParameter(5, raw * (1 - penaltyPercent / 100))
                    .getSingleResult()).longValue();
            em.createNativeQuery("""
                    insert into check_result (result_id, check_id, kind, visibility, points, max_points, status,
                        summary, details)
                    values (?1, 'review', 'manual', 'visible', ?2, 10, ?3, 'test', '{}'::jsonb)""")
                    .setParameter(1, result).setParameter(2, raw).setParameter(3, raw == 10 ? "passed" : "partial")
                    .executeUpdate();
            return result;
        });
    }

    String username(long userId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select username from app_user where id = ?1").setParameter(1, userId).getSingleResult());
    }

    double finalPoints(long resultId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select final_points from grading_result where id = ?1").setParameter(1, resultId)
                .getSingleResult()).doubleValue());
    }

    /** The "why" of every rescore audited for the hand-in. */
    java.util.List<String> rescores(UUID submissionId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            java.util.List<String> why = em.createNativeQuery("select after_state ->> 'why' from audit_log"
                    + " where action = 'submission.rescore' and entity_id = ?1 order by id")
                    .setParameter(1, submissionId.toString()).getResultList();
            return why;
        });
    }
}
