package org.tensormark.database;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The one database of the test suite: Testcontainers' PostgreSQL when a Docker engine is
 * reachable, the embedded PostgreSQL binaries otherwise. Started once for every {@code @QuarkusTest}.
 */
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = false)
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private PostgreSQLContainer<?> container;
    private EmbeddedDatabase embedded;

    @Override
    public Map<String, String> start() {
        if (dockerReachable()) {
            container = new PostgreSQLContainer<>("postgres:17-alpine");
            container.start();
            return config(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        embedded = EmbeddedDatabase.start(null);
        return config(embedded.jdbcUrl(), embedded.user(), embedded.password());
    }

    private static boolean dockerReachable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Map<String, String> config(String url, String user, String password) {
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
