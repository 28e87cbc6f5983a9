package org.tensormark.sandbox;

import java.nio.file.Path;

/**
 * What the launcher's client asks for: run the job it prepared in {@code job} under
 * {@code limits}, with the harness at {@code harness}, on the GPU with host index {@code gpu}
 * (-1: on the CPU).
 */
record LaunchRequest(Path job, Path harness, SandboxLimits limits, int gpu) {
}
