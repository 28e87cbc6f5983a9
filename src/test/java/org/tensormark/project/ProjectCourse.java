package org.tensormark.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.tensormark.course.AssignmentSync;
import org.tensormark.identity.DemoAccounts;

/**
 * A course for the project tests, synced once per run: {@code pj-upload} (one student, a code, a
 * report and a video slot of 500 MB, graded by hand), {@code pj-group} (the project's automatic
 * checks for a group of three) and the demo students with student ids.
 */
@ApplicationScoped
public class ProjectCourse {

    /**
     * Group assignments (100 points, due yesterday) on which Alice, Bob and Carol's hand-in scored
     * 80: one per test class that scales marks, so that no test sees another's factors.
     */
    public static final List<String> SCALED = List.of("pj-scale", "pj-scale-cli");

    /** A leaderboard (40 held-out rows, 2 entries a day) with the groups Alice and Bob, Carol and Dave. */
    public static final String BOARD = "pj-board";
    /** A leaderboard whose due time a test moves into the past, with one group: Alice, Bob and Carol. */
    public static final String BOARD_DUE = "pj-board-due";
    /**
     * A leaderboard taking CSVs and predict functions (8 s each, weights up to 64 KiB, 50 entries a
     * day), on the same held-out set as {@link #BOARD}, with the groups Alice and Bob, Carol and Dave.
     */
    public static final String PREDICT_BOARD = "pj-board-predict";

    private final AssignmentSync sync;
    private final DemoAccounts demo;
    private final EntityManager em;
    private boolean ready;

    ProjectCourse(AssignmentSync sync, DemoAccounts demo, EntityManager em) {
        this.sync = sync;
        this.demo = demo;
        this.em = em;
    }

