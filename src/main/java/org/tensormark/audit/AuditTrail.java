package org.tensormark.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The append-only audit log: every state change is recorded with its actor, time and the state
 * before and after. Rows are never updated or deleted (a database trigger refuses it).
 */
@ApplicationScoped
public class AuditTrail {

    private final EntityManager em;
    private final ObjectMapper json;

    AuditTrail(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * Appends one entry inside the caller's transaction, so it commits or rolls back with the
     * change it describes. {@code actorId} is null for changes made by the platform itself.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Long actorId, String action, String entityType, String entityId, Object before, Object after) {
        em.createNativeQuery("insert into audit_log (actor_id, action, entity_type, entity_id, before_state, after_state)"
                        + " values (?1, ?2, ?3, ?4, cast(?5 as jsonb), cast(?6 as jsonb))")
                .setParameter(1, actorId)
                .setParameter(2, action)
                .setParameter(3, entityType)
                .setParameter(4, entityId)
                .setParameter(5, toJson(before))
                .setParameter(6, toJson(after))
                .executeUpdate();
    }

    private String toJson(Object state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit state is not serialisable: " + state.getClass(), e);
        }
    }
}
