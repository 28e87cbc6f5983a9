package org.tensormark.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tensormark.audit.AuditTrail;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Deadlines;
import org.tensormark.course.Teams;
import org.tensormark.problem.Problem;

/**
 * Peer assessment of group work: after the group's due time each member rates every member's
 * contribution (0 to 5, themselves included, all in one go, changeable until the instructor acts);
 * staff see the ratings; an instructor may scale one student's mark by a factor with a reason,
 * and every scaling is audited.
 */
@ApplicationScoped
public class PeerRatings {

    private final EntityManager em;
    private final Teams teams;
    private final Deadlines deadlines;
    private final AuditTrail audit;

    PeerRatings(EntityManager em, Teams teams, Deadlines deadlines, AuditTrail audit) {
        this.em = em;
        this.teams = teams;
        this.deadlines = deadlines;
        this.audit = audit;
    }

    /** One rating as a member gives it. */
    public record Rating(String username, int score, String comment) {
    }

    /** What staff see: per group, who rated whom how, and each member's mean and scale factor. */
    public record GroupRatings(long teamId, String name, List<MemberSummary> members, List<GivenRating> ratings) {
    }

    public record MemberSummary(String username, String name, Double meanReceived, BigDecimal scale, String scaleReason) {
    }

    public record GivenRating(String rater, String ratee, int score, String comment) {
    }

    @Transactional
    public void rate(long userId, AssignmentView a, List<Rating> ratings) {
        long team = teams.teamOf(a.id(), userId).orElseThrow(() -> Problem.conflict(a.title()
                + ": peer assessment is for members of a group, and you are in none."));
        Instant due = deadlines.effectiveDue(a.id(), userId, team);
        if (Instant.now().isBefore(due)) {
            throw Problem.conflict("Peer assessment of " + a.title() + " opens after the due time.");
        }
        Map<String, Long> members = usernames(teams.memberIds(team));
        Set<String> given = ratings.stream().map(Rating::username).collect(Collectors.toSet());
        if (!given.equals(members.keySet()) || given.size() != ratings.size()) {
            throw Problem.invalid("Rate every member of your group once, yourself included: "
                    + String.join(", ", members.keySet()) + ".");
        }
        for (Rating r : ratings) {
            if (r.score() < 0 || r.score() > 5) {
                throw Problem.invalid("A rating is 0 to 5; " + r.username() + " got " + r.score() + ".");
            }
            em.createNativeQuery("insert into peer_rating (team_id, rater_id, ratee_id, score, comment) values"
                    + " (?1, ?2, ?3, ?4, ?5) on conflict (team_id, rater_id, ratee_id) do update"
                    + " set score = excluded.score, comment = excluded.comment, rated_at = now()")
                    .setParameter(1, team).setParameter(2, userId).setParameter(3, members.get(r.username()))
                    .setParameter(4, r.score()).setParameter(5, r.comment()).executeUpdate();
        }
    }

    @Transactional
    public List<GroupRatings> overview(AssignmentView a) {
        List<Object[]> groups = rows("select t.id, t.name from team t where t.assignment_id = ?1 order by t.name", a.id());
        List<GroupRatings> out = new ArrayList<>();
        for (Object[] g : groups) {
            long team = ((Number) g[0]).longValue();
            List<MemberSummary> members = rows("select u.username, u.display_name,"
                    + " (select avg(r.score) from peer_rating r where r.team_id = m.team_id and r.ratee_id = u.id),"
                    + " s.factor, s.reason from team_member m join app_user u on u.id = m.user_id"
                    + " left join mark_scale s on s.assignment_id = m.assignment_id and s.user_id = u.id"
                    + " where m.team_id = ?1 order by u.username", team).stream()
                    .map(r -> new MemberSummary((String) r[0], (String) r[1], r[2] == null ? null : ((Number) r[2]).doubleValue(),
                            (BigDecimal) r[3], (String) r[4])).toList();
            List<GivenRating> given = rows("select a.username, b.username, r.score, r.comment from peer_rating r"
                    + " join app_user a on a.id = r.rater_id join app_user b on b.id = r.ratee_id where r.team_id = ?1"
                    + " order by a.username, b.username", team).stream()
                    .map(r -> new GivenRating((String) r[0], (String) r[1], ((Number) r[2]).intValue(), (String) r[3])).toList();
            out.add(new GroupRatings(team, (String) g[1], members, given));
        }
        return out;
    }

    /** Sets one student's scale factor (0 to 1.5) for the assignment, audited with the previous one. */
    @Transactional
    public void scale(long instructorId, AssignmentView a, String username, BigDecimal factor, String reason) {
        if (factor == null || factor.signum() < 0 || factor.compareTo(new BigDecimal("1.5")) > 0) {
            throw Problem.invalid("A scale factor is 0 to 1.5.");
        }
        if (reason == null || reason.isBlank()) {
            throw Problem.invalid("Say why the mark is scaled; the reason is kept in the audit trail.");
        }
        List<Object[]> student = rows("select u.id, s.factor from app_user u join team_member m on m.user_id = u.id"
                + " left join mark_scale s on s.assignment_id = m.assignment_id and s.user_id = u.id"
                + " where u.username = ?2 and m.assignment_id = ?1", a.id(), username);
        if (student.isEmpty()) {
            throw Problem.notFound("No member of a group of " + a.id() + " is called '" + username + "'.");
        }
        long userId = ((Number) student.get(0)[0]).longValue();
        em.createNativeQuery("insert into mark_scale (assignment_id, user_id, factor, reason, set_by) values"
                + " (?1, ?2, ?3, ?4, ?5) on conflict (assignment_id, user_id) do update set factor = excluded.factor,"
                + " reason = excluded.reason, set_by = excluded.set_by, set_at = now()")
                .setParameter(1, a.id()).setParameter(2, userId).setParameter(3, factor).setParameter(4, reason.strip())
                .setParameter(5, instructorId).executeUpdate();
        Object before = student.get(0)[1];
        audit.record(instructorId, "mark.scale", "assignment", a.id() + "/" + username,
                before == null ? null : Map.of("factor", before), Map.of("factor", factor, "reason", reason.strip()));
    }

    private Map<String, Long> usernames(List<Long> ids) {
        Map<String, Long> byName = new LinkedHashMap<>();
        for (Long id : ids) {
            byName.put((String) em.createNativeQuery("select username from app_user where id = ?1").setParameter(1, id)
                    .getSingleResult(), id);
        }
        return byName;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... parameters) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            q.setParameter(i + 1, parameters[i]);
        }
        return q.getResultList();
    }
}
