package org.tensormark.course;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code extension}: a new due time for one student or one team. */
@Entity
@Table(name = "extension")
class ExtensionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "assignment_id", nullable = false)
    String assignmentId;

    @Column(name = "user_id")
    Long userId;

    @Column(name = "team_id")
    Long teamId;

    @Column(name = "due_at", nullable = false)
    Instant dueAt;

    @Column(nullable = false)
    String reason;

    @Column(name = "granted_by", nullable = false)
    long grantedBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    Extension value() {
        return new Extension(id, assignmentId, userId, teamId, dueAt, reason, grantedBy, createdAt);
    }
}
