package org.tensormark.roster;

import java.util.List;

/**
 * What an import did: the file's format, whether the changes were applied (false for a dry run
 * and for a file with bad rows imported without {@code partial}), every change, and every row
 * that could not be used.
 */
public record ImportReport(String format, boolean applied, int created, int enrolled, int updated, int dropped,
        int unchanged, List<RosterChange> changes, List<LineError> errors) {

    static ImportReport of(String format, boolean applied, int unchanged, List<RosterChange> changes,
            List<LineError> errors) {
        return new ImportReport(format, applied, count(changes, "create"),
                count(changes, "enrol") + count(changes, "re-enrol"), count(changes, "update"), count(changes, "drop"),
                unchanged, changes, errors);
    }

    private static int count(List<RosterChange> changes, String action) {
        return (int) changes.stream().filter(c -> c.action().equals(action)).count();
    }
}
