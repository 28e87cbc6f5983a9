package org.tensormark.grading;

import java.util.Locale;
import org.tensormark.sandbox.SandboxRun;

/**
 * One sandbox run of a job as it is kept beside the job's result: which visibility group's calls
 * it ran, how it ended, its figures and what it printed (head and tail, see {@link HandinText}).
 * Also how the result API shows a run ({@link ResultView#runs}).
 *
 * @param group the visibility of the checks it ran: visible, after_due or hidden
 * @param verdict how it ended, as a name ({@code ok}, {@code runtime_error}, {@code wall_time_limit}, …)
 * @param verdictText the same as a sentence for the reader
 * @param stdout what the code printed: head and tail, the middle cut with a note saying how much
 * @param stderr what it printed on standard error, likewise
 */
public record RunRecord(String group, String verdict, String verdictText, int exitCode, int signal, long wallMs, long cpuMs,
        long peakMemoryBytes, String stdout, String stderr) {

    static RunRecord of(CheckRun.GroupRun g) {
        SandboxRun r = g.run();
        return new RunRecord(g.group().name().toLowerCase(Locale.ROOT), verdictName(r), g.results().verdictText(),
                r.exitCode(), r.signal(), r.wallTime().toMillis(), r.cpuTime().toMillis(), r.peakMemoryBytes(),
                HandinText.capped(r.stdout(), HandinText.OUTPUT_KEEP), HandinText.capped(r.stderr(), HandinText.OUTPUT_KEEP));
    }

    /** {@code RuntimeError} → {@code runtime_error}: every verdict, new ones too, gets a stable name. */
    private static String verdictName(SandboxRun r) {
        return r.verdict().getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
