package org.tensormark.course;

import java.util.List;
import java.util.Locale;

/**
 * Where a check's code would like to run, as {@code device:} in its check of {@code assignment.yaml}:
 * {@code cpu} (the default) or {@code cuda}. A job with a cuda check goes first to a worker with a
 * GPU, whose sandbox run of that check gets one GPU in the assignment's image; if no such worker
 * takes it within the queue's GPU wait, a worker without a GPU runs the same checks on the CPU in
 * the course image ({@code course-cpu}). The provenance says which device and image ran.
 */
public enum CheckDevice {
    CPU, CUDA;

    /** The name as written in assignment.yaml. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether any of the checks asks for cuda. */
    public static boolean anyCuda(List<CheckSpec> checks) {
        return checks.stream().anyMatch(c -> c.device() == CUDA);
    }
}
