package org.tensormark.course;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source notebooks of each assignment version's {@code notebook} checks, kept when the version
 * is synced: content-addressed blobs ({@code notebook_blob}, one row per distinct content) linked
 * to the version ({@code assignment_version_notebook}). Grading and the release read a version's
 * notebooks from here, so they stay what they were when the version was made, whatever happens to
 * the assignment folder later.
 */
@ApplicationScoped
public class StoredNotebooks {

    private final EntityManager em;

    StoredNotebooks(EntityManager em) {
        this.em = em;
    }

    /** Stores the notebooks of a new version (per check id, file name to bytes, in grading order). */
    void store(String assignmentId, int version, Map<String, Map<String, byte[]>> notebooks) {
        notebooks.forEach((check, files) -> {
            int position = 0;
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                String sha = ContentHash.sha256(file.getValue());
                em.createNativeQuery("insert into notebook_blob (sha256, content) values (?1, ?2) on conflict do nothing")
                        .setParameter(1, sha).setParameter(2, file.getValue()).executeUpdate();
                em.createNativeQuery("insert into assignment_version_notebook (assignment_id, version, check_id, file,"
                                + " position, sha256) values (?1, ?2, ?3, ?4, ?5, ?6)")
                        .setParameter(1, assignmentId).setParameter(2, version).setParameter(3, check)
                        .setParameter(4, file.getKey()).setParameter(5, position++).setParameter(6, sha).executeUpdate();
            }
        });
    }

    /**
     * The source notebooks a version's check was synced with, file name to bytes in grading order;
     * empty for a version synced before notebooks were kept (the folder is then all there is).
     */
    @Transactional
    public Optional<Map<String, byte[]>> of(String assignmentId, int version, String checkId) {
        List<?> rows = em.createNativeQuery("select n.file, b.content from assignment_version_notebook n"
                        + " join notebook_blob b on b.sha256 = n.sha256"
                        + " where n.assignment_id = ?1 and n.version = ?2 and n.check_id = ?3 order by n.position")
                .setParameter(1, assignmentId).setParameter(2, version).setParameter(3, checkId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            files.put((String) r[0], (byte[]) r[1]);
        }
        return Optional.of(files);
    }
}
