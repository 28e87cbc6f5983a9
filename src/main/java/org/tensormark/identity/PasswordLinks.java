package org.tensormark.identity;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tensormark.audit.AuditTrail;
import org.tensormark.problem.Problem;

/**
 * One-time links that let the owner of a password-less account (one a roster created) set a
 * password. Only the secret's sha256 is stored; a link works once, until it expires, and a new
 * link for an account voids its older ones. Issuing and using a link are audited.
 */
@ApplicationScoped
public class PasswordLinks {

    /** How long a link works. */
    public static final Duration LIFETIME = Duration.ofDays(14);
    static final String PREFIX = "tmp_";
    private static final int MIN_PASSWORD = 10;

    private final EntityManager em;
    private final AuditTrail audit;

    PasswordLinks(EntityManager em, AuditTrail audit) {
        this.em = em;
        this.audit = audit;
    }

    /** A new link's secret (shown once) and when it stops working. */
    public record Issued(long userId, String secret, Instant expiresAt) {
    }

    /** Issues a link for each of these accounts that has no password yet; accounts with one are skipped. */
    @Transactional
    public List<Issued> issueForPasswordless(List<Long> userIds, long actorId) {
        return userIds.stream().filter(id -> {
            UserAccount u = em.find(UserAccount.class, id);
            return u != null && u.passwordHash == null;
        }).map(id -> issue(id, actorId)).toList();
    }

    private Issued issue(long userId, long actorId) {
        em.createNativeQuery("update password_link set used_at = now() where user_id = ?1 and used_at is null")
                .setParameter(1, userId).executeUpdate();
        String secret = Secrets.newSecret(PREFIX);
        Instant expires = Instant.now().plus(LIFETIME);
        em.createNativeQuery("insert into password_link (user_id, token_hash, created_by, expires_at)"
                        + " values (?1, ?2, ?3, ?4)").setParameter(1, userId).setParameter(2, Secrets.hash(secret))
                .setParameter(3, actorId).setParameter(4, expires).executeUpdate();
        audit.record(actorId, "password-link.issue", "user", String.valueOf(userId), null,
                Map.of("expiresAt", expires.toString()));
        return new Issued(userId, secret, expires);
    }

    /** Sets the password of the link's account and spends the link; 400 for an unknown, used or expired link. */
    @Transactional
    public void setPassword(String secret, String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw Problem.invalid("Choose a password of at least " + MIN_PASSWORD + " characters.");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, user_id from password_link where token_hash = ?1"
                        + " and used_at is null and expires_at > now() for update")
                .setParameter(1, Secrets.hash(secret == null ? "" : secret)).getResultList();
        if (rows.isEmpty()) {
            throw Problem.invalid("This link is not valid: it was used, replaced or has expired. Ask your instructor"
                    + " for a new one.");
        }
        long linkId = ((Number) rows.get(0)[0]).longValue();
        long userId = ((Number) rows.get(0)[1]).longValue();
        em.createNativeQuery("update password_link set used_at = now() where id = ?1").setParameter(1, linkId)
                .executeUpdate();
        em.find(UserAccount.class, userId).passwordHash = BcryptUtil.bcryptHash(password, 10);
        audit.record(userId, "password-link.use", "user", String.valueOf(userId), null, Map.of("link", linkId));
    }
}
