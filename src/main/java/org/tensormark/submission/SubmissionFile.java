package org.tensormark.submission;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One file of a hand-in, pointing at its content-addressed blob. */
@Entity
@Table(name = "submission_file")
@IdClass(SubmissionFile.Key.class)
public class SubmissionFile {

    @Id
    @Column(name = "submission_id")
    public UUID submissionId;

    @Id
    public String role;

    @Column(nullable = false)
    public String filename;

    @Column(nullable = false)
    public String sha256;

    @Column(nullable = false)
    public long size;

    /** When the file's bytes were removed (retention or anonymisation); null while they are kept. */
    @Column(name = "purged_at")
    public Instant purgedAt;

    /** The composite primary key. */
    public static class Key implements Serializable {
        UUID submissionId;
        String role;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.submissionId, submissionId) && Objects.equals(k.role, role);
        }

        @Override
        public int hashCode() {
            return Objects.hash(submissionId, role);
        }
    }
}
