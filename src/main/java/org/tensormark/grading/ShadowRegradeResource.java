package org.tensormark.grading;

import io.quarkus.security.Authenticated;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.identity.CourseAccess;
import org.tensormark.problem.Problem;

/**
 * Shadow regrades for the assignment's instructors: what a changed assignment would do to every
 * score, then publish or discard it.
 */
@Path("/api/assignments/{assignmentId}/regrades")
@Authenticated
public class ShadowRegradeResource {

    private final AssignmentCatalog catalog;
    private final CourseAccess access;
    private final EntityManager em;
    private final RegradePublisher publisher;

    ShadowRegradeResource(AssignmentCatalog catalog, CourseAccess access, EntityManager em, RegradePublisher publisher) {
        this.catalog = catalog;
        this.access = access;
        this.em = em;
        this.publisher = publisher;
    }

    /** One shadow regrade in a list: its versions, state and how many scores it changes. */
    public record RegradeSummary(long id, int fromVersion, int toVersion, String state, String createdAt, int handins,
            int changedScores) {
    }

    /**
     * One shadow regrade in full.
     *
     * @param changes       what the new version changed, in sentences
     * @param changedScores how many hand-ins' final points move (by more than 0.000001)
     * @param largestChange the largest move up or down, in points (signed)
     * @param meanChange    the mean move over the hand-ins that move
     * @param callsRerun    calls run again because the plan changed (0 when only scoring changed)
     * @param sandboxRuns   sandbox runs the regrade started
     */
    public record RegradeView(long id, String assignmentId, int fromVersion, int toVersion, String state,
            List<String> changes, int handins, int changedScores, double largestChange, double meanChange,
            int callsRerun, int sandboxRuns, String error, List<RegradeEntry> entries) {
    }

    /** One hand-in's old and new final points. */
    public record RegradeEntry(UUID submissionId, String student, double oldPoints, double newPoints, double change) {
    }

    /** How many scores a publish replaced. */
    public record Published(int rescored) {
    }

    @GET
    @Transactional
    public List<RegradeSummary> list(@PathParam("assignmentId") String assignmentId) {
        AssignmentView a = instructorOf(assignmentId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select g.id, g.from_version, g.to_version, g.state, g.created_at,
                    (select count(*) from shadow_regrade_entry e where e.regrade_id = g.id),
                    (select count(*) from shadow_regrade_entry e where e.regrade_id = g.id
                        and abs(e.new_points - e.old_points) > 1e-6)
                from shadow_regrade g where g.assignment_id = ?1 order by g.id desc""")
                .setParameter(1, a.id()).getResultList();
        return rows.stream().map(r -> new RegradeSummary(((Number) r[0]).longValue(), ((Number) r[1]).intValue(),
                ((Number) r[2]).intValue(), (String) r[3], r[4].toString(), ((Number) r[5]).intValue(),
                ((Number) r[6]).intValue())).toList();
    }

    @GET
    @Path("/{regradeId}")
    @Transactional
    public RegradeView get(@PathParam("assignmentId") String assignmentId, @PathParam("regradeId") long regradeId) {
        AssignmentView a = instructorOf(assignmentId);
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select from_version, to_version, state, cast(changes as text),"
                + " calls_rerun, sandbox_runs, error from shadow_regrade where id = ?1 and assignment_id = ?2")
                .setParameter(1, regradeId).setParameter(2, a.id()).getResultList();
        if (found.isEmpty()) {
            throw Problem.notFound("Assignment '" + a.id() + "' has no regrade " + regradeId + ".");
        }
        Object[] g = found.get(0);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select e.submission_id, u.username, e.old_points, e.new_points
                from shadow_regrade_entry e join submission s on s.id = e.submission_id
                join app_user u on u.id = s.submitter_id
                where e.regrade_id = ?1 order by u.username, s.received_at""").setParameter(1, regradeId).getResultList();
        List<RegradeEntry> entries = rows.stream().map(r -> {
            double before = ((Number) r[2]).doubleValue();
            double after = ((Number) r[3]).doubleValue();
            return new RegradeEntry((UUID) r[0], (String) r[1], before, after, after - before);
        }).toList();
        List<RegradeEntry> moved = entries.stream().filter(e -> Math.abs(e.change()) > 1e-6).toList();
        double largest = moved.stream().map(RegradeEntry::change).max((x, y) -> Double.compare(Math.abs(x), Math.abs(y)))
                .orElse(0.0);
        double mean = moved.stream().mapToDouble(RegradeEntry::change).average().orElse(0);
        return new RegradeView(regradeId, a.id(), ((Number) g[0]).intValue(), ((Number) g[1]).intValue(), (String) g[2],
                publisher.changes((String) g[3]), entries.size(), moved.size(), largest, mean, ((Number) g[4]).intValue(),
                ((Number) g[5]).intValue(), (String) g[6], entries);
    }

    @POST
    @Path("/{regradeId}/publish")
    public Published publish(@PathParam("assignmentId") String assignmentId, @PathParam("regradeId") long regradeId) {
        AssignmentView a = instructorOf(assignmentId);
        return new Published(publisher.publish(a.id(), regradeId, access.userId()));
    }

    @POST
    @Path("/{regradeId}/discard")
    public Response discard(@PathParam("assignmentId") String assignmentId,
            @PathParam("regradeId") long regradeId) {
        AssignmentView a = instructorOf(assignmentId);
        publisher.discard(a.id(), regradeId, access.userId());
        return Response.noContent().build();
    }

    private AssignmentView instructorOf(String assignmentId) {
        AssignmentView a = catalog.existing(assignmentId);
        access.requireInstructor(a.courseId());
        return a;
    }
}
