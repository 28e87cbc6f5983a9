package org.tensormark.course;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tensormark.identity.Accounts;
import org.tensormark.identity.CourseAccess;
import org.tensormark.course.Teams;

/** Courses and assignments as a member sees them, with the late rule and what a hand-in now would cost. */
@Path("/api")
@Authenticated
public class CourseResource {

    private final AssignmentCatalog catalog;
    private final CourseAccess access;
    private final Accounts accounts;
    private final Deadlines deadlines;
    private final Teams teams;

    CourseResource(AssignmentCatalog catalog, CourseAccess access, Accounts accounts, Deadlines deadlines, Teams teams) {
        this.catalog = catalog;
        this.access = access;
        this.accounts = accounts;
        this.deadlines = deadlines;
        this.teams = teams;
    }

    /** A course in a list. */
    public record CourseSummary(String id, String title, String timeZone, String role) {
    }

    /** An assignment as a member sees it right now. */
    public record AssignmentSummary(String id, int version, String courseId, String title, boolean groupWork,
            int maxGroupSize, Instant releaseAt, Instant dueAt, Instant effectiveDueAt, String timeZone,
            String lateRule, String ifHandedInNow, boolean open, List<Map<String, Object>> files, int handinsPerDay,
            String counts, List<Map<String, Object>> checks) {
    }

    @GET
    @Path("/courses")
    public List<CourseSummary> courses() {
        return accounts.memberships(access.userId()).stream()
                .flatMap(m -> catalog.course(m.courseId()).stream()
                        .map(c -> new CourseSummary(c.id(), c.title(), c.zone().getId(), m.role().dbName())))
                .toList();
    }

    @GET
    @Path("/courses/{courseId}/assignments")
    public List<AssignmentSummary> assignments(@PathParam("courseId") String courseId) {
        access.requireMember(courseId);
        return catalog.forCourse(courseId).stream().map(this::summary).toList();
    }

    @GET
    @Path("/assignments/{assignmentId}")
    public AssignmentSummary assignment(@PathParam("assignmentId") String assignmentId) {
        AssignmentView a = catalog.existing(assignmentId);
        access.requireMember(a.courseId());
        return summary(a);
    }

    private AssignmentSummary summary(AssignmentView a) {
        long userId = access.userId();
        Long teamId = a.groupWork() ? teams.teamOf(a.id(), userId).orElse(null) : null;
        Instant due = deadlines.effectiveDue(a.id(), userId, teamId);
        Instant now = Instant.now();
        LateDecision ifNow = a.lateRule().decide(now, due, a.zone());
        boolean open = !now.isBefore(a.releaseAt()) && ifNow.accepted();
        List<Map<String, Object>> files = a.files().stream().map(f -> Map.<String, Object>of("role", f.role(),
                "types", f.types(), "maxBytes", f.maxBytes(), "required", f.required())).toList();
        List<Map<String, Object>> checks = a.checks().stream().map(c -> Map.<String, Object>of("id", c.id(),
                "kind", c.kind(), "points", c.points(), "visibility", c.visibility().toString().toLowerCase())).toList();
        return new AssignmentSummary(a.id(), a.version(), a.courseId(), a.title(), a.groupWork(), a.maxGroupSize(),
                a.releaseAt(), a.dueAt(), due, a.zone().getId(), a.lateRule().describe(), ifNow.sentence(), open, files,
                a.handinsPerDay(), a.counts().toString().toLowerCase(), checks);
    }
}
