package org.tensormark.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tensormark.course.AssignmentView;

/**
 * The leaderboard as everyone sees it: one row per group that chose a pseudonym and made an entry,
 * with the entry of its best public score (ties: the earlier); before the due time ranked by that
 * public score with no private score anywhere, after it ranked by that same entry's private score.
 * The caller's group also sees its own entries and when its next entry is allowed.
 */
@ApplicationScoped
class LeaderboardStandings {

    /** One group on the board. {@code privateScore} is null until the due time. */
    record Standing(int rank, String pseudonym, int entries, double publicScore, Double privateScore,
            Instant bestAt, boolean yours) {
    }

    /**
     * The whole answer: the metric, rows on each part, whether the private part is revealed, the
     * kinds of entry it takes ({@code csv}, {@code predict}), the standings, and for a group member their pseudonym, entries, entries left and next allowed time.
     */
    record Board(String assignmentId, String metric, int publicRows, int privateRows, Instant dueAt,
            boolean privateRevealed, int entriesPerDay, List<String> entryKinds, List<Standing> standings,
            String yourPseudonym,
            List<Leaderboard.Entry> yourEntries, Integer yourEntriesLeft, Instant yourNextEntryAt) {
    }

    static final String PLATFORM_FAILED = "The platform could not run your predict function (not your code's"
            + " fault); this entry does not count against your daily limit, so hand it in again.";

    private final EntityManager em;
    private final LeaderboardData data;
    private final Leaderboard leaderboard;

    LeaderboardStandings(EntityManager em, LeaderboardData data, Leaderboard leaderboard) {
        this.em = em;
        this.data = data;
        this.leaderboard = leaderboard;
    }

    @Transactional
    Board of(AssignmentView a, long userId, Instant now) {
        LeaderboardData.Board b = data.of(a);
        boolean revealed = !now.isBefore(a.dueAt());
        Long team = leaderboardTeam(a, userId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select p.pseudonym, p.team_id, best.public_score, best.private_score, best.submitted_at,
                       (select count(*) from leaderboard_entry c where c.assignment_id = p.assignment_id
                        and c.team_id = p.team_id and c.state = 'scored')
                from leaderboard_pseudonym p
                join lateral (select e.public_score, e.private_score, e.submitted_at from leaderboard_entry e
                              where e.assignment_id = p.assignment_id and e.team_id = p.team_id
                                and e.state = 'scored'
                              order by e.public_score desc, e.submitted_at, e.id limit 1) best on true
                where p.assignment_id = ?1""").setParameter(1, a.id()).getResultList();
        List<Object[]> sorted = new ArrayList<>(rows);
        Comparator<Object[]> byScore = Comparator.comparingDouble(r -> ((Number) r[revealed ? 3 : 2]).doubleValue());
        sorted.sort(byScore.reversed().thenComparing(r -> Leaderboard.instant(r[4])));
        List<Standing> standings = new ArrayList<>();
        for (Object[] r : sorted) {
            standings.add(new Standing(standings.size() + 1, (String) r[0], ((Number) r[5]).intValue(),
                    ((Number) r[2]).doubleValue(), revealed ? ((Number) r[3]).doubleValue() : null,
                    Leaderboard.instant(r[4]), team != null && team == ((Number) r[1]).longValue()));
        }
        int publicRows = (int) b.data().truth().values().stream().filter(HeldOutSet.Truth::isPublic).count();
        int privateRows = b.data().truth().size() - publicRows;
        if (team == null) {
            return new Board(a.id(), b.spec().metric().label(), publicRows, privateRows, a.dueAt(), revealed,
                    b.spec().entriesPerDay(), kinds(b.spec()), standings, null, List.of(), null, null);
        }
        List<Instant> recent = leaderboard.recentEntries(a, team, now);
        int left = Math.max(0, b.spec().entriesPerDay() - recent.size());
        Instant next = revealed ? null : left > 0 ? now : recent.get(0).plus(Leaderboard.WINDOW);
        return new Board(a.id(), b.spec().metric().label(), publicRows, privateRows, a.dueAt(), revealed,
                b.spec().entriesPerDay(), kinds(b.spec()), standings, leaderboard.pseudonym(a, team).orElse(null),
                entries(a, team, revealed), revealed ? 0 : left, next);
    }

    private static List<String> kinds(LeaderboardSpec spec) {
        return spec.kinds().stream().sorted().map(LeaderboardSpec.EntryKind::label).toList();
    }

    private Long leaderboardTeam(AssignmentView a, long userId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select team_id from team_member where assignment_id = ?1 and user_id = ?2")
                .setParameter(1, a.id()).setParameter(2, userId).getResultList();
        return ids.isEmpty() ? null : ids.get(0).longValue();
    }

    private List<Leaderboard.Entry> entries(AssignmentView a, long team, boolean revealed) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select e.id, e.submitted_at, e.public_score, e.private_score, e.kind,"
                + " e.state, e.message, " + Leaderboard.PLATFORM_FAILED + " from leaderboard_entry e"
                + " where e.assignment_id = ?1 and e.team_id = ?2 order by e.submitted_at desc, e.id desc")
                .setParameter(1, a.id()).setParameter(2, team).getResultList();
        return rows.stream().map(r -> entry(r, revealed)).toList();
    }

    private static Leaderboard.Entry entry(Object[] r, boolean revealed) {
        boolean platformFailed = Boolean.TRUE.equals(r[7]);
        String state = platformFailed ? "failed" : (String) r[5];
        String message = platformFailed ? PLATFORM_FAILED : (String) r[6];
        return new Leaderboard.Entry(((Number) r[0]).longValue(), (String) r[4], state, Leaderboard.instant(r[1]),
                r[2] == null ? null : ((Number) r[2]).doubleValue(),
                revealed && r[3] != null ? ((Number) r[3]).doubleValue() : null, message);
    }
}
