package org.tensormark.grading;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.tensormark.image.ImageStore;

/**
 * Why queued jobs wait that no live worker can run: none holds the grading image their assignment
 * runs in, or none with a GPU holds it for a job with cuda checks (which a worker without one
 * takes only after the queue's GPU wait, in the course image). Such a job is never claimed, so it
 * uses no attempt and costs the student nothing; it runs once a worker that can run it appears.
 *
 * @param image the image the jobs need
 * @param digest that image's digest on this server, null when the server does not have it
 * @param device {@code cpu}, or {@code cuda} for jobs with cuda checks
 * @param jobs how many queued jobs wait for this reason
 * @param reason for staff: "waiting: no worker holds image other (sha256:…)"
 * @param forStudent for the student: waiting for the grading environment, not a failure
 */
public record ImageWait(String image, String digest, String device, long jobs, String reason, String forStudent) {

    /** What a queued job needs of a worker. */
    record Need(String image, boolean cuda, boolean gpuWaitOver) {

        /** Why no live worker can run the job; empty when one can. */
        Optional<ImageWait> unmetBy(List<WorkerAdvert> live, Duration gpuWait, ImageDigests digests) {
            boolean runs = live.stream().anyMatch(w -> w.holds(image) && (!cuda || w.hasGpu()))
                    || (cuda && gpuWaitOver && live.stream().anyMatch(w -> w.holds(ImageStore.COURSE_IMAGE)));
            if (runs) {
                return Optional.empty();
            }
            String reason = "waiting: no worker" + (cuda ? " with a GPU" : "") + " holds image " + digests.named(image);
            if (cuda && gpuWaitOver) {
                reason += ", nor does any worker hold image " + digests.named(ImageStore.COURSE_IMAGE)
                        + " to run it on the CPU";
            } else if (cuda) {
                reason += "; after " + minutes(gpuWait) + " a worker without a GPU runs it on the CPU in "
                        + ImageStore.COURSE_IMAGE;
            }
            if (live.isEmpty()) {
                reason += "; no worker is running";
            }
            String environment = cuda ? "a grader with a GPU and the image '" + image + "'" : "a grader with the image '"
                    + image + "'";
            String student = "Waiting for the grading environment: " + environment + " is not running yet. Your hand-in"
                    + " stays in the queue and is graded as soon as one starts; this is not a failure and does not count"
                    + " against your hand-ins.";
            return Optional.of(new ImageWait(image, digests.digest(image).orElse(null), cuda ? WorkerAdvert.CUDA : "cpu",
                    1, reason, student));
        }

        private static String minutes(Duration wait) {
            return wait.toSeconds() < 60 ? wait.toSeconds() + " s" : wait.toMinutes() + " min";
        }
    }

    /** The same reason for one more job. */
    ImageWait plus(ImageWait other) {
        return new ImageWait(image, digest, device, jobs + other.jobs, reason, forStudent);
    }

    /** The digests of the images this server knows, for the reasons' text. */
    interface ImageDigests {
        Optional<String> digest(String image);

        /** "other (sha256:0123456789ab…)", or "other (digest unknown: not on this server)". */
        default String named(String image) {
            return image + digest(image).map(d -> " (" + d.substring(0, Math.min(d.length(), 19)) + "…)")
                    .orElse(" (digest unknown: not on this server)");
        }
    }
}
