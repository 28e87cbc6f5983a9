package org.tensormark.grading;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Wakes a worker's idle slots as soon as a job is queued: a thread of its own LISTENs on a
 * dedicated database connection for the notification {@link GradingQueue} sends in the transaction
 * that queues a job (delivered when it commits). Slots wait on it instead of sleeping; the poll
 * interval stays their limit, so a lost connection or a missed notification only costs a poll.
 */
final class JobAlerts implements AutoCloseable {

    /** The PostgreSQL channel a new job is announced on. */
    static final String CHANNEL = "tensormark_jobs";

    private static final Logger LOG = Logger.getLogger(JobAlerts.class);
    private static final int LISTEN_WAIT_MILLIS = 1000;

    private final DataSource dataSource;
    private final Duration retry;
    private final Thread listener;
    /** Counts notifications; guarded by this. */
    private long arrivals;
    private volatile boolean open = true;
    /** Whether the last attempt to listen failed; only the listener thread touches it. */
    private boolean failing;

    private JobAlerts(DataSource dataSource, Duration retry) {
        this.dataSource = dataSource;
        this.retry = retry;
        this.listener = new Thread(this::listen, "tensormark-job-alerts");
        listener.setDaemon(true);
    }

    /** Starts listening; {@code retry} is how long to wait before reconnecting after a database error. */
    static JobAlerts listening(DataSource dataSource, Duration retry) {
        JobAlerts alerts = new JobAlerts(dataSource, retry);
        alerts.listener.start();
        return alerts;
    }

    /** How many notifications arrived so far; read before looking for a job, then pass to {@link #awaitAfter}. */
    synchronized long arrivals() {
        return arrivals;
    }

    /**
     * Waits until a notification arrives after the {@code seen}-th, or {@code limit} has passed.
     * One that arrived since {@code seen} was read returns at once, so none falls between a slot's
     * empty claim and its wait.
     */
    synchronized void awaitAfter(long seen, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        long left = limit.toMillis();
        while (arrivals == seen && left > 0) {
            wait(left);
            left = (end - System.nanoTime()) / 1_000_000;
        }
    }

    /**
     * Wakes every slot waiting in {@link #awaitAfter}: each looks for a job again. A notification
     * does it, and the worker when its warm-up has ended.
     */
    synchronized void wake() {
        arrivals++;
        notifyAll();
    }

    private void listen() {
        while (open) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("listen " + CHANNEL);
                // one to itself, received below as a new job's is: the first job queued after a start
                // was the first notification this process read (the driver's classes for it loaded then)
                s.execute("notify " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                if (failing) {
                    LOG.info("listening for new jobs again");
                    failing = false;
                }
                // one on (re)connecting: a job queued while nobody listened is looked for at once
                wake();
                while (open) {
                    var received = pg.getNotifications(LISTEN_WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        wake();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (open) {
                    if (!failing) {
                        LOG.warnf("listening for new jobs failed (%s); idle slots poll until it works again", e.getMessage());
                        failing = true;
                    }
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(retry.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open = false;
        }
    }

    /** Stops listening and gives the connection back. */
    @Override
    public void close() {
        open = false;
        listener.interrupt();
        try {
            listener.join(LISTEN_WAIT_MILLIS * 3L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
