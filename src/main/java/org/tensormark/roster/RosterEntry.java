package org.tensormark.roster;

import org.tensormark.identity.CourseRole;

/**
 * One person of a roster file, as read from its line: the account's username, display name,
 * email and student id, their section and their role. Email, student id and section are null
 * when the file leaves them blank; role is null when the file does not say (a new person is then
 * enrolled as a student, an enrolled one keeps their role).
 */
public record RosterEntry(int line, String username, String name, String email, String studentId, String section,
        CourseRole role) {
}
