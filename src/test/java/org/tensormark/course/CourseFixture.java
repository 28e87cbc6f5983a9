package org.tensormark.course;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Writes throw-away courses and users with unique ids, so tests sharing one database never collide. */
@ApplicationScoped
class CourseFixture {

    private final EntityManager em;

    CourseFixture(EntityManager em) {
        this.em = em;
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A course folder with one course file ({@code lateTokens} tokens) and no assignments yet. */
    static Path courseFolder(Path dir, String courseId, int lateTokens) {
        write(dir.resolve(courseId + ".course.yaml"), "id: " + courseId + "\ntitle: Test course\n"
                + "time_zone: Asia/Singapore\nlate_tokens: " + lateTokens + "\n");
        return dir;
    }

    /** An assignment due at {@code due} (as written in YAML) with the given extra YAML appended. */
    static void assignment(Path dir, String id, String courseId, String due, String extra) {
        write(dir.resolve(id).resolve("assignment.yaml"), "id: " + id + "\ncourse: " + courseId + "\ntitle: Test " + id
                + "\nrelease: 2026-01-05T09:00\ndue: " + due + "\nfiles:\n  - role: code\n    types: [py]\n"
                + "    max_size: 1MB\nchecks:\n  - id: review\n    kind: manual\n    points: 10\n" + extra);
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long user() {
        String name = uniqueId("user");
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "insert into app_user (username, display_name) values (?1, ?1) returning id")
                .setParameter(1, name).getSingleResult()).longValue());
    }

    long team(String assignmentId, long creator, long... members) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long team = ((Number) em.createNativeQuery("insert into team (assignment_id, name, invite_code, created_by)"
                            + " values (?1, ?2, ?2, ?3) returning id")
                    .setParameter(1, assignmentId).setParameter(2, uniqueId("team")).setParameter(3, creator)
                    .getSingleResult()).longValue();
            for (long member : members) {
                em.createNativeQuery("insert into team_member (team_id, assignment_id, user_id) values (?1, ?2, ?3)")
                        .setParameter(1, team).setParameter(2, assignmentId).setParameter(3, member).executeUpdate();
            }
            return team;
        });
    }

    long auditEntries(String entityType, String entityId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from audit_log where entity_type = ?1 and entity_id = ?2")
                .setParameter(1, entityType).setParameter(2, entityId).getSingleResult()).longValue());
    }
}
