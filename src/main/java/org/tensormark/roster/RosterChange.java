package org.tensormark.roster;

import java.util.Map;

/**
 * One change a roster import makes (or, in a dry run, would make) to one person: {@code create}
 * (a new account, enrolled), {@code enrol}, {@code re-enrol} (a dropped person is back),
 * {@code update} (name, email, student id, section or role) or {@code drop}; with the fields
 * before and after. {@code line} is the file's line, 0 for a drop (the person is not in the file).
 */
public record RosterChange(int line, String username, String action, Map<String, String> before,
        Map<String, String> after) {
}
