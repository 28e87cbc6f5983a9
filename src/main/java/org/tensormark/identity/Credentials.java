package org.tensormark.identity;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tensormark.api.ApiException;
import org.tensormark.audit.AuditTrail;

/**
 * Secrets that stand for a user: personal API tokens (shown once, revocable) and browser
 * sessions (opened by a form login, closed by logout or expiry).
 */
@ApplicationScoped
public class Credentials {

    static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    private final EntityManager em;
    private final AuditTrail audit;

    Credentials(EntityManager em, AuditTrail audit) {
        this.em = em;
        this.audit = audit;
    }

    /** A new token; its secret is returned once and only its hash is kept. */
    @Transactional
    public IssuedToken issueToken(long userId, String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ApiException.badRequest("A token needs a name of 1 to 100 characters, e.g. \"laptop CLI\".");
        }
        String secret = Secrets.newSecret(Secrets.TOKEN_PREFIX);
        ApiToken token = new ApiToken();
        token.userId = userId;
        token.name = name.strip();
        token.tokenHash = Secrets.hash(secret);
        token.prefix = secret.substring(0, 10);
        em.persist(token);
        audit.record(userId, "token.issue", "api_token", String.valueOf(token.id), null,
                Map.of("name", token.name, "prefix", token.prefix));
        return new IssuedToken(token.id, token.name, token.prefix, secret, token.createdAt);
    }

    @Transactional
    public List<TokenSummary> tokens(long userId) {
        return em.createQuery("from ApiToken where userId = :u order by id", ApiToken.class)
                .setParameter("u", userId).getResultStream()
                .map(t -> new TokenSummary(t.id, t.name, t.prefix, t.createdAt, t.lastUsedAt, t.revokedAt)).toList();
    }

    /** Revokes one of the user's own tokens; another user's token id is "not found". */
    @Transactional
    public void revokeToken(long userId, long tokenId) {
        ApiToken token = em.find(ApiToken.class, tokenId);
        if (token == null || !token.userId.equals(userId)) {
            throw ApiException.notFound("You have no token with id " + tokenId + ".");
        }
        if (token.revokedAt == null) {
            token.revokedAt = Instant.now();
            audit.record(userId, "token.revoke", "api_token", String.valueOf(tokenId), null,
                    Map.of("revokedAt", token.revokedAt.toString()));
        }
    }

    @Transactional
    public String openSession(long userId) {
        String secret = Secrets.newSecret(Secrets.SESSION_PREFIX);
        LoginSession session = new LoginSession();
        session.userId = userId;
        session.secretHash = Secrets.hash(secret);
        session.expiresAt = Instant.now().plus(SESSION_LIFETIME);
        em.persist(session);
        return secret;
    }

    @Transactional
    public void closeSession(String secret) {
        em.createQuery("update LoginSession set closedAt = :now where secretHash = :h and closedAt is null")
                .setParameter("now", Instant.now()).setParameter("h", Secrets.hash(secret)).executeUpdate();
    }

    /** The user a token or session secret stands for; fails for unknown, revoked or expired ones. */
    @Transactional
    public UserAccount authenticate(String secret) {
        Long userId = secret.startsWith(Secrets.SESSION_PREFIX) ? sessionUser(secret) : tokenUser(secret);
        UserAccount user = userId == null ? null : em.find(UserAccount.class, userId);
        if (user == null) {
            throw new AuthenticationFailedException(secret.startsWith(Secrets.SESSION_PREFIX)
                    ? "Your session has ended; please log in again."
                    : "This API token is not valid: it is wrong or has been revoked.");
        }
        return user;
    }

    private Long tokenUser(String secret) {
        ApiToken token = em.createQuery("from ApiToken where tokenHash = :h", ApiToken.class)
                .setParameter("h", Secrets.hash(secret)).getResultStream().findFirst().orElse(null);
        if (token == null || token.revokedAt != null) {
            return null;
        }
        token.lastUsedAt = Instant.now();
        return token.userId;
    }

    private Long sessionUser(String secret) {
        return em.createQuery("select userId from LoginSession where secretHash = :h and closedAt is null"
                        + " and expiresAt > :now", Long.class)
                .setParameter("h", Secrets.hash(secret)).setParameter("now", Instant.now())
                .getResultStream().findFirst().orElse(null);
    }

    /** A token as created: the secret is in here and nowhere else. */
    public record IssuedToken(long id, String name, String prefix, String token, Instant createdAt) {
    }

    /** A token as listed later: no secret. */
    public record TokenSummary(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt,
            Instant revokedAt) {
    }
}
