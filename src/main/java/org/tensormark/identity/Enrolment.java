package org.tensormark.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A user's role in one course, their section, and when they were dropped (null while enrolled). */
@Entity
@Table(name = "enrolment")
@IdClass(Enrolment.Key.class)
class Enrolment {

    @Id
    @Column(name = "course_id")
    String courseId;

    @Id
    @Column(name = "user_id")
    Long userId;

    @Column(nullable = false)
    @Convert(converter = CourseRole.Converter.class)
    CourseRole role;

    String section;

    @Column(name = "dropped_at")
    Instant droppedAt;

    boolean active() {
        return droppedAt == null;
    }

    /** The composite primary key. */
    static class Key implements Serializable {
        String courseId;
        Long userId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.courseId, courseId) && Objects.equals(k.userId, userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(courseId, userId);
        }
    }
}
