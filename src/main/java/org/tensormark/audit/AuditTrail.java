package org.tensormark.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

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

    /** One entry as read back, with who made the change (null for the platform itself). */
    public record Entry(long id, String at, Long actorId, String actorUsername, String action, String before,
            String after) {
    }

    /** The trail of one entity (a submission, a team, a token…), newest first. */
    @Transactional
    public List<Entry> of(String entityType, String entityId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select l.id, l.at, l.actor_id, u.username, l.action,"
                        + " cast(l.before_state as text), cast(l.after_state as text) from audit_log l"
                        + " left join app_user u on u.id = l.actor_id"
                        + " where l.entity_type = ?1 and l.entity_id = ?2 order by l.id desc")
                .setParameter(1, entityType).setParameter(2, entityId).getResultList();
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), r[1].toString(),
                r[2] == null ? null : ((Number) r[2]).longValue(), (String) r[3], (String) r[4], (String) r[5],
                (String) r[6])).toList();
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
