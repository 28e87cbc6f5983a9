package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;
import org.tensormark.sandbox.GpuInventory;
import org.tensormark.sandbox.GpuSlot;
import org.tensormark.sandbox.SandboxRun;

/**
 * The GPUs of this worker, one job per GPU. A job takes a free GPU when there is one and runs on
 * the CPU otherwise. A GPU that is not idle after its job (a process still holds it, or its memory
 * is not back to baseline) is drained: it gets no further jobs, and the worker says so.
 */
@ApplicationScoped
class GpuPool {

    private static final Logger LOG = Logger.getLogger(GpuPool.class);

    private final ConcurrentLinkedQueue<GpuSlot> free = new ConcurrentLinkedQueue<>();
    private final List<GpuSlot> all;

    GpuPool() {
        List<GpuSlot> found;
        try {
            found = GpuInventory.detect().slots();
        } catch (IOException e) {
            LOG.warnf("could not look for GPUs (%s); jobs run on the CPU", e.getMessage());
            found = List.of();
        }
        all = List.copyOf(found);
        free.addAll(all);
        if (!all.isEmpty()) {
            LOG.infof("worker has %d GPU(s): %s", all.size(), all.stream().map(g -> "nvidia" + g.index()).toList());
        }
    }

    Optional<GpuSlot> take() {
        return Optional.ofNullable(free.poll());
    }

    /** Returns the GPU after its job, unless the after-job check found it busy. */
    void giveBack(GpuSlot gpu, SandboxRun run) {
        Optional<GpuSlot.GpuIdleCheck> check = run == null ? Optional.empty() : run.gpuCheck();
        if (check.isPresent() && !check.get().idle()) {
            LOG.errorf("GPU nvidia%d drained: not idle after its job (%s)", gpu.index(), check.get().report());
            return;
        }
        free.add(gpu);
    }

    int size() {
        return all.size();
    }
}
