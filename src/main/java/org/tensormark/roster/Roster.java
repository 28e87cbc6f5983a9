package org.tensormark.roster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensormark.audit.AuditTrail;
import org.tensormark.identity.CourseRole;
import org.tensormark.identity.Sections;
import org.tensormark.identity.UserAccount;
import org.tensormark.problem.Problem;

/**
 * A course's roster: importing a class list (all rows or nothing unless partial; idempotent),
 * enrolling, changing and dropping people one by one, and limiting TAs to sections. Every change
 * is audited with the instructor who made it. Dropping keeps the person's hand-ins and grades;
 * the person only loses access to the course.
 */
@ApplicationScoped
public class Roster {

    private final EntityManager em;
    private final AuditTrail audit;
    private final Sections sections;
    private final RosterSnapshots snapshots;

    Roster(EntityManager em, AuditTrail audit, Sections sections, RosterSnapshots snapshots) {
        this.em = em;
        this.audit = audit;
        this.sections = sections;
        this.snapshots = snapshots;
    }

    /** How an import treats bad rows and people the file no longer lists. */
    public record ImportOptions(boolean partial, boolean dropMissing, boolean dryRun) {
    }

    /**
     * Imports a roster file. With bad rows nothing changes unless {@code partial}; people missing
     * from the file are dropped only with {@code dropMissing}, and never when a row was bad (that
     * row's person might be the one missing).
     */
    @Transactional
    public ImportReport importCsv(String courseId, String csv, ImportOptions options, long actorId) {
        requireCourse(courseId);
        RosterFile file = RosterFile.read(csv);
        boolean unreadable = file.format().equals("unknown");
        RosterPlan.Snapshot now = snapshots.of(courseId, file.entries());
        RosterPlan.Result plan = RosterPlan.of(file.entries(), now, false);
        if (options.dropMissing() && file.errors().isEmpty() && plan.errors().isEmpty()) {
            plan = RosterPlan.of(file.entries(), now, true);
        }
        List<LineError> errors = new ArrayList<>(file.errors());
        errors.addAll(plan.errors());
        errors.sort(Comparator.comparingInt(LineError::line));
        boolean apply = !options.dryRun() && !unreadable && (errors.isEmpty() || options.partial());
        if (apply) {
            plan.steps().forEach(step -> apply(courseId, step, actorId));
        }
        return ImportReport.of(file.format(), apply, plan.unchanged(),
                plan.steps().stream().map(RosterPlan.Step::change).toList(), List.copyOf(errors));
    }

    /** Enrols one person (creating their account when new, without a password); 409 when already enrolled. */
    @Transactional
    public Member enrol(String courseId, RosterEntry entry, long actorId) {
        requireCourse(courseId);
        RosterFile checked = RosterFile.read("username,name,email,student_id,section,role\n"
                + String.join(",", quoted(entry.username()), quoted(entry.name()), quoted(entry.email()),
                quoted(entry.studentId()), quoted(entry.section()),
                quoted(entry.role() == null ? null : entry.role().dbName())));
        if (!checked.errors().isEmpty()) {
            throw Problem.invalid(checked.errors().get(0).message());
        }
        RosterEntry e = checked.entries().get(0);
        RosterPlan.Result plan = RosterPlan.of(List.of(e), snapshots.of(courseId, List.of(e)), false);
        if (!plan.errors().isEmpty()) {
            throw Problem.conflict(plan.errors().get(0).message());
        }
        if (plan.steps().isEmpty() || plan.steps().get(0).change().action().equals("update")) {
            throw Problem.conflict("'" + e.username() + "' is already enrolled; change their role or section instead.");
        }
        apply(courseId, plan.steps().get(0), actorId);
        return member(courseId, e.username());
    }

    /** Changes an enrolled person's role and/or section (null leaves it); audited. */
    @Transactional
    public Member change(String courseId, String username, CourseRole role, String section, long actorId) {
        long userId = enrolledId(courseId, username);
        Member before = member(courseId, username);
        em.createNativeQuery("update enrolment set role = coalesce(?3, role), section = coalesce(?4, section)"
                        + " where course_id = ?1 and user_id = ?2").setParameter(1, courseId).setParameter(2, userId)
                .setParameter(3, role == null ? null : role.dbName())
                .setParameter(4, section == null ? null : section.isBlank() ? null : section.strip()).executeUpdate();
        Member after = member(courseId, username);
        audit.record(actorId, "roster.update", "enrolment", courseId + "/" + userId,
                Map.of("role", before.role(), "section", String.valueOf(before.section())),
                Map.of("role", after.role(), "section", String.valueOf(after.section())));
        return after;
    }

