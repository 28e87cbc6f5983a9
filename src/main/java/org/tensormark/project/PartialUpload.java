package org.tensormark.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An upload in progress: what its owner declared; the bytes that arrived are in its {@code .part} file. */
@Entity
@Table(name = "partial_upload")
class PartialUpload {

    @Id
    UUID id;

    @Column(name = "user_id", nullable = false)
    long userId;

    @Column(name = "assignment_id", nullable = false)
    String assignmentId;

    @Column(nullable = false)
    String role;

    @Column(nullable = false)
    String filename;

    @Column(nullable = false)
    long size;

    @Column(nullable = false)
    String sha256;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(name = "completed_at")
    Instant completedAt;
}
