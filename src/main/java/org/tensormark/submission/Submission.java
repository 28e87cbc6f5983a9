package org.tensormark.submission;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One hand-in: who, for which assignment version, when the server received it. */
@Entity
@Table(name = "submission")
public class Submission {

    @Id
    public UUID id;

    @Column(name = "assignment_id", nullable = false)
    public String assignmentId;

    @Column(name = "assignment_version", nullable = false)
    public int assignmentVersion;

    @Column(name = "submitter_id", nullable = false)
    public Long submitterId;

    @Column(name = "team_id")
    public Long teamId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(nullable = false)
    public boolean chosen;
}
