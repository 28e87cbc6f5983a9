package org.tensormark.loadtest;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tensormark.benchmark.RunOnStart;

/**
 * {@code tensormark load-test [N] [--window S]}: a deadline on a throw-away embedded database. The
 * students and a staff account of the demo course are put straight into the database (the load is
 * the deadline, not account set-up), then the same {@link Deadline} as against a running server
 * ({@link RemoteLoadTest}) runs over HTTP on the loopback interface while this server's worker grades.
 */
@ApplicationScoped
public class LoadTest {

    static final String STAFF = "load-staff";
    private static final String COURSE = "demo";
    private static final String ASSIGNMENT = "demo-open";

    private final String mode;
    private final int port;
    private final EntityManager em;
    private final int students;
    private final int windowSeconds;
    private final Duration drainLimit;

    LoadTest(@ConfigProperty(name = "tensormark.mode", defaultValue = "serve") String mode,
            @ConfigProperty(name = "quarkus.http.port") int port, EntityManager em,
            @ConfigProperty(name = "tensormark.load-test.students", defaultValue = "500") int students,
            @ConfigProperty(name = "tensormark.load-test.window-seconds", defaultValue = "60") int windowSeconds,
            @ConfigProperty(name = "tensormark.load-test.drain-limit", defaultValue = "PT30M") Duration drainLimit) {
        this.mode = mode;
        this.port = port;
        this.em = em;
        this.students = students;
        this.windowSeconds = windowSeconds;
        this.drainLimit = drainLimit;
    }

    void onStart(@Observes @Priority(6000) StartupEvent event) {
        if (!"load-test".equals(mode)) {
            return;
        }
        RunOnStart.start("load-test", () -> {
            createAccounts();
            LoadTestOptions options = new LoadTestOptions(URI.create("http://127.0.0.1:" + port), STAFF,
                    LoadStudents.PASSWORD, COURSE, ASSIGNMENT, students, windowSeconds, drainLimit);
            return new Deadline(new HttpApi(options.server()), options, System.out).run(Handin.solutionOf(ASSIGNMENT));
        });
    }

    /** The students with the load-test password (hashed once) and an instructor to set up and read back the run. */
    @Transactional
    void createAccounts() {
        String hash = BcryptUtil.bcryptHash(LoadStudents.PASSWORD, 10);
        em.createNativeQuery("insert into app_user (username, display_name, password_hash)"
                + " select ?3 || g, 'Load Test ' || g, ?2 from generate_series(1, ?1) g"
                + " union all select ?4, 'Load Test Staff', ?2")
                .setParameter(1, students).setParameter(2, hash).setParameter(3, LoadStudents.PREFIX)
                .setParameter(4, STAFF).executeUpdate();
        em.createNativeQuery("insert into enrolment (course_id, user_id, role) select ?1, id,"
                + " case when username = ?2 then 'instructor' else 'student' end from app_user"
                + " where username = ?2 or username ~ ('^' || ?3 || '[0-9]+$')")
                .setParameter(1, COURSE).setParameter(2, STAFF).setParameter(3, LoadStudents.PREFIX).executeUpdate();
    }
}
