package org.tensormark.course;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A group of students handing in together for one group assignment. */
@Entity
@Table(name = "team")
class Team {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "assignment_id", nullable = false)
    String assignmentId;

    @Column(nullable = false)
    String name;

    @Column(name = "invite_code", nullable = false, unique = true)
    String inviteCode;

    @Column(name = "created_by", nullable = false)
    Long createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt = Instant.now();
}
