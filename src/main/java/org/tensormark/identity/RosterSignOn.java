package org.tensormark.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A first sign-on finding the account a class roster made for its person, by the identity
 * provider's roster claim (a username or student id). Only accounts nobody has used can be reached
 * this way: enrolled in a course, without a password and without any sign-on link; an account that
 * has either belongs to someone who signs in otherwise, and only an admin links it. A value that
 * matches two accounts (one's username, another's student id) links neither.
 */
@ApplicationScoped
class RosterSignOn {

    private final EntityManager em;
    private final SignOnLinks links;

    RosterSignOn(EntityManager em, SignOnLinks links) {
        this.em = em;
        this.links = links;
    }

    @Transactional
    Optional<UserAccount> link(Object claim, String issuer, String subject) {
        String value = claim == null ? "" : claim.toString().strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        List<UserAccount> untouched = em.createQuery("select u from UserAccount u where (lower(u.username) = :v"
                        + " or lower(u.studentId) = :v) and u.passwordHash is null"
                        + " and exists (select 1 from Enrolment e where e.userId = u.id)"
                        + " and not exists (select 1 from SignOnLink l where l.userId = u.id)", UserAccount.class)
                .setParameter("v", value).getResultList();
        if (untouched.size() != 1) {
            return Optional.empty();
        }
        links.link(issuer, subject, untouched.get(0), SignOnLink.ROSTER, null);
        return Optional.of(untouched.get(0));
    }
}
