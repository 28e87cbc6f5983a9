package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timed phases of grading as results record them in their provenance ({@code phases}):
 * adds the time recording took, once the result is written, and gives the dashboard the median
 * of every phase over a recent window.
 */
@ApplicationScoped
public class PhaseTimes {

    /** The phases in the order a job goes through them; the dashboard shows them in this order. */
    public static final List<String> ORDER = List.of("queueWaitMs", "materialiseMs", "sandboxStartMs",
            "harnessImportMs", "handinImportMs", "callsMs", "scoringMs", "recordingMs");

    private final EntityManager em;

    PhaseTimes(EntityManager em) {
        this.em = em;
    }

    /** Adds to the result of {@code jobId} how long writing it took. */
    @Transactional
    void recorded(long jobId, Duration recording) {
        em.createNativeQuery("update grading_result set provenance = jsonb_set(provenance, '{phases,recordingMs}',"
                        + " to_jsonb(?2)) where job_id = ?1 and provenance -> 'phases' is not null")
                .setParameter(1, jobId).setParameter(2, recording.toMillis()).executeUpdate();
    }

    /**
     * The medians of a window.
     *
     * @param results how many results recorded phases in the window
     * @param milliseconds phase → median milliseconds, in {@link #ORDER}; a phase no result recorded is left out
     */
    public record Medians(long results, Map<String, Long> milliseconds) {
    }

    /** The median of every phase over the results recorded within {@code window}. */
    @Transactional
    public Medians medians(Duration window) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select p.key, percentile_cont(0.5) within group (order by p.value::text::double precision),
                       count(distinct r.id)
                from grading_result r cross join lateral jsonb_each(r.provenance -> 'phases') p
                where r.created_at > now() - make_interval(secs => ?1) and jsonb_typeof(p.value) = 'number'
                group by p.key""").setParameter(1, (double) window.toSeconds()).getResultList();
        Map<String, Long> found = new LinkedHashMap<>();
        long results = 0;
        for (Object[] r : rows) {
            found.put((String) r[0], Math.round(((Number) r[1]).doubleValue()));
            results = Math.max(results, ((Number) r[2]).longValue());
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String phase : ORDER) {
            if (found.containsKey(phase)) {
                out.put(phase, found.get(phase));
            }
        }
        return new Medians(results, out);
    }
}
