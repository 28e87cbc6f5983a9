package org.tensormark.course;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code assignment}: the stable id and which version is current. */
@Entity
@Table(name = "assignment")
class AssignmentEntity {

    @Id
    String id;

    @Column(name = "course_id", nullable = false)
    String courseId;

    @Column(name = "current_version", nullable = false)
    int currentVersion;

    AssignmentEntity() {
    }

    AssignmentEntity(String id, String courseId) {
        this.id = id;
        this.courseId = courseId;
        this.currentVersion = 1;
    }

    /** Moves to the next version and returns its number; inside the entity so the change is tracked. */
    int nextVersion() {
        currentVersion = currentVersion + 1;
        return currentVersion;
    }
}
