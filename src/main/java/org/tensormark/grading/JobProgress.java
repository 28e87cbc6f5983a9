package org.tensormark.grading;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.tensormark.sandbox.SandboxRunner;

/**
 * Live progress of running notebook jobs, for display: a watched sandbox run hands the harness's
 * progress lines to this worker, which keeps the latest {@link NotebookStep} of each job in memory
 * and writes it to {@code job_progress} once a second (so a job that floods progress lines costs
 * one row write a second). The time a notebook has run is counted from when this worker first saw
 * it, never from what the job says. Nothing here takes part in scoring.
 */
@ApplicationScoped
public class JobProgress {

    private static final Logger LOG = Logger.getLogger(JobProgress.class);

    private final DataSource dataSource;
    private final Map<Long, Watch> live = new ConcurrentHashMap<>();

    JobProgress(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code sandbox}, reporting the progress of the notebook runs it makes for attempt {@code attempt} of job {@code jobId}. */
    SandboxRunner watching(SandboxRunner sandbox, long jobId, int attempt) {
        return (job, image, limits, gpu) -> {
            Optional<NotebookStep.Names> names;
            try {
                names = NotebookStep.Names.of(job.in());
            } catch (IOException | RuntimeException e) {
                LOG.warnf("job %d: progress not shown, the plan's names could not be read: %s", jobId, e.getMessage());
                names = Optional.empty();
            }
            if (names.isEmpty()) {
                return sandbox.run(job, image, limits, gpu);
            }
            Watch watch = new Watch(jobId, attempt, names.get());
            live.put(jobId, watch);
            try {
                return sandbox.run(job, image, limits, gpu, watch::heard);
            } finally {
                live.remove(jobId, watch);
            }
        };
    }

    /** Writes every watched job's step that changed since the last write. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        for (Watch watch : live.values()) {
            Optional<Watch.Seen> seen = watch.takeChange();
            if (seen.isPresent()) {
                try {
                    write(watch, seen.get());
                } catch (SQLException e) {
                    LOG.warnf("job %d: progress not written: %s", watch.jobId, e.getMessage());
                }
            }
        }
    }

    private void write(Watch watch, Watch.Seen seen) throws SQLException {
        NotebookStep s = seen.step();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                insert into job_progress (job_id, attempt, part, phase, step, steps, cell, grade_id, part_started_at, updated_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, now() where exists (select 1 from grading_job where id = ?)
                on conflict (job_id) do update set attempt = excluded.attempt, part = excluded.part,
                    phase = excluded.phase, step = excluded.step, steps = excluded.steps, cell = excluded.cell,
                    grade_id = excluded.grade_id, part_started_at = excluded.part_started_at, updated_at = now()""")) {
            st.setLong(1, watch.jobId);
            st.setInt(2, watch.attempt);
            st.setString(3, s.part());
            st.setString(4, s.phase());
            st.setInt(5, s.step());
            st.setInt(6, s.steps());
            st.setObject(7, s.cell());
            st.setString(8, s.gradeId());
            st.setTimestamp(9, Timestamp.from(seen.partStarted()));
            st.setLong(10, watch.jobId);
            st.executeUpdate();
        }
    }

    /** One watched job: the latest step its harness reported and whether it is written yet. */
    private static final class Watch {

        record Seen(NotebookStep step, Instant partStarted) {
        }

        private final long jobId;
        private final int attempt;
        private final NotebookStep.Names names;
        private Seen latest;
        private boolean changed;

        Watch(long jobId, int attempt, NotebookStep.Names names) {
            this.jobId = jobId;
            this.attempt = attempt;
            this.names = names;
        }

        void heard(String line) {
            NotebookStep.parse(line, names).ifPresent(this::seen);
        }

        private synchronized void seen(NotebookStep step) {
            boolean samePart = latest != null && latest.step().part().equals(step.part());
            latest = new Seen(step, samePart ? latest.partStarted() : Instant.now());
            changed = true;
        }

        synchronized Optional<Seen> takeChange() {
            if (!changed) {
                return Optional.empty();
            }
            changed = false;
            return Optional.of(latest);
        }
    }
}
