package org.tensormark.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.VersionSynced;
import org.tensormark.problem.Problem;

/**
 * Where a leaderboard's spec and held-out set come from: the {@code leaderboard:} section stored
 * with the assignment's version, generated once per version and kept in memory.
 */
@ApplicationScoped
class LeaderboardData {

    /** A version's spec and its generated data. */
    record Board(LeaderboardSpec spec, HeldOutSet data) {
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final AssignmentCatalog catalog;
    private final Map<String, Board> byVersion = new ConcurrentHashMap<>();

    LeaderboardData(EntityManager em, ObjectMapper json, AssignmentCatalog catalog) {
        this.em = em;
        this.json = json;
        this.catalog = catalog;
    }

    /**
     * Inside the sync's transaction: a new version whose leaderboard section is wrong fails the
     * sync (at start-up, with the field named) instead of the first student who opens the board.
     */
    void onSynced(@Observes VersionSynced synced) {
        catalog.version(synced.assignmentId(), synced.version()).ifPresent(this::find);
    }

    /** The assignment's leaderboard, or the problem "has no leaderboard" (not found). */
    Board of(AssignmentView a) {
        return find(a).orElseThrow(() -> Problem.notFound(a.title() + " has no leaderboard."));
    }

    Optional<Board> find(AssignmentView a) {
        String key = a.id() + "@" + a.version();
        Board known = byVersion.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        @SuppressWarnings("unchecked")
        List<String> section = em.createNativeQuery("select cast(spec -> 'declaration' -> 'leaderboard' as text)"
                + " from assignment_version where assignment_id = ?1 and version = ?2")
                .setParameter(1, a.id()).setParameter(2, a.version()).getResultList();
        if (section.isEmpty() || section.get(0) == null || section.get(0).equals("null")) {
            return Optional.empty();
        }
        LeaderboardSpec spec;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = json.readValue(section.get(0), Map.class);
            spec = LeaderboardSpec.from(fields);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException(a.id() + ": " + e.getMessage(), e);
        }
        Board board = new Board(spec, HeldOutSet.of(spec));
        byVersion.put(key, board);
        return Optional.of(board);
    }
}
