package org.tensormark.course;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Syncs the assignments directory into PostgreSQL. Every file is parsed and checked before anything
 * is written, and everything is written in one transaction, so a malformed file changes nothing.
 *
 * <p>An assignment whose content hash (canonical YAML + handout + course time zone) equals its
 * current version's is left alone; a different hash makes version n+1 and moves
 * {@code assignment.current_version}. Old versions stay, so results keep the version they were
 * graded against, and a new version announces {@link AssignmentChanged}; every version made announces
 * {@link VersionSynced}. A version keeps its notebook checks' source notebooks ({@link StoredNotebooks}),
 * and a changed source notebook makes a new version. Relative times
 * ({@code +7d}) are resolved against the time of the sync that creates the version and are not
 * moved by later syncs of the same text.
 */
@ApplicationScoped
public class AssignmentSync {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Event<AssignmentChanged> changed;
    private final Event<VersionSynced> synced;
    private final StoredNotebooks notebooks;

    AssignmentSync(EntityManager em, ObjectMapper json, Event<AssignmentChanged> changed, Event<VersionSynced> synced,
            StoredNotebooks notebooks) {
        this.em = em;
        this.notebooks = notebooks;
        this.json = json;
        this.changed = changed;
        this.synced = synced;
    }

    /** Syncs {@code dir} now; throws {@link AssignmentFormatException} naming the file, line and field. */
    public SyncReport sync(Path dir) {
        return sync(dir, Instant.now());
    }

    /** Syncs {@code dir} as of {@code now}, the instant relative times count from. */
    @Transactional
    public SyncReport sync(Path dir, Instant now) {
        CourseFolder folder = CourseFolder.read(dir);
        // Two servers starting together must not both create version n+1.
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('tensormark.assignment-sync'))").getSingleResult();
        folder.courses().values().forEach(course -> upsertCourse(course, now));
        em.flush();
        Map<Outcome, List<String>> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, new ArrayList<>());
        }
        for (AssignmentDeclaration a : folder.assignments()) {
            CourseDeclaration course = folder.courses().get(a.courseId());
            AssignmentEntity row = em.find(AssignmentEntity.class, a.id());
            Outcome outcome = syncOne(a, course, row, now);
            int version = row == null ? 1 : row.currentVersion;
            outcomes.get(outcome).add(a.id() + " v" + version);
        }
        return new SyncReport(List.copyOf(folder.courses().keySet()), outcomes.get(Outcome.CREATED),
                outcomes.get(Outcome.CHANGED), outcomes.get(Outcome.UNCHANGED), missing(folder));
    }

    private List<String> missing(CourseFolder folder) {
        List<String> declared = folder.assignments().stream().map(AssignmentDeclaration::id).toList();
        return em.createQuery("select a.id from AssignmentEntity a where a.courseId in :courses order by a.id", String.class)
                .setParameter("courses", folder.courses().keySet())
                .getResultStream().filter(id -> !declared.contains(id)).toList();
    }

    private Outcome syncOne(AssignmentDeclaration a, CourseDeclaration course, AssignmentEntity row, Instant now) {
        if (row == null) {
            em.persist(new AssignmentEntity(a.id(), a.courseId()));
            insertVersion(a, course, 1, now);
            return Outcome.CREATED;
        }
        if (!row.courseId.equals(a.courseId())) {
            throw a.source().error("course", "assignment '" + a.id() + "' already belongs to course '"
                    + row.courseId + "'; give the assignment a new id instead of moving it");
        }
        if (currentSha(row).equals(contentSha(a, course))) {
            return Outcome.UNCHANGED;
        }
        int previous = row.currentVersion;
        insertVersion(a, course, row.nextVersion(), now);
        changed.fire(new AssignmentChanged(a.id(), previous, row.currentVersion));
        return Outcome.CHANGED;
    }

    /** The version hash; the course's zone is part of it because local times depend on it. */
    private static String contentSha(AssignmentDeclaration a, CourseDeclaration course) {
        return ContentHash.sha256(course.zone().getId() + "\n" + a.declarationSha256());
    }

    private void upsertCourse(CourseDeclaration declared, Instant now) {
        CourseEntity course = em.find(CourseEntity.class, declared.id());
        if (course == null) {
            course = new CourseEntity();
            course.apply(declared, now);
            em.persist(course);
        } else {
            course.apply(declared, now);
        }
    }

    private String currentSha(AssignmentEntity row) {
        AssignmentVersionEntity current = em.find(AssignmentVersionEntity.class,
                new AssignmentVersionEntity.Key(row.id, row.currentVersion));
        return current == null ? "" : current.contentSha256;
    }

    private void insertVersion(AssignmentDeclaration a, CourseDeclaration course, int version, Instant now) {
        AssignmentDeclaration.Schedule schedule = a.schedule(course.zone(), now);
        @SuppressWarnings("unchecked")
        Map<String, Object> declaration = json.convertValue(a.yaml(), Map.class);
        StoredSpec spec = new StoredSpec(course.zone().getId(), a.lateRule(), a.files(), a.handinsPerDay(),
                a.counts(), a.checks(), a.handout(), declaration, a.limits(), a.image());
        AssignmentVersionEntity row = new AssignmentVersionEntity();
        row.assignmentId = a.id();
        row.version = version;
        row.contentSha256 = contentSha(a, course);
        row.title = a.title();
        row.groupWork = a.maxGroupSize() > 1;
        row.maxGroupSize = a.maxGroupSize();
        row.releaseAt = schedule.releaseAt();
        row.dueAt = schedule.dueAt();
        row.spec = spec.toJson(json);
        row.createdAt = now;
        em.persist(row);
        em.flush();
        notebooks.store(a.id(), version, a.notebooks());
        synced.fire(new VersionSynced(a.id(), version));
    }

    private enum Outcome { CREATED, CHANGED, UNCHANGED }
}
