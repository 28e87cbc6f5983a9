package org.tensormark.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.tensormark.api.ApiException;

/** The audit trail of one entity (a submission, a team, a token…), newest first; for admins. */
@Path("/api/audit")
@RolesAllowed("admin")
public class AuditResource {

    private final EntityManager em;

    AuditResource(EntityManager em) {
        this.em = em;
    }

    /** One entry as shown. */
    public record Entry(long id, String at, Long actorId, String action, String before, String after) {
    }

    @GET
    @Transactional
    public List<Entry> of(@QueryParam("entityType") String type, @QueryParam("entityId") String id) {
        if (type == null || id == null) {
            throw ApiException.badRequest("Give entityType and entityId, e.g. ?entityType=submission&entityId=<uuid>.");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, at, actor_id, action, cast(before_state as text),"
                        + " cast(after_state as text) from audit_log where entity_type = ?1 and entity_id = ?2 order by id desc")
                .setParameter(1, type).setParameter(2, id).getResultList();
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), r[1].toString(),
                r[2] == null ? null : ((Number) r[2]).longValue(), (String) r[3], (String) r[4], (String) r[5])).toList();
    }
}
