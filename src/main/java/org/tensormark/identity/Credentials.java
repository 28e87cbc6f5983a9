package org.tensormark.identity;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.tensormark.audit.AuditTrail;
import org.tensormark.problem.Problem;

/**
 * Secrets that stand for a user: personal API tokens (shown once, expiring after
 * {@link TokenConfig#lifetime()}, revocable) and browser sessions (opened by a form login, closed
 * by logout or expiry).
 */
@ApplicationScoped
public class Credentials {

    static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    private static final DateTimeFormatter DAY_AND_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final EntityManager em;
    private final AuditTrail audit;
    private final TokenConfig config;

    Credentials(EntityManager em, AuditTrail audit, TokenConfig config) {
        if (config.lifetime().isNegative() || config.lifetime().isZero()) {
            throw new IllegalArgumentException("Invalid tensormark.tokens.lifetime '" + config.lifetime()
                    + "': a token must work for longer than zero.");
        }
        this.em = em;
        this.audit = audit;
        this.config = config;
    }

    /** A new token; its secret is returned once and only its hash is kept. */
    @Transactional
    public IssuedToken issueToken(long userId, String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw Problem.invalid("A token needs a name of 1 to 100 characters, e.g. \"laptop CLI\".");
        }
        String secret = Secrets.newSecret(Secrets.TOKEN_PREFIX);
        ApiToken token = new ApiToken();
        token.userId = userId;
        token.name = name.strip();
        token.tokenHash = Secrets.hash(secret);
        token.prefix = secret.substring(0, 10);
        token.expiresAt = token.createdAt.plus(config.lifetime());
        em.persist(token);
        audit.record(userId, "token.issue", "api_token", String.valueOf(token.id), null,
                Map.of("name", token.name, "prefix", token.prefix, "expiresAt", token.expiresAt.toString()));
        return new IssuedToken(token.id, token.name, token.prefix, secret, token.createdAt, token.expiresAt);
    }

    @Transactional
    public List<TokenSummary> tokens(long userId) {
        return em.createQuery("from ApiToken where userId = :u order by id", ApiToken.class)
                .setParameter("u", userId).getResultStream()
                .map(t -> TokenSummary.of(t, Instant.now())).toList();
    }

    /** Revokes one of the user's own tokens; another user's token id is "not found". */
    @Transactional
    public void revokeToken(long userId, long tokenId) {
        ApiToken token = em.find(ApiToken.class, tokenId);
        if (token == null || !token.userId.equals(userId)) {
            throw Problem.notFound("You have no token with id " + tokenId + ".");
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

    /** The user a token or session secret stands for; fails with a sentence for unknown, revoked or expired ones. */
    @Transactional
    public UserAccount authenticate(String secret) {
        Long userId = secret.startsWith(Secrets.SESSION_PREFIX) ? sessionUser(secret) : tokenUser(secret, Instant.now());
        UserAccount user = userId == null ? null : em.find(UserAccount.class, userId);
        if (user == null) {
            throw new AuthenticationFailedException(secret.startsWith(Secrets.SESSION_PREFIX)
                    ? "Your session has ended; please log in again."
                    : "This API token is not valid: it is wrong or has been revoked.");
        }
        return user;
    }

    private Long tokenUser(String secret, Instant now) {
        ApiToken token = em.createQuery("from ApiToken where tokenHash = :h", ApiToken.class)
                .setParameter("h", Secrets.hash(secret)).getResultStream().findFirst().orElse(null);
        if (token == null || token.revokedAt != null) {
            return null;
        }
        if (!now.isBefore(token.expiresAt)) {
            throw new AuthenticationFailedException("This API token expired on " + DAY_AND_TIME.format(token.expiresAt)
                    + " UTC; make a new one in the portal under \"API tokens\".");
        }
        token.lastUsedAt = now;
        return token.userId;
    }

    private Long sessionUser(String secret) {
        return em.createQuery("select userId from LoginSession where secretHash = :h and closedAt is null"
                        + " and expiresAt > :now", Long.class)
                .setParameter("h", Secrets.hash(secret)).setParameter("now", Instant.now())
                .getResultStream().findFirst().orElse(null);
    }

    /** A token as created: the secret is in here and nowhere else. */
    public record IssuedToken(long id, String name, String prefix, String token, Instant createdAt, Instant expiresAt) {
    }

    /** A token as listed later: no secret; status is active, expired or revoked. */
    public record TokenSummary(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt,
            Instant expiresAt, Instant revokedAt, String status) {

        static TokenSummary of(ApiToken t, Instant now) {
            String status = t.revokedAt != null ? "revoked" : now.isBefore(t.expiresAt) ? "active" : "expired";
            return new TokenSummary(t.id, t.name, t.prefix, t.createdAt, t.lastUsedAt, t.expiresAt, t.revokedAt, status);
        }
    }
}
