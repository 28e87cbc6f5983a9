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
 * in predictions for the held-out set (a CSV here, or a {@code predict} function that the worker
 * runs, {@link PredictEntries}), and the server scores them against the labels it keeps,
 * separately on the public and the private part. Entries close at the due time; private scores are
 * shown to nobody before it. A group may make {@code entries_per_day} entries in any 24 hours.
 */
@ApplicationScoped
public class Leaderboard {

    static final Duration WINDOW = Duration.ofHours(24);
    /**
     * SQL on {@code leaderboard_entry e}: a predict entry still waiting for its run whose job ended
     * without one (failed after its last platform retry, or cancelled). Such an entry is free.
     */
    static final String PLATFORM_FAILED = "e.state = 'running' and exists (select 1 from grading_job j"
            + " where j.leaderboard_entry_id = e.id and j.state in ('failed', 'cancelled'))";

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

    /**
     * One entry as its group sees it: its kind ({@code csv} or {@code predict}), its state
     * ({@code scored}; {@code running} while its predict function waits for or runs in the sandbox;
     * {@code failed} with the reason in {@code message}), and its scores once scored;
     * {@code privateScore} stays null until the due time.
     */
    public record Entry(long id, String kind, String state, Instant submittedAt, Double publicScore,
            Double privateScore, String message) {
    }

    /** An entry the limits let in: the leaderboard and the caller's group. */
    record Admitted(LeaderboardData.Board board, long team) {
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
        Admitted in = admit(userId, a, LeaderboardSpec.EntryKind.CSV, now);
        Map<String, String> predicted;
        try {
            predicted = Predictions.read(csv, in.board().data().truth().keySet());
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(e.getMessage());
        }
        double[] scores = scores(in.board(), predicted);
        Number id = (Number) em.createNativeQuery("insert into leaderboard_entry (assignment_id, team_id, submitted_by,"
                + " submitted_at, sha256, public_score, private_score, assignment_version) values (?1, ?2, ?3, ?4, ?5,"
                + " ?6, ?7, ?8) returning id")
                .setParameter(1, a.id()).setParameter(2, in.team()).setParameter(3, userId).setParameter(4, now)
                .setParameter(5, sha256(csv.getBytes(StandardCharsets.UTF_8))).setParameter(6, scores[0])
                .setParameter(7, scores[1]).setParameter(8, a.version()).getSingleResult();
        return new Entry(id.longValue(), "csv", "scored", now, scores[0], null, null);
    }

    /**
     * The checks every entry passes before it is taken, in the caller's transaction: the
     * leaderboard takes entries of this kind, before the due time, from a group with a pseudonym,
     * within its daily limit (the group's row is locked, so two members cannot both take the last).
     */
    Admitted admit(long userId, AssignmentView a, LeaderboardSpec.EntryKind kind, Instant now) {
        LeaderboardData.Board board = data.of(a);
        long team = team(userId, a);
        if (!board.spec().allows(kind)) {
            throw Problem.refused("The leaderboard of " + a.title() + " takes " + kinds(board.spec())
                    + ", not " + (kind == LeaderboardSpec.EntryKind.CSV ? "predictions CSVs" : "predict functions") + ".");
        }
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
        return new Admitted(board, team);
    }

    private static String kinds(LeaderboardSpec spec) {
        return spec.allows(LeaderboardSpec.EntryKind.CSV) ? "predictions CSVs only" : "predict functions only";
    }

    /** The metric on the public and on the private rows: {public, private}. */
    static double[] scores(LeaderboardData.Board board, Map<String, String> predicted) {
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

    /**
     * When the group's entries of the last 24 hours were made, those that count against the daily
     * limit: all but a predict entry whose job the platform gave up on (it never ran the code).
     */
    List<Instant> recentEntries(AssignmentView a, long team, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> times = em.createNativeQuery("select e.submitted_at from leaderboard_entry e where e.assignment_id = ?1"
                + " and e.team_id = ?2 and e.submitted_at > ?3 and not (" + PLATFORM_FAILED + ") order by e.submitted_at")
                .setParameter(1, a.id())
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

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
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
