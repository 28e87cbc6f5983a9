package org.tensormark.course;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * An assignment folder as parsed: {@code assignment.yaml} plus its optional {@code handout.md}.
 * {@code declarationSha256} covers the parsed YAML (key order, comments and layout do not count)
 * and the handout text, so only a change of meaning makes a new version; with {@code notebook}
 * checks it covers their source notebooks too, which each version keeps ({@code notebooks}: per
 * check id, file name to bytes).
 */
record AssignmentDeclaration(String id, String courseId, String title, int maxGroupSize, DeclaredTime release,
                             DeclaredTime due, LateRule lateRule, List<FileSlot> files, int handinsPerDay,
                             Counting counts, List<CheckSpec> checks, AssignmentLimits limits, String image, String handout,
                             String declarationSha256, YamlSection source,
                             Map<String, Map<String, byte[]>> notebooks) {

    /** Release and due for a course in {@code zone}, relative times counted from {@code syncTime}. */
    Schedule schedule(ZoneId zone, Instant syncTime) {
        Instant releaseAt = release.resolve(zone, syncTime);
        Instant dueAt = due.resolve(zone, syncTime);
        if (releaseAt.isAfter(dueAt)) {
            throw source.error("due", "is before the release time (" + releaseAt + " > " + dueAt + ")");
        }
        return new Schedule(releaseAt, dueAt);
    }

    Path file() {
        return source.file();
    }

    /** The parsed YAML as written, stored with each version. */
    ObjectNode yaml() {
        return source.node();
    }

    /** Resolved release and due instants. */
    record Schedule(Instant releaseAt, Instant dueAt) {
    }
}
