package org.tensormark.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensormark.course.AssignmentSync;
import org.tensormark.identity.DemoAccounts;

/**
 * A course for the project tests, synced once per run: {@code pj-upload} (one student, a code, a
 * report and a video slot of 500 MB, graded by hand), {@code pj-group} (the project's automatic
 * checks for a group of three) and the demo students with student ids.
 */
@ApplicationScoped
public class ProjectCourse {

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
            sync.sync(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        demo.ensure();
        studentIds();
        ready = true;
    }

    @Transactional
    void studentIds() {
        for (String[] s : new String[][] {{"alice", "U1500001A"}, {"bob", "U1500002B"}, {"carol", "U1500003C"}}) {
            em.createNativeQuery("update app_user set student_id = ?1 where username = ?2 and student_id is null")
                    .setParameter(1, s[1]).setParameter(2, s[0]).executeUpdate();
        }
    }
}
