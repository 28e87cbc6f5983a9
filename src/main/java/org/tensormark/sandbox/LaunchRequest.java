package org.tensormark.sandbox;

import java.nio.file.Path;
import org.tensormark.image.ImageManifest;

/**
 * What the launcher's client asks for: run the job it prepared in {@code job} under
 * {@code limits}, with the harness at {@code harness}, in the grading image named {@code image}
 * (resolved by the launcher in its own store, never a path the client chose), on the GPU with
 * host index {@code gpu} (-1: on the CPU).
 */
record LaunchRequest(Path job, Path harness, String image, SandboxLimits limits, int gpu) {

    LaunchRequest {
        ImageManifest.checkName(image);
    }
}
