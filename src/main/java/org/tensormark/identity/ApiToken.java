package org.tensormark.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A personal API token for the CLI; only the sha256 of its secret is stored. It works until it expires or is revoked. */
@Entity
@Table(name = "api_token")
class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "user_id", nullable = false)
    Long userId;

    @Column(nullable = false)
    String name;

    @Column(name = "token_hash", nullable = false, unique = true)
    String tokenHash;

    @Column(nullable = false)
    String prefix;

    @Column(name = "created_at", nullable = false)
    Instant createdAt = Instant.now();

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(name = "last_used_at")
    Instant lastUsedAt;

    @Column(name = "revoked_at")
    Instant revokedAt;
}
