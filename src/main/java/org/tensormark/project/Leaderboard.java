package org.tensormark.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Teams;
import org.tensormark.problem.Problem;

/**
 * A group's leaderboard entries and names: the group picks a pseudonym ({@link Pseudonyms}), hands
 * in predictions for the held-out set, and the server scores them against the labels it keeps,
 * separately on the public and the private part. Entries close at the due time; private scores are
 * shown to nobody before it. A group may make {@code entries_per_day} entries in any 24 hours.
 */
@ApplicationScoped
public class Leaderboard {

    static final Duration WINDOW = Duration.ofHours(24);

    private final EntityManager em;
    private final Teams teams;
    private final LeaderboardData data;

    Leaderboard(EntityManager em, Teams teams, LeaderboardData data) {
        this.em = em;
        this.teams = teams;
        this.data = data;
    }

    /** The limit was reached: when the group's next entry is allowed, and the sentence saying so. */
    public static final class DailyLimitReached extends RuntimeException {
        private final transient Instant nextAllowedAt;

        DailyLimitReached(String message, Instant nextAllowedAt) {
            super(message);
            this.nextAllowedAt = nextAllowedAt;
        }

        public Instant nextAllowedAt() {
            return nextAllowedAt;
        }
    }

    /** What an entry scored; {@code privateScore} stays null until the due time. */
    public record Entry(long id, Instant submittedAt, double publicScore, Double privateScore) {
    }

    /** Sets (or changes) the caller's group's pseudonym. */
    @Transactional
    public String choosePseudonym(long userId, AssignmentView a, String pseudonym) {
        data.of(a);
        long team = team(userId, a);
        Pseudonyms.problem(pseudonym, people(a.courseId())).ifPresent(why -> {
            throw Problem.invalid(why);
        });
        Number taken = (Number) em.createNativeQuery("select count(*) from leaderboard_pseudonym where assignment_id = ?1"
                + " and lower(pseudonym) = lower(?2) and team_id <> ?3").setParameter(1, a.id()).setParameter(2, pseudonym)
                .setParameter(3, team).getSingleResult();
        if (taken.longValue() > 0) {
            throw Problem.conflict("Another group is called '" + pseudonym + "' on this leaderboard; choose another.");
        }
        em.createNativeQuery("insert into leaderboard_pseudonym (assignment_id, team_id, pseudonym, set_by) values"
                + " (?1, ?2, ?3, ?4) on conflict (assignment_id, team_id) do update set pseudonym = excluded.pseudonym,"
                + " set_by = excluded.set_by, set_at = now()").setParameter(1, a.id()).setParameter(2, team)
                .setParameter(3, pseudonym).setParameter(4, userId).executeUpdate();
        return pseudonym;
    }

    /** Scores the caller's group's predictions CSV and records the entry, within the daily limit. */
    @Transactional
    public Entry enter(long userId, AssignmentView a, String csv, Instant now) {
        LeaderboardData.Board board = data.of(a);
        long team = team(userId, a);
        if (!now.isBefore(a.dueAt())) {
            throw Problem.conflict("The leaderboard of " + a.title() + " closed at the due time; the private scores are out.");
        }
        if (pseudonym(a, team).isEmpty()) {
            throw Problem.conflict("Choose your group's pseudonym first: the leaderboard shows no real names.");
        }
        em.createNativeQuery("select id from team where id = ?1 for update").setParameter(1, team).getResultList();
        List<Instant> recent = recentEntries(a, team, now);
        if (recent.size() >= board.spec().entriesPerDay()) {
            Instant next = recent.get(0).plus(WINDOW);
            throw new DailyLimitReached("Your group has made its " + board.spec().entriesPerDay()
                    + " leaderboard entries of the last 24 hours; the next is allowed at " + courseTime(next, a) + ".", next);
        }
        Map<String, String> predicted;
        try {
            predicted = Predictions.read(csv, board.data().truth().keySet());
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(e.getMessage());
        }
        double[] scores = scores(board, predicted);
        Number id = (Number) em.createNativeQuery("insert into leaderboard_entry (assignment_id, team_id, submitted_by,"
                + " submitted_at, sha256, public_score, private_score) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) returning id")
                .setParameter(1, a.id()).setParameter(2, team).setParameter(3, userId).setParameter(4, now)
                .setParameter(5, sha256(csv)).setParameter(6, scores[0])
                .setParameter(7, scores[1]).getSingleResult();
        return new Entry(id.longValue(), now, scores[0], null);
    }

    private static double[] scores(LeaderboardData.Board board, Map<String, String> predicted) {
        List<String> publicTruth = new ArrayList<>();
        List<String> publicSaid = new ArrayList<>();
        List<String> privateTruth = new ArrayList<>();
        List<String> privateSaid = new ArrayList<>();
        board.data().truth().forEach((id, t) -> {
            (t.isPublic() ? publicTruth : privateTruth).add(t.label());
            (t.isPublic() ? publicSaid : privateSaid).add(predicted.get(id));
        });
        LeaderboardMetric metric = board.spec().metric();
        return new double[] {metric.score(publicTruth, publicSaid), metric.score(privateTruth, privateSaid)};
    }

    List<Instant> recentEntries(AssignmentView a, long team, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> times = em.createNativeQuery("select submitted_at from leaderboard_entry where assignment_id = ?1"
                + " and team_id = ?2 and submitted_at > ?3 order by submitted_at").setParameter(1, a.id())
                .setParameter(2, team).setParameter(3, now.minus(WINDOW)).getResultList();
        return times.stream().map(Leaderboard::instant).toList();
    }

    Optional<String> pseudonym(AssignmentView a, long team) {
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("select pseudonym from leaderboard_pseudonym where assignment_id = ?1"
                + " and team_id = ?2").setParameter(1, a.id()).setParameter(2, team).getResultList();
        return names.stream().findFirst();
    }

    long team(long userId, AssignmentView a) {
        return teams.teamOf(a.id(), userId).orElseThrow(() -> Problem.conflict(
                "The leaderboard of " + a.title() + " is for groups: create or join one first."));
    }

    private List<Pseudonyms.Person> people(String courseId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select u.username, u.display_name, u.student_id from app_user u"
                + " join enrolment e on e.user_id = u.id where e.course_id = ?1").setParameter(1, courseId).getResultList();
        return rows.stream().map(r -> new Pseudonyms.Person((String) r[0], (String) r[1], (String) r[2])).toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    static String courseTime(Instant t, AssignmentView a) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(t.atZone(a.zone())) + " (" + a.zone().getId() + ")";
    }

    static Instant instant(Object o) {
        return o instanceof OffsetDateTime t ? t.toInstant() : o instanceof Timestamp t ? t.toInstant()
                : (Instant) o;
    }
}
