package org.tensormark.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the host observed of one sandboxed job. Nothing in here is trusted for scoring except
 * as raw bytes for the scorer to parse with its own safe readers.
 *
 * @param verdict how the job ended
 * @param exitCode exit status of the job's main process, -1 when it was killed by a signal
 * @param signal signal that ended it, or 0
 * @param stdout captured standard output, capped, ending with a "[truncated]" note when cut
 * @param stderr captured standard error, capped likewise
 * @param wallTime wall-clock time of the job
 * @param cpuTime CPU time of every process of the job
 * @param peakMemoryBytes highest memory use of the job's cgroup, 0 when unknown
 * @param outputs regular files of out/ by relative path, read after every job process was gone
 * @param rejectedOutputs entries of out/ that were not collected (links, special files, over cap)
 * @param gpuCheck the after-job idle check of the GPU the job used, empty on the CPU
 */
public record SandboxRun(
        Verdict verdict,
        int exitCode,
        int signal,
        String stdout,
        String stderr,
        Duration wallTime,
        Duration cpuTime,
        long peakMemoryBytes,
        Map<String, byte[]> outputs,
        List<String> rejectedOutputs,
        Optional<GpuSlot.GpuIdleCheck> gpuCheck) {

    public SandboxRun {
        outputs = Map.copyOf(outputs);
        rejectedOutputs = List.copyOf(rejectedOutputs);
    }

    static SandboxRun platformFailure(String reason) {
        return new SandboxRun(new Verdict.PlatformFailure(reason), -1, 0, "", "", Duration.ZERO,
                Duration.ZERO, 0, Map.of(), List.of(), Optional.empty());
    }
}
