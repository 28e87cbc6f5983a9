package org.tensormark.identity;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.tensormark.audit.AuditTrail;

/** Local accounts and course enrolments. */
@ApplicationScoped
public class Accounts {

    private final EntityManager em;
    private final AuditTrail audit;

    Accounts(EntityManager em, AuditTrail audit) {
        this.em = em;
        this.audit = audit;
    }

    /** Creates a local account; the password is stored as a bcrypt hash. */
    @Transactional
    public UserAccount create(String username, String displayName, String password, boolean admin) {
        if (byUsername(username).isPresent()) {
            throw new IllegalArgumentException("username '" + username + "' is taken");
        }
        UserAccount user = new UserAccount();
        user.username = username;
        user.displayName = displayName;
        user.passwordHash = password == null ? null : BcryptUtil.bcryptHash(password, 10);
        user.admin = admin;
        em.persist(user);
        audit.record(null, "account.create", "user", String.valueOf(user.id), null,
                java.util.Map.of("username", username, "admin", admin));
        return user;
    }

    @Transactional
    public Optional<UserAccount> byUsername(String username) {
        return em.createQuery("from UserAccount where username = :u", UserAccount.class)
                .setParameter("u", username).getResultStream().findFirst();
    }

    /** Every account with this email, compared without regard to case. */
    @Transactional
    public List<UserAccount> byEmail(String email) {
        return em.createQuery("from UserAccount where lower(email) = lower(:e) order by id", UserAccount.class)
                .setParameter("e", email).getResultList();
    }

    @Transactional
    public Optional<UserAccount> byId(long id) {
        return Optional.ofNullable(em.find(UserAccount.class, id));
    }

    /** The account whose password matches, else an authentication failure that does not say which part was wrong. */
    @Transactional
    public UserAccount verify(String username, String password) {
        Optional<UserAccount> user = byUsername(username == null ? "" : username);
        if (user.isEmpty() || user.get().passwordHash == null || password == null
                || !BcryptUtil.matches(password, user.get().passwordHash)) {
            throw new AuthenticationFailedException("Wrong username or password.");
        }
        return user.get();
    }

    /** Enrols a user (or changes their role, or takes a dropped user back) in a course; audited. */
    @Transactional
    public void enrol(long userId, String courseId, CourseRole role) {
        Enrolment.Key key = new Enrolment.Key();
        key.courseId = courseId;
        key.userId = userId;
        Enrolment existing = em.find(Enrolment.class, key);
        String before = existing == null ? null : existing.role.dbName();
        if (existing == null) {
            existing = new Enrolment();
            existing.courseId = courseId;
            existing.userId = userId;
            existing.role = role;
            em.persist(existing);
        } else {
            existing.role = role;
            existing.droppedAt = null;
        }
        audit.record(null, "enrolment.set", "enrolment", courseId + "/" + userId,
                before == null ? null : java.util.Map.of("role", before), java.util.Map.of("role", role.dbName()));
    }

    /** The user's role in a course, if enrolled and not dropped. */
    @Transactional
    public Optional<CourseRole> roleIn(long userId, String courseId) {
        Enrolment.Key key = new Enrolment.Key();
        key.courseId = courseId;
        key.userId = userId;
        return Optional.ofNullable(em.find(Enrolment.class, key)).filter(Enrolment::active).map(e -> e.role);
    }

    /** Every course the user is enrolled in (and not dropped from), with the role. */
    @Transactional
    public List<Membership> memberships(long userId) {
        return em.createQuery("from Enrolment where userId = :u and droppedAt is null order by courseId", Enrolment.class)
                .setParameter("u", userId).getResultStream()
                .map(e -> new Membership(e.courseId, e.role)).toList();
    }

    /** The students enrolled in a course, dropped ones left out. */
    @Transactional
    public List<UserAccount> students(String courseId) {
        return em.createQuery("select u from UserAccount u, Enrolment e where e.userId = u.id"
                        + " and e.courseId = :c and e.role = :r and e.droppedAt is null order by u.username", UserAccount.class)
                .setParameter("c", courseId).setParameter("r", CourseRole.STUDENT).getResultList();
    }

    /** A course the user belongs to and their role in it. */
    public record Membership(String courseId, CourseRole role) {
    }
}
