package org.tensormark.grading;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.CheckSpec;

/**
 * What a new version of an assignment changed that can move a score, in sentences an instructor
 * and a student read ("the due time moved from 15 Mar 2026 23:59 to 14 Mar 2026 23:59").
 */
final class VersionChanges {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final Set<String> TOLERANCES = Set.of("rtol", "atol");

    private VersionChanges() {
    }

    /** The changes from {@code before} to {@code after}; never empty (a change of wording only says so). */
    static List<String> between(AssignmentView before, AssignmentView after) {
        List<String> changes = new ArrayList<>();
        if (!before.dueAt().equals(after.dueAt())) {
            changes.add("the due time moved from " + local(before.dueAt(), before.zone()) + " to "
                    + local(after.dueAt(), after.zone()));
        }
        if (!before.lateRule().equals(after.lateRule())) {
            changes.add("the late rule is now: " + after.lateRule().describe());
        }
        if (before.counts() != after.counts()) {
            changes.add("which hand-in counts changed");
        }
        for (CheckSpec check : after.checks()) {
            CheckSpec old = before.checks().stream().filter(c -> c.id().equals(check.id())).findFirst().orElse(null);
            if (old == null) {
                changes.add("check '" + check.id() + "' was added");
            } else {
                changes.addAll(checkChanges(old, check));
            }
        }
        before.checks().stream().filter(c -> after.checks().stream().noneMatch(n -> n.id().equals(c.id())))
                .forEach(c -> changes.add("check '" + c.id() + "' was removed"));
        if (changes.isEmpty()) {
            changes.add("its wording changed; no score moves because of it");
        }
        return changes;
    }

    private static List<String> checkChanges(CheckSpec old, CheckSpec now) {
        List<String> changes = new ArrayList<>();
        String id = "check '" + now.id() + "'";
        if (old.points() != now.points()) {
            changes.add(id + " is now worth " + number(now.points()) + " points (was " + number(old.points()) + ")");
        }
        if (old.visibility() != now.visibility()) {
            changes.add(id + " is now " + now.visibility().toString().toLowerCase(Locale.ROOT));
        }
        for (String t : new TreeSet<>(TOLERANCES)) {
            if (!Objects.equals(old.params().get(t), now.params().get(t))) {
                changes.add(id + "'s " + t + " is now " + now.params().get(t) + " (was " + old.params().get(t) + ")");
            }
        }
        if (!old.kind().equals(now.kind()) || !without(old.params()).equals(without(now.params()))) {
            changes.add(id + " checks something else now");
        }
        return changes;
    }

    private static Map<String, Object> without(Map<String, Object> params) {
        Map<String, Object> rest = new HashMap<>(params);
        TOLERANCES.forEach(rest::remove);
        return rest;
    }

    private static String local(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    private static String number(double points) {
        return points == Math.rint(points) ? String.valueOf((long) points) : String.valueOf(points);
    }
}
