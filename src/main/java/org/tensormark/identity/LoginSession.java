package org.tensormark.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A browser session opened by a form login. */
@Entity
@Table(name = "login_session")
class LoginSession {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "user_id", nullable = false)
    Long userId;

    @Column(name = "secret_hash", nullable = false, unique = true)
    String secretHash;

    @Column(name = "created_at", nullable = false)
    Instant createdAt = Instant.now();

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(name = "closed_at")
    Instant closedAt;
}
