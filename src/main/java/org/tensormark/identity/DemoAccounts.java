package org.tensormark.identity;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Demo accounts for a local installation: an admin, an instructor, a TA and four students,
 * enrolled in every course that was synced. Created once, printed at every start.
 */
@ApplicationScoped
public class DemoAccounts {

    /** A demo login. */
    public record Demo(String username, String displayName, String password, CourseRole role, boolean admin) {
    }

    public static final List<Demo> ALL = List.of(
            new Demo("admin", "Ada Admin", "admin-demo", CourseRole.INSTRUCTOR, true),
            new Demo("ingrid", "Ingrid Instructor", "ingrid-demo", CourseRole.INSTRUCTOR, false),
            new Demo("tom", "Tom TA", "tom-demo", CourseRole.TA, false),
            new Demo("alice", "Alice Tan", "alice-demo", CourseRole.STUDENT, false),
            new Demo("bob", "Bob Lim", "bob-demo", CourseRole.STUDENT, false),
            new Demo("carol", "Carol Ng", "carol-demo", CourseRole.STUDENT, false),
            new Demo("dave", "Dave Kumar", "dave-demo", CourseRole.STUDENT, false));

    private final DemoConfig config;
    private final Accounts accounts;
    private final EntityManager em;

    DemoAccounts(DemoConfig config, Accounts accounts, EntityManager em) {
        this.config = config;
        this.accounts = accounts;
        this.em = em;
    }

    /** Runs after the assignment sync (default priority), so the courses exist. */
    void onStart(@Observes @Priority(5000) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        ensure();
        System.out.println("TensorMark demo accounts (username / password / role):");
        for (Demo d : ALL) {
            System.out.printf("  %-8s %-12s %s%n", d.username(), d.password(), d.admin() ? "admin" : d.role().dbName());
        }
    }

    @Transactional
    public void ensure() {
        @SuppressWarnings("unchecked")
        List<String> courses = em.createNativeQuery("select id from course order by id").getResultList();
        for (Demo d : ALL) {
            UserAccount user = accounts.byUsername(d.username())
                    .orElseGet(() -> accounts.create(d.username(), d.displayName(), d.password(), d.admin()));
            for (String course : courses) {
                if (accounts.roleIn(user.id, course).isEmpty()) {
                    accounts.enrol(user.id, course, d.role());
                }
            }
        }
    }
}
