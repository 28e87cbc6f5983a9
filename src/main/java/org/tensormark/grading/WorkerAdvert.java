package org.tensormark.grading;

import java.time.Instant;
import java.util.List;

/**
 * What one live worker says it can run: the grading images its host holds and its devices.
 *
 * @param workerId the worker's id, as in a job's lease
 * @param images the images it holds, by name and digest
 * @param devices {@code cpu}, and {@code cuda} when it has a GPU
 * @param slots how many jobs it runs at once
 * @param seenAt when it last refreshed this record (UTC)
 */
public record WorkerAdvert(String workerId, List<HeldImage> images, List<String> devices, int slots, Instant seenAt) {

    public static final String CUDA = "cuda";

    public WorkerAdvert {
        images = List.copyOf(images);
        devices = List.copyOf(devices);
    }

    /** Whether this worker holds an image of that name (jobs are claimed by name). */
    public boolean holds(String image) {
        return images.stream().anyMatch(i -> i.name().equals(image));
    }

    public boolean hasGpu() {
        return devices.contains(CUDA);
    }

    /** A grading image on a worker's host. */
    public record HeldImage(String name, String digest) {
    }
}
