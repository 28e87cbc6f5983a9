package org.tensormark.dashboard;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.grading.ImageWaits;
import org.tensormark.grading.JobClaims;
import org.tensormark.grading.PhaseTimes;
import org.tensormark.grading.WorkerPresence;
import org.tensormark.identity.CourseAccess;
import org.tensormark.problem.Problem;

/**
 * The instructor and TA dashboard's data: class overview per assignment, gradebook, queue health
 * (with the median of each grading phase over the last hour, the live workers with the images and
 * devices they hold, and why the assignment's queued jobs wait when no live worker can run them).
 */
@Path("/api")
@Authenticated
public class DashboardResource {

    private final AssignmentCatalog catalog;
    private final CourseAccess access;
    private final ClassOverview overview;
    private final Gradebook gradebook;
    private final JobClaims claims;
    private final PhaseTimes phaseTimes;
    private final ImageWaits waits;
    private final WorkerPresence presence;

    DashboardResource(AssignmentCatalog catalog, CourseAccess access, ClassOverview overview, Gradebook gradebook,
            JobClaims claims, PhaseTimes phaseTimes, ImageWaits waits, WorkerPresence presence) {
        this.catalog = catalog;
        this.access = access;
        this.overview = overview;
        this.gradebook = gradebook;
        this.claims = claims;
        this.phaseTimes = phaseTimes;
        this.waits = waits;
        this.presence = presence;
    }

    @GET
    @Path("/assignments/{assignmentId}/overview")
    public Map<String, Object> overview(@PathParam("assignmentId") String assignmentId,
            @QueryParam("section") String section) {
        AssignmentView a = catalog.existing(assignmentId);
        access.requireStaff(a.courseId());
        Map<String, Object> out = new java.util.LinkedHashMap<>(
                overview.of(a.id(), a.courseId(), section, access.visibleStudents(a.courseId())));
        JobClaims.QueueState q = claims.state();
        PhaseTimes.Medians phases = phaseTimes.medians(Duration.ofHours(1));
        out.put("queue", Map.of("queued", q.queued(), "running", q.running(), "oldestWaitSeconds", q.oldestWait().toSeconds(),
                "phaseMediansMs", phases.milliseconds(), "timedResults", phases.results(),
                "waiting", waits.ofAssignment(a.id()), "workers", presence.live()));
        out.put("dueAt", a.dueAt());
        return out;
    }

    /**
     * Students with their scores; {@code filter} = late | failed | missing narrows to students who
     * handed in late, failed a check, or have not handed in (for {@code assignment}, or any);
     * {@code section} to one section; {@code perCheck} adds each check's points. A TA limited to sections gets only
     * their students.
     */
    @GET
    @Path("/courses/{courseId}/gradebook")
    public List<Gradebook.Row> rows(@PathParam("courseId") String courseId, @QueryParam("search") String search,
            @QueryParam("filter") String filter, @QueryParam("assignment") String assignment,
            @QueryParam("section") String section, @QueryParam("perCheck") boolean perCheck) {
        access.requireStaff(courseId);
        return filter(gradebook.rows(courseId, assignmentIds(courseId), search, section,
                access.visibleStudents(courseId), perCheck), filter, assignment);
    }

    @GET
    @Path("/courses/{courseId}/gradebook.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("courseId") String courseId) {
        access.requireStaff(courseId);
        List<String> ids = assignmentIds(courseId);
        return Response.ok(gradebook.csv(gradebook.rows(courseId, ids, null, null, access.visibleStudents(courseId)), ids))
                .header("Content-Disposition", "attachment; filename=\"" + courseId + "-gradebook.csv\"").build();
    }

    private List<String> assignmentIds(String courseId) {
        return catalog.forCourse(courseId).stream().map(AssignmentView::id).sorted().toList();
    }

    private static List<Gradebook.Row> filter(List<Gradebook.Row> rows, String filter, String assignment) {
        if (filter == null || filter.isBlank()) {
            return rows;
        }
        return rows.stream().filter(r -> {
            List<String> list = switch (filter) {
                case "late" -> r.late();
                case "failed" -> r.failedACheck();
                case "missing" -> r.notHandedIn();
                default -> throw Problem.invalid("filter must be late, failed or missing, not '" + filter + "'.");
            };
            return assignment == null ? !list.isEmpty() : list.contains(assignment);
        }).toList();
    }
}
