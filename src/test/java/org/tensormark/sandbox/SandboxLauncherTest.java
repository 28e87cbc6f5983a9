package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import jdk.net.UnixDomainPrincipal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privileged sandbox launcher, run in this (root) test process: jobs go through its socket
 * and come back with their outputs, and it refuses jobs outside its client's jobs root, linked or
 * foreign job directories and connections from any uid but its client's.
 */
class SandboxLauncherTest {

    @TempDir
    Path dir;

    private JobBench bench;
    private SandboxLauncher launcher;

    @BeforeEach
    void sandboxUserCanPassThrough() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        bench = new JobBench();
    }

    @AfterEach
    void stop() throws IOException {
        if (launcher != null) {
            launcher.close();
        }
        bench.close();
    }

    @Test
    void aJobRunsThroughTheLauncherAndOnlyItsAnswerComesBack() throws Exception {
        start(0);
        JobDirectory job = bench.job("basic", "add", List.of(1, 2), List.of(3, 4));

        SandboxRun run = client().run(job, JobBench.LIMITS, null);

        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        assertTrue(run.stdout().contains("adding"));
        assertTrue(JobBench.results(run).contains("\"ok\""), JobBench.results(run));
        assertTrue(run.outputs().containsKey("c1.npz"), run.outputs().keySet().toString());
        assertTrue(run.peakMemoryBytes() > 0, "the job ran in a cgroup of the launcher");
        assertEquals(List.of(), entries(job.root().resolve("out")), "the job wrote into the launcher's out/ only");
        assertEquals(List.of(), entries(job.root().resolve("private")), "the launcher wrote nothing into the client's job");
        assertEquals(List.of(), entries(dir.resolve("run/jobs")), "the launcher's run directory is gone");
        JobBench.assertHostClean();
    }

    @Test
    void theJobsProgressLinesReachTheClientWhileItRunsThroughTheLauncher() throws Exception {
        start(0);
        JobDirectory job = bench.job("basic", "add", List.of(1, 2), List.of(3, 4));
        Files.writeString(job.submission().resolve("handin.py"), "import os\n"
                + "os.write(2, b'tensormark-progress {\"part\": \"P\"}\\n')\n" + JobBench.resource("basic.py"));
        List<String> heard = new CopyOnWriteArrayList<>();

        SandboxRun run = client().run(job, SystemRoot.DEFAULT_IMAGE, JobBench.LIMITS, null, heard::add);

        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        assertEquals(List.of("{\"part\": \"P\"}"), heard);
    }

    @Test
    void aJobOutsideTheJobsRootIsRefused() throws Exception {
        start(0);
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        JobDirectory job = JobDirectory.create(elsewhere, JobBench.HARNESS);
        JobBench.plan(job, "handin.py", List.of());

        SandboxRun run = client().run(job, JobBench.LIMITS, null);

        assertRefused(run, "not a job-<uuid> directory directly under the jobs root");
    }

    @Test
    void aJobDirectoryReachedThroughASymbolicLinkIsRefused() throws Exception {
        start(0);
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        JobDirectory real = JobDirectory.create(elsewhere, JobBench.HARNESS);
        Path link = Files.createSymbolicLink(bench.root().resolve(real.root().getFileName()), real.root());
        JobDirectory inside = bench.job("basic", "add", List.of(1), List.of(2));
        Path linkInside = Files.createSymbolicLink(bench.root().resolve("job-00000000-0000-0000-0000-000000000000"),
                inside.root());

        assertRefused(launcher.launch(request(link)), "is a symbolic link");
        assertRefused(launcher.launch(request(linkInside)), "is a symbolic link");
        assertRefused(launcher.launch(request(inside.root().resolve("..").resolve(inside.root().getFileName()))),
                "not an absolute, normalised path");
    }

    @Test
    void aJobDirectoryOwnedBySomeoneElseIsRefused() throws Exception {
        start(0);
        JobDirectory job = bench.job("basic", "add", List.of(1), List.of(2));
        Files.setAttribute(job.root(), "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

        assertRefused(client().run(job, JobBench.LIMITS, null), "belongs to uid 65534, not to the client uid 0");
    }

    @Test
    void aGpuTheHostDoesNotHaveIsRefused() throws Exception {
        start(0);
        JobDirectory job = bench.job("basic", "add", List.of(1), List.of(2));

        assertRefused(launcher.launch(new LaunchRequest(job.root(), JobBench.HARNESS, "course-cpu", JobBench.LIMITS, 0)),
                "this host has no GPU 0");
    }

    @Test
    void aConnectionFromAnotherUidIsRefusedBeforeItsRequestIsRead() throws Exception {
        start(65533);
        JobDirectory job = bench.job("basic", "add", List.of(1), List.of(2));

        SandboxRun run = client().run(job, JobBench.LIMITS, null);

        assertInstanceOf(Verdict.PlatformFailure.class, run.verdict());
        assertTrue(((Verdict.PlatformFailure) run.verdict()).reason().contains("serves uid 65533 only"), run.toString());
        assertEquals(List.of(), entries(dir.resolve("run/jobs")), "no job was started");
    }

    @Test
    void onlyTheClientUidIsAdmittedAsAPeer() throws Exception {
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        LauncherPolicy policy = new LauncherPolicy(65533, users.lookupPrincipalByName("65533"), bench.root());

        assertTrue(policy.admits(new UnixDomainPrincipal(users.lookupPrincipalByName("65533"),
                users.lookupPrincipalByGroupName("0"))));
        assertFalse(policy.admits(new UnixDomainPrincipal(users.lookupPrincipalByName("65534"),
                users.lookupPrincipalByGroupName("65533"))));
        assertFalse(policy.admits(new UnixDomainPrincipal(users.lookupPrincipalByName("0"),
                users.lookupPrincipalByGroupName("0"))));
        assertFalse(policy.admits(null));
    }

    @Test
    void theSocketIsTheClientsAloneAndItsDirectoryMustBeRootsAlone() throws Exception {
        start(65533);
        Path socket = dir.resolve("run/launcher.sock");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS)));
        assertEquals(65533, Files.getAttribute(socket, "unix:uid", LinkOption.NOFOLLOW_LINKS));

        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setAttribute(shared, "unix:uid", 65533);
        IOException refused = assertThrows(IOException.class, () -> SandboxLauncher.open(
                new LauncherOptions(shared.resolve("launcher.sock"), 65533, bench.root(), 1), sandbox(), noGpus()));
        assertTrue(refused.getMessage().contains("must belong to root"), refused.getMessage());
    }

    @Test
    void closingTheLauncherEndsItsRunningJobsAndLeavesNothingBehind() throws Exception {
        start(0);
        JobDirectory job = bench.job("sleep_past_wall", "attack");
        CompletableFuture<SandboxRun> run = CompletableFuture.supplyAsync(
                () -> client().run(job, JobBench.LIMITS.withWall(Duration.ofSeconds(60)).withCpu(Duration.ofSeconds(60)), null));
        long deadline = System.currentTimeMillis() + 20_000;
        while (JobBench.processesMentioning("/harness/tensormark_harness.py").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(JobBench.processesMentioning("/harness/tensormark_harness.py").isEmpty(), "the job started");

        launcher.close();

        assertInstanceOf(Verdict.PlatformFailure.class, run.get(20, TimeUnit.SECONDS).verdict());
        JobBench.assertHostClean();
        assertFalse(Files.readString(Path.of("/proc/self/mounts")).contains(dir.resolve("run").toString()));
        assertFalse(Files.exists(dir.resolve("run")), "socket, run directories and the launcher's folder are gone");
    }

    @Test
    void aJobWhoseWorkerHangsUpEndsAtOnceAndLeavesNothingBehind() throws Exception {
        start(0);
        JobDirectory job = bench.job("sleep_past_wall", "attack");
        Thread worker = new Thread(() -> client().run(job,
                JobBench.LIMITS.withWall(Duration.ofSeconds(60)).withCpu(Duration.ofSeconds(60)), null), "stopping-worker");
        worker.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (JobBench.processesMentioning("/harness/tensormark_harness.py").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(JobBench.processesMentioning("/harness/tensormark_harness.py").isEmpty(), "the job started");

        worker.interrupt(); // as a stopping worker does: the client closes its connection
        worker.join(10_000);

        deadline = System.currentTimeMillis() + 15_000; // far below the job's wall limit of 60 s
        while (!HostLeftovers.on(SandboxSettings.defaults()).none() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), JobBench.processesMentioning("/harness/tensormark_harness.py"),
                "the job ran on after its worker hung up");
        JobBench.assertHostClean();
    }

    private void start(int clientUid) throws Exception {
        launcher = SandboxLauncher.open(new LauncherOptions(dir.resolve("run/launcher.sock"), clientUid, bench.root(), 4),
                sandbox(), noGpus());
        Thread serving = new Thread(launcher::serve, "test-launcher");
        serving.setDaemon(true);
        serving.start();
    }

    private LauncherClient client() {
        return new LauncherClient(dir.resolve("run/launcher.sock"));
    }

    private static Sandbox sandbox() {
        return new Sandbox(SandboxSettings.defaults());
    }

    private GpuInventory noGpus() throws IOException {
        return GpuInventory.detect(dir, dir.resolve("no-nvidia-smi"), DriverLibraries.none());
    }

    private static LaunchRequest request(Path job) {
        return new LaunchRequest(job, JobBench.HARNESS, "course-cpu", JobBench.LIMITS, -1);
    }

    private static void assertRefused(SandboxRun run, String why) {
        assertInstanceOf(Verdict.PlatformFailure.class, run.verdict(), run.toString());
        String reason = ((Verdict.PlatformFailure) run.verdict()).reason();
        assertTrue(reason.contains("refused the job") && reason.contains(why), reason);
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
