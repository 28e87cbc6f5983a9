package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Deadlines;
import org.tensormark.course.LateDecision;
import org.tensormark.course.Teams;

/**
 * Reads what rescoring needs of many scored hand-ins at once, in a handful of queries instead of a
 * dozen per hand-in: who handed in and when, the report, the kept runs of the result being
 * rescored, the late decision under the new version and the grades people gave by hand.
 */
@ApplicationScoped
class KeptHandins {

    private final EntityManager em;
    private final Deadlines deadlines;
    private final Teams teams;
    private final RunStore store;

    KeptHandins(EntityManager em, Deadlines deadlines, Teams teams, RunStore store) {
        this.em = em;
        this.deadlines = deadlines;
        this.teams = teams;
        this.store = store;
    }

    /** A hand-in whose latest result scored an older version: the result and its final points. */
    record Target(UUID submissionId, long resultId, double oldPoints) {
    }

    /**
     * One hand-in as rescoring reads it.
     *
     * @param files        the blob of each of its files, by role (the first when a role repeats)
     * @param members      its group's members with their student ids (empty for individual work)
     * @param runs         the kept runs its result scored
     * @param late         the late decision under the version being scored
     * @param peoplesGrades a TA's points per manual check of the result
     * @param override     the instructor's final score, if there is one
     */
    record Kept(Target target, Map<String, String> files, List<Teams.Member> members, List<RunStore.StoredRun> runs,
            LateDecision late, Map<String, Double> peoplesGrades, Optional<Double> override) {
    }

    /** The hand-ins of {@code targets} against {@code version}, in the order given. */
    @Transactional
    List<Kept> load(List<Target> targets, AssignmentView version) {
        String results = array(targets.stream().map(t -> String.valueOf(t.resultId())).toList());
        String submissions = array(targets.stream().map(t -> t.submissionId().toString()).toList());
        Map<UUID, Object[]> handins = rows("""
                select s.id, s.submitter_id, s.team_id, s.received_at
                from submission s where s.id = any(cast(?1 as uuid[]))""", submissions)
                .stream().collect(Collectors.toMap(r -> (UUID) r[0], r -> r));
        Map<UUID, Map<String, String>> files = new HashMap<>();
        rows("select submission_id, role, sha256 from submission_file where submission_id = any(cast(?1 as uuid[]))",
                submissions).forEach(r -> files.computeIfAbsent((UUID) r[0], k -> new HashMap<>())
                .putIfAbsent((String) r[1], (String) r[2]));
        Map<Long, List<RunStore.StoredRun>> runs = runs(results);
        Map<Long, Map<String, Double>> grades = new HashMap<>();
        rows("select result_id, check_id, points from check_result where result_id = any(cast(?1 as bigint[]))"
                + " and kind = 'manual' and graded_by is not null", results).forEach(r -> grades
                .computeIfAbsent(((Number) r[0]).longValue(), k -> new LinkedHashMap<>())
                .put((String) r[1], ((Number) r[2]).doubleValue()));
        Map<Long, Double> overrides = new HashMap<>();
        rows("select id, override_points from grading_result where id = any(cast(?1 as bigint[]))"
                + " and override_points is not null", results)
                .forEach(r -> overrides.put(((Number) r[0]).longValue(), ((Number) r[1]).doubleValue()));
        Map<Long, List<Teams.Member>> members = new HashMap<>();
        List<Kept> kept = new ArrayList<>();
        for (Target t : targets) {
            Object[] h = handins.get(t.submissionId());
            long submitter = ((Number) h[1]).longValue();
            Long team = h[2] == null ? null : ((Number) h[2]).longValue();
            LateDecision late = deadlines.lateness(version, submitter, team, instant(h[3]));
            List<Teams.Member> group = team == null ? List.of() : members.computeIfAbsent(team, teams::members);
            kept.add(new Kept(t, Map.copyOf(files.getOrDefault(t.submissionId(), Map.of())), group,
                    runs.getOrDefault(t.resultId(), List.of()), late, grades.getOrDefault(t.resultId(), Map.of()),
                    Optional.ofNullable(overrides.get(t.resultId()))));
        }
        return kept;
    }

    private Map<Long, List<RunStore.StoredRun>> runs(String results) {
        Map<Long, List<RunStore.StoredRun>> runs = new HashMap<>();
        rows("""
                select r.id, k.id, k.run_group, k.verdict, k.verdict_text, cast(k.call_hashes as text),
                    cast(k.outputs as text)
                from grading_result r join sandbox_run k on k.id = any(r.run_ids)
                where r.id = any(cast(?1 as bigint[])) order by r.id, array_position(r.run_ids, k.id)""", results)
                .forEach(r -> runs.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                        .add(store.stored(((Number) r[1]).longValue(), (String) r[2], (String) r[3],
                                (String) r[4], (String) r[5], (String) r[6])));
        return runs;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, String array) {
        return em.createNativeQuery(sql).setParameter(1, array).getResultList();
    }

    private static String array(List<String> values) {
        return values.stream().collect(Collectors.joining(",", "{", "}"));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
