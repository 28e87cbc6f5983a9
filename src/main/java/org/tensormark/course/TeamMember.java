package org.tensormark.course;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One student's membership of a group. */
@Entity
@Table(name = "team_member")
@IdClass(TeamMember.Key.class)
class TeamMember {

    @Id
    @Column(name = "team_id")
    Long teamId;

    @Id
    @Column(name = "user_id")
    Long userId;

    @Column(name = "assignment_id", nullable = false)
    String assignmentId;

    @Column(name = "joined_at", nullable = false)
    Instant joinedAt = Instant.now();

    /** The composite primary key. */
    static class Key implements Serializable {
        Long teamId;
        Long userId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.teamId, teamId) && Objects.equals(k.userId, userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(teamId, userId);
        }
    }
}