    /** Drops a person from the course; their hand-ins and grades stay. 404 when not enrolled. */
    @Transactional
    public void drop(String courseId, String username, long actorId) {
        long userId = enrolledId(courseId, username);
        int changed = em.createNativeQuery("update enrolment set dropped_at = now() where course_id = ?1"
                + " and user_id = ?2 and dropped_at is null").setParameter(1, courseId).setParameter(2, userId)
                .executeUpdate();
        if (changed == 0) {
            throw Problem.conflict("'" + username + "' was dropped already.");
        }
        audit.record(actorId, "roster.drop", "enrolment", courseId + "/" + userId, Map.of("status", "enrolled"),
                Map.of("status", "dropped"));
    }

    /** Limits a TA of the course to these sections (none: the whole course); audited. */
    @Transactional
    public Member limitTa(String courseId, String username, List<String> taSections, long actorId) {
        Member m = member(courseId, username);
        if (m.dropped() || !m.role().equals(CourseRole.TA.dbName())) {
            throw Problem.conflict("'" + username + "' is not a TA of " + courseId + "; only TAs are limited to sections.");
        }
        Set<String> wanted = new TreeSet<>();
        (taSections == null ? List.<String>of() : taSections).stream().filter(s -> s != null && !s.isBlank())
                .map(String::strip).forEach(wanted::add);
        sections.limit(courseId, m.userId(), wanted);
        audit.record(actorId, "roster.ta-sections", "enrolment", courseId + "/" + m.userId(),
                Map.of("sections", m.taSections()), Map.of("sections", List.copyOf(wanted)));
        return member(courseId, username);
    }

    /** Everyone on the roster (dropped people too), by username. */
    @Transactional
    public List<Member> members(String courseId) {
        requireCourse(courseId);
        return snapshots.members(courseId, null);
    }

    @Transactional
    public Member member(String courseId, String username) {
        List<Member> found = snapshots.members(courseId, username);
        if (found.isEmpty()) {
            throw Problem.notFound("'" + username + "' is not on the roster of " + courseId + ".");
        }
        return found.get(0);
    }

    private long enrolledId(String courseId, String username) {
        return member(courseId, username).userId();
    }

    private void apply(String courseId, RosterPlan.Step step, long actorId) {
        RosterChange c = step.change();
        if (c.action().equals("drop")) {
            drop(courseId, c.username(), actorId);
            return;
        }
        RosterEntry e = step.entry();
        long userId = step.account() == null ? create(e, actorId) : update(step.account().id(), e);
        CourseRole role = CourseRole.parse(c.after().containsKey("role") ? c.after().get("role")
                : currentRole(courseId, userId));
        em.createNativeQuery("""
                insert into enrolment (course_id, user_id, role, section) values (?1, ?2, ?3, ?4)
                on conflict (course_id, user_id) do update set role = excluded.role,
                    section = coalesce(excluded.section, enrolment.section), dropped_at = null""")
                .setParameter(1, courseId).setParameter(2, userId).setParameter(3, role.dbName())
                .setParameter(4, e.section()).executeUpdate();
        audit.record(actorId, "roster." + c.action(), "enrolment", courseId + "/" + userId,
                c.before().isEmpty() ? null : c.before(), c.after());
    }

    private String currentRole(String courseId, long userId) {
        return (String) em.createNativeQuery("select role from enrolment where course_id = ?1 and user_id = ?2")
                .setParameter(1, courseId).setParameter(2, userId).getSingleResult();
    }

    /** A new account without a password: its owner signs in by single sign-on or a set-password link. */
    private long create(RosterEntry e, long actorId) {
        UserAccount user = new UserAccount();
        user.username = e.username();
        user.displayName = e.name();
        user.email = e.email();
        user.studentId = e.studentId();
        user.createdAt = Instant.now();
        em.persist(user);
        em.flush();
        Map<String, Object> after = new HashMap<>();
        after.put("username", e.username());
        after.put("studentId", e.studentId());
        audit.record(actorId, "account.create", "user", String.valueOf(user.id), null, after);
        return user.id;
    }

    private long update(long userId, RosterEntry e) {
        UserAccount user = em.find(UserAccount.class, userId);
        user.displayName = e.name();
        user.email = e.email() != null ? e.email() : user.email;
        user.studentId = e.studentId() != null ? e.studentId() : user.studentId;
        em.flush();
        return userId;
    }

    private void requireCourse(String courseId) {
        if (em.createNativeQuery("select 1 from course where id = ?1").setParameter(1, courseId)
                .getResultList().isEmpty()) {
            throw Problem.notFound("There is no course '" + courseId + "'.");
        }
    }

    private static String quoted(String field) {
        return field == null ? "" : "\"" + field.replace("\"", "\"\"") + "\"";
    }
}
