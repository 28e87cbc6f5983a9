package org.tensormark.identity;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.Set;
import org.tensormark.problem.Problem;

/**
 * Who may see what in a course, for the current caller. A course the caller does not belong to
 * answers "not found", so ids of other courses reveal nothing. Admins act as instructors. A TA
 * limited to sections sees and grades only the students of those sections.
 */
@RequestScoped
public class CourseAccess {

    private final CurrentUser user;
    private final Accounts accounts;
    private final Sections sections;

    CourseAccess(CurrentUser user, Accounts accounts, Sections sections) {
        this.user = user;
        this.accounts = accounts;
        this.sections = sections;
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

    /**
     * The students of the course the caller may see and grade, when that is not all of them: a TA
     * limited to sections sees the students of those sections only. Empty means every student.
     */
    public Optional<Set<Long>> visibleStudents(String courseId) {
        if (user.admin() || accounts.roleIn(user.id(), courseId).orElse(null) != CourseRole.TA) {
            return Optional.empty();
        }
        Set<String> limit = sections.limitOf(courseId, user.id());
        return limit.isEmpty() ? Optional.empty() : Optional.of(sections.studentsIn(courseId, limit));
    }

    /** Whether the caller is staff of the course and may see this student's work there. */
    public boolean seesAsStaff(String courseId, Set<Long> studentIds) {
        if (!isStaff(courseId)) {
            return false;
        }
        Optional<Set<Long>> visible = visibleStudents(courseId);
        return visible.isEmpty() || studentIds.stream().anyMatch(visible.get()::contains);
    }

    public long userId() {
        return user.id();
    }
}
