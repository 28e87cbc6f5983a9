package org.tensormark.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person who can log in: a local account (bcrypt password) or a single-sign-on one. */
@Entity
@Table(name = "app_user")
public class UserAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String username;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    public String email;

    /** The university's id for a student, as rosters name it; unique where given. */
    @Column(name = "student_id")
    public String studentId;

    @Column(name = "password_hash")
    public String passwordHash;

    @Column(nullable = false)
    public boolean admin;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();
}
