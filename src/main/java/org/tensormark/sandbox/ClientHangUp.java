package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Ends a launcher job whose client hung up: a worker that stops closes its connection (an
 * interrupted {@link LauncherClient}), and nobody is left to take the job's answer, so its thread
 * is interrupted, which kills every process of the job ({@link JobWatch}). A client sends nothing
 * after its request, so a read that ends means the connection did.
 */
final class ClientHangUp implements AutoCloseable {

    private final Thread watcher;
    private volatile boolean answered;

    private ClientHangUp(SocketChannel channel, Thread job) {
        this.watcher = new Thread(() -> {
            awaitEnd(channel);
            if (!answered) {
                job.interrupt();
            }
        }, "launcher-hang-up");
        watcher.setDaemon(true);
    }

    /** Watches {@code channel} until {@link #close()}, interrupting {@code job} if the client hangs up first. */
    static ClientHangUp watch(SocketChannel channel, Thread job) {
        ClientHangUp hangUp = new ClientHangUp(channel, job);
        hangUp.watcher.start();
        return hangUp;
    }

    /**
     * The job ended on its own; its answer may go out. The watcher ends when the connection is
     * closed after the answer; interrupting it would close the connection before the answer.
     */
    @Override
    public void close() {
        answered = true;
    }

    private static void awaitEnd(SocketChannel channel) {
        ByteBuffer ignored = ByteBuffer.allocate(64);
        try {
            while (channel.read(ignored) >= 0) {
                ignored.clear();
            }
        } catch (IOException e) {
            // reset by the client, or closed here once the answer went out: either way the watch is over
        }
    }
}
