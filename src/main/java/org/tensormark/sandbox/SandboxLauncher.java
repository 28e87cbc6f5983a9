package org.tensormark.sandbox;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import jdk.net.ExtendedSocketOptions;

/**
 * The only part of TensorMark that keeps root: a small process that starts sandboxes (cgroups,
 * tmpfs mounts, the drop to the sandbox uid) for one unprivileged worker, which talks to it over a
 * Unix domain socket. It answers each connection with one {@link SandboxRun}: the verdict,
 * streams, figures and out/'s files as bytes, read with {@link OutputCollector} and never parsed
 * here. What it accepts is decided by {@link LauncherPolicy}. It exits when the process that
 * started it ends.
 */
public final class SandboxLauncher implements AutoCloseable {

    private static final long STOP_WAIT_MILLIS = 10_000;

    private final ServerSocketChannel server;
    private final Path socket;
    private final LauncherOptions options;
    private final Path runJobs;
    private final LauncherPolicy policy;
    private final SandboxRunner sandbox;
    private final GpuInventory gpus;
    private final Semaphore free;
    private final Set<Thread> jobs = ConcurrentHashMap.newKeySet();
    /** Guarded by this: a second caller (the shutdown hook) waits until the first has cleaned up. */
    private boolean closed;

    private SandboxLauncher(ServerSocketChannel server, Path socket, LauncherOptions options, Path runJobs,
            LauncherPolicy policy, SandboxRunner sandbox, GpuInventory gpus) {
        this.server = server;
        this.socket = socket;
        this.options = options;
        this.runJobs = runJobs;
        this.policy = policy;
        this.sandbox = sandbox;
        this.gpus = gpus;
        this.free = new Semaphore(options.maxJobs());
    }

    /** {@code tensormark sandbox-launcher}: runs as root until the process that started it ends. */
    public static int command(String[] args) throws IOException, InterruptedException {
        LauncherOptions options = LauncherOptions.parse(args);
        if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") != 0) {
            throw new IllegalArgumentException("the sandbox launcher must run as root: it creates cgroups and mounts");
        }
        try (SandboxLauncher launcher = open(options, new Sandbox(SandboxSettings.defaults()), GpuInventory.detect())) {
            Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "launcher-stop"));
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(launcher::close));
            log("serving uid " + options.clientUid() + " on " + options.socket() + ", jobs under " + options.jobsRoot());
            launcher.serve();
        }
        return 0;
    }

    /**
     * Binds the socket (mode 0600, owned by the client uid) after checking that only root can
     * write its directory, and removes what an earlier launcher left in its run directories.
     */
    static SandboxLauncher open(LauncherOptions options, SandboxRunner sandbox, GpuInventory gpus)
            throws IOException, InterruptedException {
        Path dir = LauncherFolder.require(options.socket().getParent());
        Path runJobs = dir.resolve("jobs");
        if (!Files.isDirectory(runJobs, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(runJobs);
        }
        Files.setPosixFilePermissions(runJobs, PosixFilePermissions.fromString("rwx--x--x"));
        JobDirectory.sweepStale(runJobs);
        Path socket = dir.resolve(options.socket().getFileName());
        LauncherFolder.removeStaleSocket(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        LauncherPolicy policy;
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            Files.setAttribute(socket, "unix:uid", options.clientUid(), LinkOption.NOFOLLOW_LINKS);
            policy = new LauncherPolicy(options.clientUid(), Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS),
                    options.jobsRoot().toRealPath());
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new SandboxLauncher(server, socket, options, runJobs, policy, sandbox, gpus);
    }

    /** Answers connections, each on a thread of its own, until {@link #close()}. */
    public void serve() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    log("accept failed: " + e.getMessage());
                }
                continue;
            }
            if (!free.tryAcquire()) {
                answer(channel, SandboxRun.platformFailure("the sandbox launcher already runs " + options.maxJobs() + " jobs"));
                continue;
            }
            Thread job = new Thread(() -> {
                try {
                    handle(channel);
                } finally {
                    jobs.remove(Thread.currentThread());
                    free.release();
                }
            }, "launcher-job");
            jobs.add(job);
            job.start();
        }
    }

    private void handle(SocketChannel channel) {
        try (channel) {
            if (!policy.admits(channel.getOption(ExtendedSocketOptions.SO_PEERCRED))) {
                log("refused a connection from a process that does not run as uid " + options.clientUid());
                answer(channel, SandboxRun.platformFailure("the sandbox launcher serves uid " + options.clientUid() + " only"));
                return;
            }
            LaunchRequest request = LauncherProtocol.readRequest(
                    new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            ProgressRelay relay = new ProgressRelay(out);
            SandboxRun run;
            try (ClientHangUp hangUp = ClientHangUp.watch(channel, Thread.currentThread())) {
                run = launch(request, relay::send);
            }
            synchronized (relay) {
                LauncherProtocol.writeRun(out, run);
            }
        } catch (IOException e) {
            log("connection ended early: " + e);
        }
    }

    /** Runs one admitted request; anything refused or failed is a platform failure. */
    SandboxRun launch(LaunchRequest request) {
        return launch(request, line -> { });
    }

    /** As {@link #launch(LaunchRequest)}, handing the job's progress lines to {@code progress} while it runs. */
    SandboxRun launch(LaunchRequest request, Consumer<String> progress) {
        try {
            Path job = policy.job(request.job());
            Path harness = LauncherPolicy.harness(request.harness());
            GpuSlot gpu = gpu(request.gpu());
            try (JobDirectory directory = JobDirectory.prepared(job, runJobs.resolve(job.getFileName()), harness)) {
                return sandbox.run(directory, request.image(), request.limits(), gpu, progress);
            }
        } catch (LaunchRefused e) {
            log("refused a job: " + e.getMessage());
            return SandboxRun.platformFailure("the sandbox launcher refused the job: " + e.getMessage());
        } catch (IOException e) {
            return SandboxRun.platformFailure("sandbox launcher: " + e);
        }
    }

    private GpuSlot gpu(int index) throws LaunchRefused {
        if (index < 0) {
            return null;
        }
        return gpus.slots().stream().filter(g -> g.index() == index).findFirst()
                .orElseThrow(() -> new LaunchRefused("this host has no GPU " + index));
    }

    /**
     * Sends a job's progress lines to its client as they come; after the first failure (the client
     * went away) it sends nothing more, and the job runs on to its answer as before.
     */
    private static final class ProgressRelay {

        private final DataOutputStream out;
        private boolean broken;

        ProgressRelay(DataOutputStream out) {
            this.out = out;
        }

        synchronized void send(String line) {
            if (broken) {
                return;
            }
            try {
                LauncherProtocol.writeProgress(out, line);
            } catch (IOException e) {
                broken = true;
            }
        }
    }

    private static void answer(SocketChannel channel, SandboxRun run) {
        try (channel) {
            LauncherProtocol.writeRun(new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel))), run);
        } catch (IOException e) {
            log("could not answer the client: " + e);
        }
    }

    /** Stops accepting, ends the jobs still running (their cgroups killed, mounts removed) and removes the socket. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
            jobs.forEach(Thread::interrupt);
            long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
            for (Thread job : jobs) {
                job.join(Math.max(1, deadline - System.currentTimeMillis()));
            }
            Files.deleteIfExists(socket);
            LauncherFolder.removeIfEmpty(runJobs);
            LauncherFolder.removeIfEmpty(socket.getParent());
        } catch (IOException e) {
            log("stopping: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void log(String line) {
        System.err.println("sandbox-launcher: " + line);
    }
}
