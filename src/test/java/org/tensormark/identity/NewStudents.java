package org.tensormark.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fresh student accounts enrolled in a course, for tests that need more students than the demo
 * has. Each password is {@code <username>-demo}, so {@link TestLogins} can sign them in.
 */
@ApplicationScoped
public class NewStudents {

    private final Accounts accounts;

    NewStudents(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The usernames of {@code count} new students of the course. */
    public List<String> enrolled(String courseId, int count) {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "student-" + batch + "-" + i;
            UserAccount user = accounts.create(name, "Student " + batch + " " + i, name + "-demo", false);
            accounts.enrol(user.id, courseId, CourseRole.STUDENT);
            names.add(name);
        }
        return names;
    }
}
