package org.tensormark.grading;

import io.quarkus.security.Authenticated;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.tensormark.audit.AuditTrail;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Deadlines;
import org.tensormark.identity.CourseAccess;
import org.tensormark.problem.Problem;
import org.tensormark.submission.Submission;
import org.tensormark.submission.Submissions;

/** A hand-in's grading status and feedback; instructors release hidden checks and queue regrades. */
@Path("/api")
@Authenticated
public class FeedbackResource {

    private final Submissions submissions;
    private final CourseAccess access;
    private final AssignmentCatalog catalog;
    private final Feedback feedback;
    private final GradingQueue queue;
    private final AuditTrail audit;
    private final EntityManager em;
    private final Rescorer rescorer;
    private final JobClaims claims;
    private final Deadlines deadlines;

    FeedbackResource(Submissions submissions, CourseAccess access, AssignmentCatalog catalog, Feedback feedback,
            GradingQueue queue, AuditTrail audit, EntityManager em, Rescorer rescorer,
            JobClaims claims, Deadlines deadlines) {
        this.deadlines = deadlines;
        this.rescorer = rescorer;
        this.claims = claims;
        this.submissions = submissions;
        this.access = access;
        this.catalog = catalog;
        this.feedback = feedback;
        this.queue = queue;
        this.audit = audit;
        this.em = em;
    }

    @GET
    @Path("/submissions/{id}/result")
    public ResultView result(@PathParam("id") UUID id) {
        Submission s = submissions.visible(access, id);
        AssignmentView a = catalog.version(s.assignmentId, s.assignmentVersion).orElseThrow();
        // after_due checks open at the due time of whoever handed in, extensions included.
        Instant due = deadlines.effectiveDue(a.id(), s.submitterId, s.teamId);
        return feedback.of(id, a.id(), due.atZone(a.zone()), access.isStaff(a.courseId()));
    }

    @POST
    @Path("/assignments/{assignmentId}/release-hidden")
    @Transactional
    public Response release(@PathParam("assignmentId") String assignmentId) {
        AssignmentView a = catalog.existing(assignmentId);
        access.requireInstructor(a.courseId());
        em.createNativeQuery("insert into hidden_release (assignment_id, released_by) values (?1, ?2)"
                + " on conflict do nothing").setParameter(1, a.id()).setParameter(2, access.userId()).executeUpdate();
        audit.record(access.userId(), "hidden.release", "assignment", a.id(), null, Map.of("released", true));
        return Response.noContent().build();
    }

    /** A regrade queued: the job that will run it. */
    public record RegradeQueued(long jobId) {
    }

    /** A regrade of a whole assignment queued: how many hand-ins it covers. */
    public record RegradesQueued(int queued) {
    }

    /** A TA's points for one manual rubric check. */
    public record ManualGrade(String checkId, Double points, String comment) {
    }

    /** An instructor's final score (null clears an earlier override) and the reason for it. */
    public record Override(Double points, String reason) {
    }

    @POST
    @Path("/submissions/{id}/manual")
    public Response gradeManual(@PathParam("id") UUID id, ManualGrade body) {
        Submission s = submissions.visible(access, id);
        access.requireStaff(submissions.courseOf(s.assignmentId));
        if (body == null || body.checkId() == null || body.points() == null) {
            throw Problem.invalid("Give checkId and points (and optionally a comment).");
        }
        rescorer.gradeManual(id, body.checkId(), body.points(), body.comment(), access.userId());
        return Response.noContent().build();
    }

    @POST
    @Path("/submissions/{id}/override")
    public Response override(@PathParam("id") UUID id, Override body) {
        Submission s = submissions.visible(access, id);
        access.requireInstructor(submissions.courseOf(s.assignmentId));
        rescorer.override(id, body == null ? null : body.points(), body == null ? null : body.reason(), access.userId());
        return Response.noContent().build();
    }

    @POST
    @Path("/submissions/{id}/cancel")
    @Transactional
    public Response cancel(@PathParam("id") UUID id) {
        Submission s = submissions.visible(access, id);
        access.requireStaff(submissions.courseOf(s.assignmentId));
        int cancelled = claims.cancelSubmission(id);
        if (cancelled == 0) {
            throw Problem.conflict("This hand-in has no queued or running grading job to cancel.");
        }
        audit.record(access.userId(), "submission.cancel", "submission", id.toString(), null, Map.of("jobs", cancelled));
        return Response.noContent().build();
    }

    @POST
    @Path("/submissions/{id}/regrade")
    @Transactional
    public Response regrade(@PathParam("id") UUID id) {
        Submission s = submissions.visible(access, id);
        access.requireStaff(submissions.courseOf(s.assignmentId));
        long job = queue.enqueue(id, true);
        audit.record(access.userId(), "submission.regrade", "submission", id.toString(), null, Map.of("job", job));
        return Response.accepted(new RegradeQueued(job)).build();
    }

    /**
     * Queues a regrade of every hand-in of the assignment that is not already waiting or running;
     * they run behind students' new hand-ins. A TA limited to sections regrades their students' only.
     */
    @POST
    @Path("/assignments/{assignmentId}/regrade")
    @Transactional
    public Response regradeAll(@PathParam("assignmentId") String assignmentId) {
        AssignmentView a = catalog.existing(assignmentId);
        access.requireStaff(a.courseId());
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select s.id from submission s where s.assignment_id = ?1"
                + " and not exists (select 1 from grading_job j where j.submission_id = s.id"
                + " and j.state in ('queued', 'running')) order by s.received_at").setParameter(1, a.id()).getResultList();
        Optional<Set<Long>> visible = access.visibleStudents(a.courseId());
        if (visible.isPresent()) {
            Set<UUID> theirs = submissions.ofAssignment(a.id(), visible).stream().map(Submissions.Summary::id)
                    .collect(Collectors.toSet());
            ids = ids.stream().filter(theirs::contains).toList();
        }
        ids.forEach(id -> queue.enqueue(id, true));
        audit.record(access.userId(), "assignment.regrade", "assignment", a.id(), null, Map.of("jobs", ids.size()));
        return Response.accepted(new RegradesQueued(ids.size())).build();
    }
}
