package org.tensormark.course;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tensormark.audit.AuditTrail;
import org.tensormark.problem.Problem;

/**
 * Groups for group assignments: a student creates one and shares its invite code, others join
 * with it up to the assignment's maximum size, and members may join or leave until the group's
 * first hand-in or the assignment's due time, whichever comes first. A student without a group
 * may still create one later, to hand in late on their own. Every change is audited.
 */
@ApplicationScoped
public class Teams {

    private static final SecureRandom INVITES = new SecureRandom();

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm z", Locale.ENGLISH);

    private final EntityManager em;
    private final AuditTrail audit;

    Teams(EntityManager em, AuditTrail audit) {
        this.em = em;
        this.audit = audit;
    }

    /** A group as its members see it. */
    public record TeamView(long id, String assignmentId, String name, String inviteCode, List<String> members) {
    }

    @Transactional
    public Optional<Long> teamOf(String assignmentId, long userId) {
        return em.createQuery("select teamId from TeamMember where assignmentId = :a and userId = :u", Long.class)
                .setParameter("a", assignmentId).setParameter("u", userId).getResultStream().findFirst();
    }

    /** The user ids of a group's members. */
    @Transactional
    public List<Long> memberIds(long teamId) {
        return em.createQuery("select userId from TeamMember where teamId = :t order by userId", Long.class)
                .setParameter("t", teamId).getResultList();
    }

    @Transactional
    public Optional<TeamView> view(long teamId) {
        Team team = em.find(Team.class, teamId);
        if (team == null) {
            return Optional.empty();
        }
        List<String> members = em.createQuery("select u.displayName from UserAccount u, TeamMember m"
                        + " where m.userId = u.id and m.teamId = :t order by u.displayName", String.class)
                .setParameter("t", teamId).getResultList();
        return Optional.of(new TeamView(team.id, team.assignmentId, team.name, team.inviteCode, members));
    }

    /** A member as the report must name them: display name and, where the roster has it, student id. */
    public record Member(String name, String studentId) {

        /** "Carol Tan (U2234567F)", or the name alone without a student id. */
        public String label() {
            return studentId == null || studentId.isBlank() ? name : name + " (" + studentId + ")";
        }
    }

    /** A group's members with their student ids, by name. */
    @Transactional
    public List<Member> members(long teamId) {
        return em.createQuery("select u.displayName, u.studentId from UserAccount u, TeamMember m"
                        + " where m.userId = u.id and m.teamId = :t order by u.displayName", Object[].class)
                .setParameter("t", teamId).getResultStream().map(r -> new Member((String) r[0], (String) r[1])).toList();
    }

    /**
     * For a hand-in: keeps the group's members as they are until the caller's transaction ends (a
     * join or leave waits, then sees the hand-in), and refuses if the student has left meanwhile.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdForHandIn(long teamId, long userId) {
        em.find(Team.class, teamId, LockModeType.PESSIMISTIC_READ);
        if (!memberIds(teamId).contains(userId)) {
            throw Problem.conflict("You left this group while handing in; hand in again, alone or with your"
                    + " new group.");
        }
    }

    @Transactional
    public TeamView create(AssignmentView assignment, long userId, String name) {
        requireGroupWork(assignment);
        if (name == null || name.isBlank() || name.length() > 80) {
            throw Problem.invalid("A group needs a name of 1 to 80 characters.");
        }
        if (teamOf(assignment.id(), userId).isPresent()) {
            throw alreadyInAGroup(assignment);
        }
        Team team = new Team();
        team.assignmentId = assignment.id();
        team.name = name.strip();
        team.inviteCode = inviteCode();
        team.createdBy = userId;
        em.persist(team);
        addMember(team, userId);
        audit.record(userId, "group.create", "team", String.valueOf(team.id), null,
                Map.of("assignment", team.assignmentId, "name", team.name));
        return view(team.id).orElseThrow();
    }

    /**
     * Adds the student to the group with that invite code. The group's row stays locked until the
     * join commits, so simultaneous joins are decided one after the other and never pass the size.
     */
    @Transactional
    public TeamView join(AssignmentView assignment, long userId, String inviteCode) {
        requireGroupWork(assignment);
        Team team = em.createQuery("from Team where inviteCode = :c and assignmentId = :a", Team.class)
                .setParameter("c", inviteCode == null ? "" : inviteCode.strip().toUpperCase())
                .setParameter("a", assignment.id()).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .orElseThrow(() -> Problem.notFound("No group of " + assignment.id() + " has that invite code."));
        requireChangeable(assignment, team, "join");
        if (teamOf(assignment.id(), userId).isPresent()) {
            throw alreadyInAGroup(assignment);
        }
        int size = memberIds(team.id).size();
        if (size >= assignment.maxGroupSize()) {
            throw Problem.conflict("The group '" + team.name + "' is full (" + size + " of "
                    + assignment.maxGroupSize() + " members).");
        }
        addMember(team, userId);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                // the student joined or created another group of the assignment since the check above
                throw alreadyInAGroup(assignment);
            }
            throw e;
        }
        audit.record(userId, "group.join", "team", String.valueOf(team.id), Map.of("members", size),
                Map.of("members", size + 1, "joined", userId));
        return view(team.id).orElseThrow();
    }

    /** Takes the student out of their group, while the group may still change. */
    @Transactional
    public void leave(AssignmentView assignment, long userId) {
        long teamId = teamOf(assignment.id(), userId)
                .orElseThrow(() -> Problem.notFound("You are not in a group for " + assignment.id() + "."));
        Team team = em.find(Team.class, teamId, LockModeType.PESSIMISTIC_WRITE);
        requireChangeable(assignment, team, "leave");
        em.createQuery("delete from TeamMember where teamId = :t and userId = :u")
                .setParameter("t", teamId).setParameter("u", userId).executeUpdate();
        audit.record(userId, "group.leave", "team", String.valueOf(teamId), Map.of("member", userId), null);
    }

    /**
     * Members are fixed from the group's first hand-in (the report names them, the hand-in is
     * theirs) and from the due time (late joiners would inherit work they did not do).
     */
    private void requireChangeable(AssignmentView assignment, Team team, String change) {
        Long handIns = em.createQuery("select count(s) from Submission s where s.teamId = :t", Long.class)
                .setParameter("t", team.id).getSingleResult();
        if (handIns > 0) {
            throw Problem.conflict("The group '" + team.name + "' has handed in already, so its members are fixed"
                    + " and you cannot " + change + " it; ask an instructor to change groups now.");
        }
        if (!Instant.now().isBefore(assignment.dueAt())) {
            throw Problem.conflict("Groups for " + assignment.title() + " are fixed since the due time ("
                    + DUE.format(assignment.dueAt().atZone(assignment.zone())) + "), so you cannot " + change
                    + " one; ask an instructor to change groups now.");
        }
    }

    private static Problem alreadyInAGroup(AssignmentView assignment) {
        return Problem.conflict("You are already in a group for " + assignment.id() + "; leave it first.");
    }

    private void addMember(Team team, long userId) {
        TeamMember member = new TeamMember();
        member.teamId = team.id;
        member.userId = userId;
        member.assignmentId = team.assignmentId;
        em.persist(member);
    }

    private static void requireGroupWork(AssignmentView assignment) {
        if (!assignment.groupWork()) {
            throw Problem.invalid(assignment.id() + " is individual work; it has no groups.");
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Short random code students can type, without look-alike characters. */
    private static String inviteCode() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(alphabet.charAt(INVITES.nextInt(alphabet.length())));
        }
        return code.toString();
    }
}
