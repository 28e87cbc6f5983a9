package org.tensormark.course;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.ColumnTransformer;

/** A row of {@code assignment_version}; never updated once inserted. */
@Entity
@Table(name = "assignment_version")
@IdClass(AssignmentVersionEntity.Key.class)
class AssignmentVersionEntity {

    @Id
    @Column(name = "assignment_id")
    String assignmentId;

    @Id
    int version;

    @Column(name = "content_sha256", nullable = false)
    String contentSha256;

    @Column(nullable = false)
    String title;

    @Column(name = "group_work", nullable = false)
    boolean groupWork;

    @Column(name = "max_group_size", nullable = false)
    int maxGroupSize;

    @Column(name = "release_at", nullable = false)
    Instant releaseAt;

    @Column(name = "due_at", nullable = false)
    Instant dueAt;

    /**
     * JSON text of {@link StoredSpec}. Kept as text with a cast, not a Hibernate JSON type, so that
     * it never depends on how the REST layer configures Jackson.
     */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    String spec;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    /** The composite primary key (assignment_id, version). */
    static class Key implements Serializable {
        String assignmentId;
        int version;

        Key() {
        }

        Key(String assignmentId, int version) {
            this.assignmentId = assignmentId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.assignmentId.equals(assignmentId) && k.version == version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(assignmentId, version);
        }
    }
}
