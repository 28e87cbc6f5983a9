package org.tensormark.course;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tensormark.problem.Problem;

/** Read access to synced courses and assignment versions; the only way other features see them. */
@ApplicationScoped
public class AssignmentCatalog {

    private final EntityManager em;
    private final ObjectMapper json;

    AssignmentCatalog(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** The current version of an assignment. */
    @Transactional
    public Optional<AssignmentView> current(String assignmentId) {
        AssignmentEntity row = em.find(AssignmentEntity.class, assignmentId);
        return row == null ? Optional.empty() : version(assignmentId, row.currentVersion);
    }

    /** The current version, or the problem "No assignment 'x'." (not found). */
    public AssignmentView existing(String assignmentId) {
        return current(assignmentId).orElseThrow(() -> Problem.notFound(
                "No assignment '" + assignmentId + "'."));
    }

    /** A given version, current or not (results are shown against the version they were graded on). */
    @Transactional
    public Optional<AssignmentView> version(String assignmentId, int version) {
        AssignmentVersionEntity row = em.find(AssignmentVersionEntity.class,
                new AssignmentVersionEntity.Key(assignmentId, version));
        if (row == null) {
            return Optional.empty();
        }
        AssignmentEntity assignment = em.find(AssignmentEntity.class, assignmentId);
        return Optional.of(view(row, assignment.courseId));
    }

    /**
     * The current versions of the {@code limit} released assignments due last, read once by a
     * starting worker so that its first job does not meet a cold lookup.
     */
    @Transactional
    public List<AssignmentView> releasedDueLast(int limit) {
        return em.createQuery("select v from AssignmentVersionEntity v, AssignmentEntity a where v.assignmentId = a.id"
                        + " and v.version = a.currentVersion and v.releaseAt <= :now order by v.dueAt desc",
                        AssignmentVersionEntity.class)
                .setParameter("now", java.time.Instant.now()).setMaxResults(limit).getResultStream()
                .map(v -> version(v.assignmentId, v.version).orElseThrow()).toList();
    }

    /** Current versions of a course's assignments, by due time then id. */
    @Transactional
    public List<AssignmentView> forCourse(String courseId) {
        return em.createQuery("select a from AssignmentEntity a where a.courseId = :course", AssignmentEntity.class)
                .setParameter("course", courseId)
                .getResultStream()
                .map(a -> version(a.id, a.currentVersion).orElseThrow())
                .sorted(Comparator.comparing(AssignmentView::dueAt).thenComparing(AssignmentView::id))
                .toList();
    }

    @Transactional
    public Optional<CourseView> course(String courseId) {
        return Optional.ofNullable(em.find(CourseEntity.class, courseId)).map(CourseEntity::view);
    }

    private AssignmentView view(AssignmentVersionEntity row, String courseId) {
        StoredSpec spec = StoredSpec.fromJson(json, row.spec);
        return new AssignmentView(row.assignmentId, row.version, courseId, row.title, row.groupWork,
                row.maxGroupSize, row.releaseAt, row.dueAt, ZoneId.of(spec.zone()), spec.late(), spec.files(),
                spec.handinsPerDay(), spec.counts(), spec.checks(), spec.handout(),
                spec.limits() == null ? AssignmentLimits.NONE : spec.limits(), spec.image());
    }
}
