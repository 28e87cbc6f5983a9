package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reason a queued job waits follows the claim rule: image by name, GPU first for cuda jobs. */
class ImageWaitTest {

    private static final Duration GPU_WAIT = Duration.ofMinutes(10);
    private static final String DIGEST = "sha256:" + "0123456789ab".repeat(5) + "cdef";
    private static final ImageWait.ImageDigests SERVER = image -> image.equals("other") ? Optional.of(DIGEST) : Optional.empty();

    private static WorkerAdvert worker(String image, String... devices) {
        return new WorkerAdvert("w", List.of(new WorkerAdvert.HeldImage(image, DIGEST)), List.of(devices), 1, Instant.now());
    }

    private static Optional<ImageWait> wait(ImageWait.Need need, WorkerAdvert... live) {
        return need.unmetBy(List.of(live), GPU_WAIT, SERVER);
    }

    @Test
    void aJobForAnImageNoLiveWorkerHoldsNamesTheImageAndItsDigest() {
        ImageWait w = wait(new ImageWait.Need("other", false, false), worker("course-cpu", "cpu")).orElseThrow();
        assertEquals("waiting: no worker holds image other (sha256:0123456789ab…)", w.reason());
        assertEquals(DIGEST, w.digest());
        assertTrue(w.forStudent().contains("not a failure"), w.forStudent());
    }

    @Test
    void aWorkerHoldingTheImageLeavesNoReason() {
        assertEquals(Optional.empty(), wait(new ImageWait.Need("other", false, false), worker("other", "cpu")));
    }

    @Test
    void anImageTheServerLacksTooSaysItsDigestIsUnknownAndThatNoWorkerRuns() {
        assertEquals("waiting: no worker holds image gpu-x (digest unknown: not on this server); no worker is running",
                wait(new ImageWait.Need("gpu-x", false, false)).orElseThrow().reason());
    }

    @Test
    void aCudaJobWaitsForAGpuWorkerUntilTheGpuWaitIsOverThenForTheCourseImage() {
        ImageWait early = wait(new ImageWait.Need("other", true, false), worker("other", "cpu")).orElseThrow();
        assertEquals("waiting: no worker with a GPU holds image other (sha256:0123456789ab…); after 10 min a worker"
                + " without a GPU runs it on the CPU in course-cpu", early.reason());
        assertEquals("cuda", early.device());
        assertEquals(Optional.empty(), wait(new ImageWait.Need("other", true, true), worker("course-cpu", "cpu")));
        assertEquals(Optional.empty(), wait(new ImageWait.Need("other", true, false), worker("other", "cpu", "cuda")));
        assertTrue(wait(new ImageWait.Need("other", true, true), worker("other", "cpu")).orElseThrow().reason()
                .endsWith(", nor does any worker hold image course-cpu (digest unknown: not on this server) to run it on the CPU"));
    }
}
