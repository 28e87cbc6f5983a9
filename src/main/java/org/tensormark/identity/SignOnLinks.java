package org.tensormark.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensormark.audit.AuditTrail;
import org.tensormark.problem.Problem;

/**
 * Which account each single-sign-on identity (issuer + subject) signs in to. A link is made when
 * such an identity first signs in (to a new account), by an admin (to an existing account), or
 * from a verified email where {@link SsoConfig#linkVerifiedEmail()} allows it; every link is audited.
 */
@ApplicationScoped
public class SignOnLinks {

    private final EntityManager em;
    private final Accounts accounts;
    private final AuditTrail audit;

    SignOnLinks(EntityManager em, Accounts accounts, AuditTrail audit) {
        this.em = em;
        this.accounts = accounts;
        this.audit = audit;
    }

    /** A link as the admin API shows it. */
    public record LinkView(long id, String username, String issuer, String subject, String linkedBy, Instant linkedAt) {
    }

    /** The account this identity is linked to, if any. */
    @Transactional
    public Optional<UserAccount> accountOf(String issuer, String subject) {
        return em.createQuery("select u from UserAccount u, SignOnLink l where l.userId = u.id"
                        + " and l.issuer = :i and l.subject = :s", UserAccount.class)
                .setParameter("i", issuer).setParameter("s", subject).getResultStream().findFirst();
    }

    /** Whether the account already has an identity from this issuer. */
    @Transactional
    public boolean hasLinkFrom(long userId, String issuer) {
        return !em.createQuery("select l.id from SignOnLink l where l.userId = :u and l.issuer = :i", Long.class)
                .setParameter("u", userId).setParameter("i", issuer).setMaxResults(1).getResultList().isEmpty();
    }

    /** Creates a password-less account for a first sign-in and links the identity to it, in one transaction. */
    @Transactional
    public UserAccount createLinked(String issuer, String subject, String username, String displayName, String email) {
        UserAccount user = accounts.create(username, displayName, null, false);
        user.email = email;
        link(issuer, subject, user, SignOnLink.FIRST_SIGN_IN, null);
        return user;
    }

    /** Links the identity to an existing account; {@code actorId} is the admin, or null when automatic. */
    @Transactional
    public LinkView link(String issuer, String subject, UserAccount user, String linkedBy, Long actorId) {
        if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank()) {
            throw Problem.invalid("A sign-on identity needs its issuer (the token's iss) and subject (sub).");
        }
        String iss = issuer.strip();
        String sub = subject.strip();
        accountOf(iss, sub).ifPresent(other -> {
            throw Problem.conflict("This sign-on identity already signs in to '" + other.username
                    + "'; remove that link first.");
        });
        SignOnLink link = new SignOnLink();
        link.issuer = iss;
        link.subject = sub;
        link.userId = user.id;
        link.linkedBy = linkedBy;
        em.persist(link);
        audit.record(actorId, "sign-on.link", "user", String.valueOf(user.id), null,
                Map.of("issuer", iss, "subject", sub, "linkedBy", linkedBy));
        return view(link, user.username);
    }

    /** Every link, or only those of one account. */
    @Transactional
    public List<LinkView> list(String username) {
        String select = "select l, u.username from SignOnLink l, UserAccount u where l.userId = u.id";
        List<Object[]> rows = username == null
                ? em.createQuery(select + " order by l.id", Object[].class).getResultList()
                : em.createQuery(select + " and u.username = :name order by l.id", Object[].class)
                        .setParameter("name", username).getResultList();
        return rows.stream().map(r -> view((SignOnLink) r[0], (String) r[1])).toList();
    }

    /** Removes a link: that identity no longer signs in to the account. */
    @Transactional
    public void unlink(long id, long actorId) {
        SignOnLink link = em.find(SignOnLink.class, id);
        if (link == null) {
            throw Problem.notFound("There is no sign-on link " + id + ".");
        }
        em.remove(link);
        audit.record(actorId, "sign-on.unlink", "user", String.valueOf(link.userId),
                Map.of("issuer", link.issuer, "subject", link.subject), null);
    }

    private static LinkView view(SignOnLink link, String username) {
        return new LinkView(link.id, username, link.issuer, link.subject, link.linkedBy, link.linkedAt);
    }
}
