package org.tensormark.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.problem.Problem;

/**
 * Leaderboard entries handed in as a {@code predict(inputs)} function (README, "Leaderboard"):
 * the group's {@value #CODE_NAME} and optional weights file are kept in the database, a sandbox run
 * is queued ({@link PredictEntryQueued}), and the worker asks for the {@link Job} (the held-out
 * inputs, never their labels), runs it and reports back what {@code predict} returned or why it
 * returned nothing; the entry is then scored like a CSV entry, with the same metric and split.
 */
@ApplicationScoped
public class PredictEntries {

    /** The name the group's code has in the sandbox, beside the weights file. */
    public static final String CODE_NAME = "predict.py";
    static final int MAX_CODE = 1 << 20;
    private static final Pattern WEIGHTS_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    /**
     * What the sandbox run of one entry gets: the code, the weights (or none), the held-out inputs
     * (rows in id order, columns x1…), and its time limit. There is no field for a label.
     */
    public record Job(long entryId, String assignmentId, int assignmentVersion, byte[] code, String weightsName,
            byte[] weights, double[][] inputs, int seconds) {
    }

    private final EntityManager em;
    private final Leaderboard leaderboard;
    private final LeaderboardData data;
    private final AssignmentCatalog catalog;
    private final Event<PredictEntryQueued> queued;

    PredictEntries(EntityManager em, Leaderboard leaderboard, LeaderboardData data, AssignmentCatalog catalog,
            Event<PredictEntryQueued> queued) {
        this.em = em;
        this.leaderboard = leaderboard;
        this.data = data;
        this.catalog = catalog;
        this.queued = queued;
    }

    /**
     * Takes the caller's group's predict entry within the daily limit and queues its run; the entry
     * is {@code running} until the worker reports back. {@code weights} may be null.
     */
    @Transactional
    public Leaderboard.Entry enter(long userId, AssignmentView a, byte[] code, String weightsName, byte[] weights,
            Instant now) {
        Leaderboard.Admitted in = leaderboard.admit(userId, a, LeaderboardSpec.EntryKind.PREDICT, now);
        if (code == null || code.length == 0) {
            throw Problem.invalid("Send your " + CODE_NAME + " (a Python file defining predict(inputs)) as the part 'code'.");
        }
        if (code.length > MAX_CODE) {
            throw Problem.tooLarge("The predict file is at most 1 MB; put large parameters in the weights file.");
        }
        checkWeights(in.board().spec(), weightsName, weights);
        Number id = (Number) em.createNativeQuery("insert into leaderboard_entry (assignment_id, team_id, submitted_by,"
                + " submitted_at, sha256, kind, state, assignment_version) values (?1, ?2, ?3, ?4, ?5, 'predict', 'running',"
                + " ?6) returning id").setParameter(1, a.id()).setParameter(2, in.team()).setParameter(3, userId)
                .setParameter(4, now).setParameter(5, Leaderboard.sha256(code)).setParameter(6, a.version())
                .getSingleResult();
        em.createNativeQuery("insert into leaderboard_predict (entry_id, code, weights_name, weights) values (?1, ?2, ?3, ?4)")
                .setParameter(1, id.longValue()).setParameter(2, code).setParameter(3, weights == null ? null : weightsName)
                .setParameter(4, weights).executeUpdate();
        queued.fire(new PredictEntryQueued(id.longValue(), a.id(), a.version(), userId));
        return new Leaderboard.Entry(id.longValue(), "predict", "running", now, null, null, null);
    }

    private static void checkWeights(LeaderboardSpec spec, String name, byte[] weights) {
        if (weights == null) {
            return;
        }
        if (spec.weightsMaxKb() == 0) {
            throw Problem.refused("This leaderboard takes the predict file alone, without a weights file.");
        }
        if (weights.length > spec.weightsMaxKb() * 1024L) {
            throw Problem.tooLarge("The weights file is at most " + spec.weightsMaxKb() + " KiB; yours has "
                    + (weights.length + 1023) / 1024 + " KiB.");
        }
        if (name == null || !WEIGHTS_NAME.matcher(name).matches() || name.equals(CODE_NAME)) {
            throw Problem.invalid("Name the weights file with letters, digits, '_', '-' and '.' only (not "
                    + CODE_NAME + "), at most 64 characters.");
        }
    }

    /** The run of a predict entry still waiting for it, or empty when it was scored or failed already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Job> job(long entryId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select e.assignment_id, e.assignment_version, p.code, p.weights_name,"
                + " p.weights from leaderboard_entry e join leaderboard_predict p on p.entry_id = e.id"
                + " where e.id = ?1 and e.state = 'running'").setParameter(1, entryId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        AssignmentView a = version(r);
        LeaderboardData.Board board = data.of(a);
        return Optional.of(new Job(entryId, a.id(), a.version(), (byte[]) r[2], (String) r[3], (byte[]) r[4],
                board.data().inputs(), board.spec().predictSeconds()));
    }

    /**
     * Scores what the entry's {@code predict} returned (an array of {@code shape}, its values in C
     * order) with the leaderboard's metric on both parts, or fails the entry saying what is wrong
     * with it: the wrong number of labels, a value that is not one of the labels. Runs inside the
     * transaction that finishes the entry's job.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void predicted(long entryId, long[] shape, double[] values) {
        Optional<Job> job = job(entryId);
        if (job.isEmpty()) {
            return;
        }
        LeaderboardData.Board board = data.of(version(job.get()));
        Map<String, String> predicted;
        try {
            predicted = PredictedLabels.read(shape, values, board.data().truth().keySet(), board.spec().classes());
        } catch (IllegalArgumentException e) {
            failed(entryId, e.getMessage());
            return;
        }
        double[] scores = Leaderboard.scores(board, predicted);
        em.createNativeQuery("update leaderboard_entry set state = 'scored', public_score = ?2, private_score = ?3"
                + " where id = ?1 and state = 'running'").setParameter(1, entryId).setParameter(2, scores[0])
                .setParameter(3, scores[1]).executeUpdate();
    }

    /** The entry's code did not give predictions (an exception, the time limit): the reason is its feedback. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(long entryId, String message) {
        em.createNativeQuery("update leaderboard_entry set state = 'failed', message = ?2 where id = ?1 and state = 'running'")
                .setParameter(1, entryId).setParameter(2, message).executeUpdate();
    }

    private AssignmentView version(Object[] row) {
        return version((String) row[0], ((Number) row[1]).intValue());
    }

    private AssignmentView version(Job job) {
        return version(job.assignmentId(), job.assignmentVersion());
    }

    private AssignmentView version(String assignmentId, int version) {
        return catalog.version(assignmentId, version).orElseThrow(() -> new IllegalStateException(
                "assignment " + assignmentId + " v" + version + " of a predict entry is missing"));
    }
}