    public synchronized void ensure() {
        if (ready) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("project-course");
            Files.writeString(dir.resolve("projtest.course.yaml"), "id: projtest\ntitle: Project tests\n");
            Files.createDirectories(dir.resolve("pj-upload"));
            Files.writeString(dir.resolve("pj-upload").resolve("assignment.yaml"), """
                    id: pj-upload
                    course: projtest
                    title: Uploads
                    release: "-7d"
                    due: "+7d"
                    files:
                      - {role: code, types: [py, zip], max_size: 1MB}
                      - {role: report, types: [pdf], max_size: 1MB}
                      - {role: extra, types: [mp4, mov], max_size: 500MB}
                    handins_per_day: 50
                    checks:
                      - {id: review, kind: manual, points: 10}
                    """);
            Files.createDirectories(dir.resolve("pj-group"));
            Files.writeString(dir.resolve("pj-group").resolve("assignment.yaml"), """
                    id: pj-group
                    course: projtest
                    title: Group project (tests)
                    group: {max_size: 3}
                    release: "-7d"
                    due: "+7d"
                    files:
                      - {role: code, types: [py, zip], max_size: 1MB}
                      - {role: report, types: [pdf], max_size: 1MB}
                      - {role: extra, types: [mp4, mov], max_size: 500MB}
                    handins_per_day: 50
                    limits: {wall: 60s}
                    checks:
                      - {id: smoke, kind: smoke, points: 10, entry: run.py, args: [--small], produces: [figure.png],
                         seconds: 15}
                      - {id: report, kind: report, points: 10, max_pages: 10, sections: [Introduction, Conclusion]}
                      - {id: video, kind: video, points: 5, max_seconds: 300}
                    """);
            Files.createDirectories(dir.resolve("pj-peer"));
            Files.writeString(dir.resolve("pj-peer").resolve("assignment.yaml"), """
                    id: pj-peer
                    course: projtest
                    title: Peer assessment (tests)
                    group: {max_size: 3}
                    release: "-14d"
                    due: "-1d"
                    files:
                      - {role: code, types: [py], max_size: 1MB}
                    checks:
                      - {id: review, kind: manual, points: 10}
                    """);
            for (String scaled : SCALED) {
                Files.createDirectories(dir.resolve(scaled));
                Files.writeString(dir.resolve(scaled).resolve("assignment.yaml"), """
                        id: %s
                        course: projtest
                        title: Scaled marks (tests)
                        group: {max_size: 3}
                        release: "-14d"
                        due: "-1d"
                        files:
                          - {role: code, types: [py], max_size: 1MB}
                        checks:
                          - {id: review, kind: manual, points: 100}
                        """.formatted(scaled));
            }
            for (String board : List.of(BOARD, BOARD_DUE)) {
                Files.createDirectories(dir.resolve(board));
                Files.writeString(dir.resolve(board).resolve("assignment.yaml"), """
                        id: %s
                        course: projtest
                        title: Leaderboard (tests)
                        group: {max_size: 3}
                        release: "-14d"
                        due: "+7d"
                        files:
                          - {role: code, types: [py], max_size: 1MB}
                        checks:
                          - {id: review, kind: manual, points: 10}
                        leaderboard:
                          data: blobs
                          seed: 9157
                          size: 40
                          classes: 3
                          features: 2
                          metric: accuracy
                          public_fraction: 0.5
                          entries_per_day: 2
                        """.formatted(board));
            }
            Files.createDirectories(dir.resolve(PREDICT_BOARD));
            Files.writeString(dir.resolve(PREDICT_BOARD).resolve("assignment.yaml"), """
                    id: %s
                    course: projtest
                    title: Predict leaderboard (tests)
                    group: {max_size: 3}
                    release: "-14d"
                    due: "+7d"
                    files:
                      - {role: code, types: [py], max_size: 1MB}
                    checks:
                      - {id: review, kind: manual, points: 10}
                    leaderboard:
                      seed: 9157
                      size: 40
                      classes: 3
                      features: 2
                      metric: accuracy
                      public_fraction: 0.5
                      entries_per_day: 50
                      entry_kinds: [csv, predict]
                      predict_seconds: 8
                      weights_max_kb: 64
                    """.formatted(PREDICT_BOARD));
            sync.sync(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        demo.ensure();
        studentIds();
        peerGroup();
        for (String scaled : SCALED) {
            scoredGroup(scaled);
        }
        group(BOARD, "Board one", "alice", "bob");
        group(BOARD, "Board two", "carol", "dave");
        group(BOARD_DUE, "Board due", "alice", "bob", "carol");
        group(PREDICT_BOARD, "Predict one", "alice", "bob");
        group(PREDICT_BOARD, "Predict two", "carol", "dave");
        ready = true;
    }

    /** Alice, Bob and Carol as one group of pj-peer, formed before its due time (joins close then). */
    @Transactional
    void peerGroup() {
        Number team = (Number) em.createNativeQuery("insert into team (assignment_id, name, invite_code, created_by)"
                + " select 'pj-peer', 'Peers', 'PEER-TEST-' || id, id from app_user where username = 'alice'"
                + " on conflict (invite_code) do update set name = excluded.name returning id").getSingleResult();
        em.createNativeQuery("insert into team_member (team_id, assignment_id, user_id) select ?1, 'pj-peer', id"
                + " from app_user where username in ('alice', 'bob', 'carol') on conflict do nothing")
                .setParameter(1, team.longValue()).executeUpdate();
    }

    /** A group of {@code assignmentId} called {@code name}, its first member its creator; returns its id. */
    @Transactional
    long group(String assignmentId, String name, String... usernames) {
        Number team = (Number) em.createNativeQuery("insert into team (assignment_id, name, invite_code, created_by)"
                + " select ?1, ?2, upper(?1 || '-' || replace(?2, ' ', '-')), id from app_user where username = ?3"
                + " returning id").setParameter(1, assignmentId).setParameter(2, name).setParameter(3, usernames[0])
                .getSingleResult();
        em.createNativeQuery("insert into team_member (team_id, assignment_id, user_id) select ?1, ?2, id"
                + " from app_user where username in (?3)").setParameter(1, team.longValue()).setParameter(2, assignmentId)
                .setParameter(3, List.of(usernames)).executeUpdate();
        return team.longValue();
    }

    /** Alice, Bob and Carol as one group of {@code assignmentId} with one hand-in, scored 80 of 100. */
    @Transactional
    void scoredGroup(String assignmentId) {
        long team = group(assignmentId, "Scalers", "alice", "bob", "carol");
        UUID handin = UUID.randomUUID();
        em.createNativeQuery("insert into submission (id, assignment_id, assignment_version, submitter_id, team_id,"
                + " received_at) select ?1, ?2, 1, id, ?3, now() - interval '2 days' from app_user where username = 'alice'")
                .setParameter(1, handin).setParameter(2, assignmentId).setParameter(3, team).executeUpdate();
        Number job = (Number) em.createNativeQuery("insert into grading_job (submission_id, purpose, priority, state)"
                + " values (?1, 'handin', 10, 'done') returning id").setParameter(1, handin).getSingleResult();
        em.createNativeQuery("insert into grading_result (job_id, submission_id, assignment_version, outcome,"
                + " raw_points, max_points, late_penalty_percent, late_sentence, final_points, provenance)"
                + " values (?1, ?2, 1, 'scored', 80, 100, 0, 'On time.', 80, '{}'::jsonb)")
                .setParameter(1, job.longValue()).setParameter(2, handin).executeUpdate();
    }

    @Transactional
    void studentIds() {
        for (String[] s : new String[][] {{"alice", "U1500001A"}, {"bob", "U1500002B"}, {"carol", "U1500003C"}}) {
            em.createNativeQuery("update app_user set student_id = ?1 where username = ?2 and student_id is null")
                    .setParameter(1, s[1]).setParameter(2, s[0]).executeUpdate();
        }
    }
}
