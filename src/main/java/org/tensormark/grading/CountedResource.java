package org.tensormark.grading;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.identity.CourseAccess;

/** The caller's hand-in that counts on an assignment, as the gradebook sees it, for the student's page. */
@Path("/api/assignments/{assignmentId}/counted")
@Authenticated
public class CountedResource {

    private final AssignmentCatalog catalog;
    private final CourseAccess access;
    private final CountedHandins counted;

    CountedResource(AssignmentCatalog catalog, CourseAccess access, CountedHandins counted) {
        this.catalog = catalog;
        this.access = access;
        this.counted = counted;
    }

    /**
     * The rule ({@code last}, {@code best}, {@code chosen}), the hand-in that counts (null before
     * the first) and the caller's final points on it (null until scored); on group work whose mark
     * the instructor scaled for the caller, those points are the scaled ones and {@code scaled}
     * says how ("80 × 1.10 = 88"; null when not scaled).
     */
    public record CountedAnswer(String counting, UUID submissionId, Double finalPoints, String scaled) {
    }

    @GET
    public CountedAnswer mine(@PathParam("assignmentId") String assignmentId) {
        AssignmentView a = catalog.existing(assignmentId);
        access.requireMember(a.courseId());
        var mine = counted.of(a.id(), access.userId());
        return new CountedAnswer(a.counts().name().toLowerCase(), mine.map(CountedHandins.Counted::submissionId).orElse(null),
                mine.map(CountedHandins.Counted::finalPoints).orElse(null),
                mine.map(CountedHandins.Counted::scaling).map(MarkScaling::sentence).orElse(null));
    }
}
