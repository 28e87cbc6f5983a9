package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JobAlertsTest {

    @Inject
    DataSource dataSource;

    /**
     * The listener reads a notification of its own as soon as it listens, as it reads a new job's:
     * without it the first job queued after a start was the first notification the process read,
     * and the driver loaded its classes for it then (seen in the first A1 upload after a start).
     */
    @Test
    void theListenerReadsANotificationOfItsOwnOnceItListens() throws Exception {
        try (JobAlerts alerts = JobAlerts.listening(dataSource, Duration.ofSeconds(1))) {
            // one wake-up on connecting, one for the notification read
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (alerts.arrivals() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(alerts.arrivals() >= 2, "arrivals: " + alerts.arrivals());
        }
    }
}
