package org.tensormark.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A single-sign-on identity (issuer + subject) and the account it signs in to. */
@Entity
@Table(name = "sign_on_link")
class SignOnLink {

    /** How a link came about. */
    static final String FIRST_SIGN_IN = "first-sign-in";
    static final String ADMIN = "admin";
    static final String VERIFIED_EMAIL = "verified-email";
    static final String ROSTER = "roster";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String issuer;

    @Column(nullable = false)
    String subject;

    @Column(name = "user_id", nullable = false)
    Long userId;

    @Column(name = "linked_by", nullable = false)
    String linkedBy;

    @Column(name = "linked_at", nullable = false)
    Instant linkedAt = Instant.now();
}
