package org.tensormark.roster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tensormark.identity.CourseRole;

/**
 * What a roster means for a course as it stands: for each person of the file, create their account,
 * enrol them, take them back, update them, or nothing; and with {@code dropMissing}, drop the
 * enrolled students the file no longer lists. Pure: it reads a snapshot of the accounts and
 * enrolments concerned and changes nothing. A person is the account with the row's username, else
 * the one with its student id; a student id that belongs to another account is an error of its line.
 */
final class RosterPlan {

    /** An account as the plan needs it. */
    record Account(long id, String username, String name, String email, String studentId) {
    }

    /** A person's enrolment in the course. */
    record Enrolled(long userId, String username, CourseRole role, String section, boolean dropped) {
    }

    /** The accounts and enrolments a plan reads. */
    record Snapshot(Map<String, Account> byUsername, Map<String, Account> byStudentId, Map<Long, Enrolled> enrolled) {
    }

    /** One change with what applying it needs: the row (null for a drop) and the account (null when new). */
    record Step(RosterChange change, RosterEntry entry, Account account) {
    }

    /** The steps, the rows that cannot be applied, and how many rows change nothing. */
    record Result(List<Step> steps, List<LineError> errors, int unchanged) {
    }

    private RosterPlan() {
    }

    static Result of(Collection<RosterEntry> entries, Snapshot now, boolean dropMissing) {
        List<Step> steps = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        Set<Long> listed = new HashSet<>();
        int unchanged = 0;
        for (RosterEntry e : entries) {
            Optional<Account> account = Optional.ofNullable(now.byUsername().get(e.username()))
                    .or(() -> Optional.ofNullable(e.studentId() == null ? null : now.byStudentId().get(e.studentId())));
            Optional<String> clash = clash(e, account, now);
            if (clash.isPresent()) {
                errors.add(new LineError(e.line(), clash.get()));
                continue;
            }
            account.ifPresent(a -> listed.add(a.id()));
            Optional<Step> step = step(e, account.orElse(null), now);
            if (step.isPresent()) {
                steps.add(step.get());
            } else {
                unchanged++;
            }
        }
        if (dropMissing) {
            now.enrolled().values().stream()
                    .filter(en -> en.role() == CourseRole.STUDENT && !en.dropped() && !listed.contains(en.userId()))
                    .forEach(en -> steps.add(new Step(new RosterChange(0, en.username(), "drop",
                            Map.of("status", "enrolled"), Map.of("status", "dropped")), null,
                            new Account(en.userId(), en.username(), null, null, null))));
        }
        return new Result(List.copyOf(steps), List.copyOf(errors), unchanged);
    }

    private static Optional<String> clash(RosterEntry e, Optional<Account> account, Snapshot now) {
        if (e.studentId() == null) {
            return Optional.empty();
        }
        Account holder = now.byStudentId().get(e.studentId());
        if (holder != null && account.isPresent() && holder.id() != account.get().id()) {
            return Optional.of("student id '" + e.studentId() + "' belongs to the account '" + holder.username() + "'");
        }
        if (account.isPresent() && account.get().studentId() != null && !account.get().studentId().equals(e.studentId())) {
            return Optional.of("the account '" + account.get().username() + "' has the student id '"
                    + account.get().studentId() + "', not '" + e.studentId() + "'");
        }
        return Optional.empty();
    }

    private static Optional<Step> step(RosterEntry e, Account account, Snapshot now) {
        if (account == null) {
            return Optional.of(new Step(new RosterChange(e.line(), e.username(), "create", Map.of(), fields(e,
                    e.role() == null ? CourseRole.STUDENT : e.role())), e, null));
        }
        Enrolled enrolled = now.enrolled().get(account.id());
        if (enrolled == null || enrolled.dropped()) {
            CourseRole role = e.role() != null ? e.role() : enrolled != null ? enrolled.role() : CourseRole.STUDENT;
            return Optional.of(new Step(new RosterChange(e.line(), account.username(),
                    enrolled == null ? "enrol" : "re-enrol", Map.of(), fields(e, role)), e, account));
        }
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, String> after = new LinkedHashMap<>();
        compare("name", account.name(), e.name(), before, after);
        compare("email", account.email(), e.email(), before, after);
        compare("studentId", account.studentId(), e.studentId(), before, after);
        compare("section", enrolled.section(), e.section(), before, after);
        compare("role", enrolled.role().dbName(), e.role() == null ? null : e.role().dbName(), before, after);
        return after.isEmpty() ? Optional.empty()
                : Optional.of(new Step(new RosterChange(e.line(), account.username(), "update", before, after), e, account));
    }

    /** A field the file gives (not blank) and that differs from what is stored. */
    private static void compare(String field, String stored, String given, Map<String, String> before,
            Map<String, String> after) {
        if (given != null && !Objects.equals(stored, given)) {
            before.put(field, stored == null ? "" : stored);
            after.put(field, given);
        }
    }

    private static Map<String, String> fields(RosterEntry e, CourseRole role) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", e.name());
        if (e.email() != null) {
            m.put("email", e.email());
        }
        if (e.studentId() != null) {
            m.put("studentId", e.studentId());
        }
        if (e.section() != null) {
            m.put("section", e.section());
        }
        m.put("role", role.dbName());
        return m;
    }
}
