package org.tensormark.identity;

import jakarta.enterprise.context.RequestScoped;
import org.tensormark.problem.Problem;

/**
 * Who may see what in a course, for the current caller. A course the caller does not belong to
 * answers "not found", so ids of other courses reveal nothing. Admins act as instructors.
 */
@RequestScoped
public class CourseAccess {

    private final CurrentUser user;
    private final Accounts accounts;

    CourseAccess(CurrentUser user, Accounts accounts) {
        this.user = user;
        this.accounts = accounts;
    }

    /** The caller's role in the course; 404 when they are not in it. */
    public CourseRole requireMember(String courseId) {
        if (user.admin()) {
            return CourseRole.INSTRUCTOR;
        }
        return accounts.roleIn(user.id(), courseId)
                .orElseThrow(() -> Problem.notFound("No course '" + courseId + "' that you belong to."));
    }

    /** Passes for TAs and instructors of the course; students get 403, outsiders 404. */
    public CourseRole requireStaff(String courseId) {
        CourseRole role = requireMember(courseId);
        if (!role.isStaff()) {
            throw Problem.notAllowed("Only the course's TAs and instructors may do this.");
        }
        return role;
    }

    /** Passes for instructors of the course (and admins). */
    public void requireInstructor(String courseId) {
        if (requireMember(courseId) != CourseRole.INSTRUCTOR) {
            throw Problem.notAllowed("Only the course's instructors may do this.");
        }
    }

    public boolean isStaff(String courseId) {
        return user.admin() || accounts.roleIn(user.id(), courseId).map(CourseRole::isStaff).orElse(false);
    }

    public long userId() {
        return user.id();
    }
}
