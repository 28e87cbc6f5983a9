package org.tensormark.roster;

import java.util.List;

/**
 * One person on a course's roster as the API shows it: account, section, role, whether they were
 * dropped (their hand-ins and grades stay), whether they can sign in with a password yet, and for
 * a TA the sections they are limited to (empty: the whole course).
 */
public record Member(long userId, String username, String name, String email, String studentId, String section,
        String role, boolean dropped, boolean hasPassword, List<String> taSections) {
}
