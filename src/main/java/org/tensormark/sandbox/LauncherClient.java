package org.tensormark.sandbox;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Runs sandboxes through the {@link SandboxLauncher} listening on a socket, from an unprivileged
 * worker: it opens the job's in/ and submission/ for the sandbox uid itself, asks the launcher
 * to run the job and waits for its answer. A launcher that cannot be reached, or a connection
 * that breaks, is a platform failure (retried, never charged to the student). Interrupting the
 * waiting thread closes the connection.
 */
public final class LauncherClient implements SandboxRunner {

    private final Path socket;

    public LauncherClient(Path socket) {
        this.socket = socket;
    }

    @Override
    public SandboxRun run(JobDirectory job, String image, SandboxLimits limits, GpuSlot gpu) {
        return run(job, image, limits, gpu, line -> { });
    }

    /** As {@link #run(JobDirectory, String, SandboxLimits, GpuSlot)}; the launcher streams the job's progress lines. */
    @Override
    public SandboxRun run(JobDirectory job, String image, SandboxLimits limits, GpuSlot gpu, Consumer<String> progress) {
        try {
            job.openForSandbox();
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return exchange(channel, new LaunchRequest(job.root(), job.harness(), image, limits, gpu == null ? -1 : gpu.index()),
                        progress);
            }
        } catch (IOException e) {
            return SandboxRun.platformFailure("sandbox launcher at " + socket + ": " + e);
        }
    }

    private static SandboxRun exchange(SocketChannel channel, LaunchRequest request, Consumer<String> progress)
            throws IOException {
        IOException unsent = null;
        try {
            LauncherProtocol.writeRequest(new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel))),
                    request);
        } catch (IOException e) {
            unsent = e; // a launcher refusing this peer answers without reading the request: its answer says why
        }
        try {
            return LauncherProtocol.readRun(new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))),
                    progress);
        } catch (IOException e) {
            if (unsent == null) {
                throw e;
            }
            unsent.addSuppressed(e);
            throw unsent;
        }
    }
}
