package org.tensormark.course;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.tensormark.image.ImageStore;

/**
 * One version of an assignment, read-only. Versions never change once created; a result keeps the
 * version it was graded against.
 *
 * @param maxGroupSize  1 for individual work
 * @param handinsPerDay most hand-ins per student (or group) per day; 0 means no limit
 * @param handout       the handout's Markdown, or null when the assignment has none
 * @param limits        the sandbox limits the assignment declares (each may be left to the worker)
 * @param image         the grading image its code runs in ({@code course-cpu} unless it names another)
 */
public record AssignmentView(String id, int version, String courseId, String title, boolean groupWork,
                             int maxGroupSize, Instant releaseAt, Instant dueAt, ZoneId zone, LateRule lateRule,
                             List<FileSlot> files, int handinsPerDay, Counting counts, List<CheckSpec> checks,
                             String handout, AssignmentLimits limits, String image) {

    public AssignmentView {
        files = List.copyOf(files);
        checks = List.copyOf(checks);
        limits = limits == null ? AssignmentLimits.NONE : limits;
        image = image == null ? ImageStore.COURSE_IMAGE : image;
    }

    /** The slot for a role ({@code code}, {@code report}, {@code extra}), if the assignment has one. */
    public Optional<FileSlot> slot(String role) {
        return files.stream().filter(f -> f.role().equals(role)).findFirst();
    }

    /** Total points of all checks. */
    public double totalPoints() {
        return checks.stream().mapToDouble(CheckSpec::points).sum();
    }
}
