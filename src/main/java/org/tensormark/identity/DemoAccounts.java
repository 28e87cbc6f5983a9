package org.tensormark.identity;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Demo accounts for a local installation: an admin, an instructor, a TA and four students,
 * enrolled in every course that was synced. Created once, printed at every start, and only when
 * asked for ({@code tensormark.demo.enabled}); a server that listens on a non-loopback address
 * refuses to start with them, because their passwords are printed in the README.
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
    private final String host;
    private final Accounts accounts;
    private final EntityManager em;

    DemoAccounts(DemoConfig config, @ConfigProperty(name = "quarkus.http.host") String host, Accounts accounts,
            EntityManager em) {
        this.config = config;
        this.host = host;
        this.accounts = accounts;
        this.em = em;
    }

    /** Runs first of all start-up work, so that a refused start changes nothing. */
    void refuseOnPublicAddress(@Observes @Priority(1) StartupEvent event) {
        if (config.enabled() && !LoopbackHost.is(host)) {
            throw new IllegalStateException("The demo accounts (admin/admin-demo and others, passwords in the README)"
                    + " are on (tensormark.demo.enabled=true, or serve --demo) but the server listens on quarkus.http.host="
                    + host + ", which other machines can reach. Listen on 127.0.0.1 (the default of serve --demo),"
                    + " or start without --demo and create real accounts.");
        }
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
