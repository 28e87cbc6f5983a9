package org.tensormark.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The database side of resumable uploads; each method is one short transaction, never held while bytes flow. */
@ApplicationScoped
class UploadRows {

    private final EntityManager em;

    UploadRows(EntityManager em) {
        this.em = em;
    }

    @Transactional
    void insert(PartialUpload upload) {
        em.persist(upload);
    }

    /** The caller's upload; another user's is as absent as one that never existed. */
    @Transactional
    Optional<PartialUpload> owned(long userId, UUID id) {
        PartialUpload u = em.find(PartialUpload.class, id);
        return u != null && u.userId == userId && u.expiresAt.isAfter(Instant.now()) ? Optional.of(u) : Optional.empty();
    }

    @Transactional
    long openCount(long userId) {
        return em.createQuery("select count(u) from PartialUpload u where u.userId = :u and u.expiresAt > :now", Long.class)
                .setParameter("u", userId).setParameter("now", Instant.now()).getSingleResult();
    }

    @Transactional
    void renew(UUID id, Instant expiresAt, boolean completed) {
        PartialUpload u = em.find(PartialUpload.class, id);
        if (u != null) {
            u.expiresAt = expiresAt;
            u.completedAt = completed ? Instant.now() : null;
        }
    }

    @Transactional
    void delete(Collection<UUID> ids) {
        for (UUID id : ids) {
            PartialUpload u = em.find(PartialUpload.class, id);
            if (u != null) {
                em.remove(u);
            }
        }
    }

    @Transactional
    List<UUID> expired(Instant now) {
        return em.createQuery("select u.id from PartialUpload u where u.expiresAt <= :now", UUID.class)
                .setParameter("now", now).getResultList();
    }

    @Transactional
    boolean exists(UUID id) {
        return em.find(PartialUpload.class, id) != null;
    }
}
