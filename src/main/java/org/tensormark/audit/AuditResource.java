package org.tensormark.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.tensormark.problem.Problem;

/** The audit trail of any entity (a submission, a team, a token…), newest first; for admins. */
@Path("/api/audit")
@RolesAllowed("admin")
public class AuditResource {

    private final AuditTrail trail;

    AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    public List<AuditTrail.Entry> of(@QueryParam("entityType") String type, @QueryParam("entityId") String id) {
        if (type == null || id == null) {
            throw Problem.invalid("Give entityType and entityId, e.g. ?entityType=submission&entityId=<uuid>.");
        }
        return trail.of(type, id);
    }
}
