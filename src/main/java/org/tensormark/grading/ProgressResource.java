package org.tensormark.grading;

import io.quarkus.security.Authenticated;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.identity.CourseAccess;
import org.tensormark.submission.Submissions;

/**
 * Live progress of running hand-ins ({@link JobProgress}): the student polls their hand-in's, the
 * course's staff every running hand-in of an assignment. Display only: the job could have chosen
 * which of its own cells is shown, nothing more.
 */
@Path("/api")
@Authenticated
public class ProgressResource {

    private static final String COLUMNS = """
            select s.id, u.username, j.state = 'running', p.part, p.phase, p.step, p.steps, p.cell, p.grade_id,
                   extract(epoch from now() - p.part_started_at), extract(epoch from now() - j.started_at),
                   s.submitter_id
            from grading_job j join submission s on s.id = j.submission_id join app_user u on u.id = s.submitter_id
            left join job_progress p on p.job_id = j.id and p.attempt = j.attempts
            """;

    private final Submissions submissions;
    private final CourseAccess access;
    private final AssignmentCatalog catalog;
    private final EntityManager em;

    ProgressResource(Submissions submissions, CourseAccess access, AssignmentCatalog catalog, EntityManager em) {
        this.submissions = submissions;
        this.access = access;
        this.catalog = catalog;
        this.em = em;
    }

    /**
     * Where a running hand-in is: which notebook, which cell, for how long. {@code running} is
     * false once the job has ended (or before it starts); the result then answers.
     *
     * @param notebookSeconds how long the notebook has run, by the worker's clock
     * @param jobSeconds      how long the job has run
     */
    public record HandinProgress(UUID submissionId, String student, boolean running, String notebook, String phase,
            Integer step, Integer steps, Integer cell, String gradeId, Double notebookSeconds, Double jobSeconds) {

        static HandinProgress of(Object[] r) {
            boolean running = Boolean.TRUE.equals(r[2]);
            return new HandinProgress((UUID) r[0], (String) r[1], running, running ? (String) r[3] : null,
                    running ? (String) r[4] : null, running ? integer(r[5]) : null, running ? integer(r[6]) : null,
                    running ? integer(r[7]) : null, running ? (String) r[8] : null,
                    running && r[3] != null ? seconds(r[9]) : null, running ? seconds(r[10]) : null);
        }

        private static Integer integer(Object value) {
            return value == null ? null : ((Number) value).intValue();
        }

        private static Double seconds(Object value) {
            return value == null ? null : Math.round(((Number) value).doubleValue() * 10) / 10.0;
        }
    }

    @GET
    @Path("/submissions/{id}/progress")
    @Transactional
    public HandinProgress ofHandin(@PathParam("id") UUID id) {
        submissions.visible(access, id);
        List<?> rows = em.createNativeQuery(COLUMNS + " where j.submission_id = ?1 and j.purpose <> 'rerun'"
                + " order by j.id desc limit 1").setParameter(1, id).getResultList();
        return rows.isEmpty() ? new HandinProgress(id, null, false, null, null, null, null, null, null, null, null)
                : HandinProgress.of((Object[]) rows.get(0));
    }

    @GET
    @Path("/assignments/{assignmentId}/progress")
    @Transactional
    public List<HandinProgress> ofAssignment(@PathParam("assignmentId") String assignmentId) {
        String courseId = catalog.existing(assignmentId).courseId();
        access.requireStaff(courseId);
        Optional<Set<Long>> visible = access.visibleStudents(courseId);
        List<?> rows = em.createNativeQuery(COLUMNS + " where s.assignment_id = ?1 and j.state = 'running'"
                + " order by j.started_at").setParameter(1, assignmentId).getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .filter(r -> visible.isEmpty() || visible.get().contains(((Number) r[11]).longValue()))
                .map(HandinProgress::of).toList();
    }
}
