package org.tensormark.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Visibility;

/**
 * The worker's prepared checks of each assignment version ({@link CheckRun#prepare}: the inputs
 * generated from their seeds, the reference figures looked up, the plans with their .npz and
 * hashes), made by the first job of a version and kept for the next ones, which then write bytes
 * made before instead of generating and serialising the same inputs again (preparing and writing
 * A1's two plans took about 10 ms of every A1 hand-in on 2 CPUs). A version never changes and its
 * reference figures are stored once, so what is kept stays right; a version with a check whose
 * kind reads more than the version ({@link GraderKind#preparesFromVersionAlone}) is prepared for
 * each job. The versions used last are kept, at most {@link #VERSIONS}.
 */
final class PreparedChecks {

    /** How many versions' prepared checks a worker keeps (a term's assignments, several versions each). */
    static final int VERSIONS = 32;

    private final Map<Key, CheckRun.Prepared> byVersion = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CheckRun.Prepared> eldest) {
            return size() > VERSIONS;
        }
    };

    private record Key(String assignment, int version) {
    }

    /**
     * The checks of {@code context}'s version prepared for a hand-in whose module is {@code module}:
     * kept ones when the version's were prepared before. {@code context}'s reference store must be
     * the same for every call (the worker's).
     */
    CheckRun.Prepared of(GradingContext context, List<GraderKind> kinds, String module, ObjectMapper json)
            throws IOException {
        AssignmentView a = context.assignment();
        if (!a.checks().stream().allMatch(c -> CheckRun.kind(kinds, c).preparesFromVersionAlone())) {
            return CheckRun.prepare(context, kinds, module);
        }
        Key key = new Key(a.id(), a.version());
        CheckRun.Prepared kept;
        synchronized (byVersion) {
            kept = byVersion.get(key);
        }
        if (kept == null) { // prepared outside the lock: a version's first job may compute reference figures
            CheckRun.Prepared made = CheckRun.prepare(context, kinds, module);
            kept = new CheckRun.Prepared(sealed(made.plans(), module, json), Collections.unmodifiableMap(made.checks()));
            synchronized (byVersion) {
                CheckRun.Prepared raced = byVersion.putIfAbsent(key, kept);
                kept = raced == null ? kept : raced;
            }
        }
        return new CheckRun.Prepared(sealed(kept.plans(), module, json), kept.checks());
    }

    private static Map<Visibility, JobPlan> sealed(Map<Visibility, JobPlan> plans, String module, ObjectMapper json)
            throws IOException {
        Map<Visibility, JobPlan> out = new EnumMap<>(Visibility.class);
        for (Map.Entry<Visibility, JobPlan> group : plans.entrySet()) {
            out.put(group.getKey(), group.getValue().sealed(module, json));
        }
        return out;
    }
}
