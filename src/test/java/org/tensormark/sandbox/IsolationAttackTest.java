package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hand-ins that try to reach the host: network, secrets, other jobs' files, the kernel. */
class IsolationAttackTest {

    private static JobBench bench;

    @BeforeAll
    static void bench() throws Exception {
        bench = new JobBench();
    }

    @AfterAll
    static void close() throws Exception {
        bench.close();
    }

    @AfterEach
    void hostIsUntouched() throws Exception {
        JobBench.assertHostClean();
    }

    @Test
    void theHostDatabasePortOnLoopbackIsUnreachable() throws Exception {
        try (ServerSocket database = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            database.setSoTimeout(300);
            SandboxRun run = bench.run(bench.job("network", "connect", "127.0.0.1", database.getLocalPort()));
            assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
            assertTrue(JobBench.printed(run).startsWith("[111,"), "ECONNREFUSED expected: " + JobBench.printed(run));
            assertThrows(SocketTimeoutException.class, database::accept);
        }
        SandboxRun postgres = bench.run(bench.job("network", "connect", "127.0.0.1", 5432));
        assertTrue(JobBench.printed(postgres).startsWith("[111,"), "port 5432: " + JobBench.printed(postgres));
    }

    @Test
    void anOutsideAddressFailsAtOnceWithoutARoute() throws Exception {
        SandboxRun run = bench.run(bench.job("network", "connect", "192.0.2.1", 80));
        String printed = JobBench.printed(run);
        assertTrue(printed.startsWith("[101,"), "ENETUNREACH expected: " + printed);
        double seconds = Double.parseDouble(printed.substring(6, printed.length() - 1).trim());
        assertTrue(seconds < 0.5, "took " + seconds + " s");
    }

    @Test
    void aSecretInTheWorkersEnvironmentDoesNotLeakIntoTheJob() throws Exception {
        String secret = "TENSORMARK_DB_PASSWORD_hunter2_" + System.nanoTime();
        SandboxRun run = bench.sandbox.run(bench.job("environment", "attack"), SystemRoot.DEFAULT_IMAGE, JobBench.LIMITS, null,
                Map.of("TENSORMARK_DB_PASSWORD", secret));
        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        assertTrue(run.stdout().contains("PATH"), "the job read its environment: " + run.stdout());
        assertFalse(run.stdout().contains(secret), "secret leaked on stdout");
        String npz = new String(run.outputs().get("c1.npz"), StandardCharsets.ISO_8859_1);
        assertTrue(npz.contains("PATH") && !npz.contains(secret), "secret leaked into out/");
    }

    @Test
    void otherJobsTheBlobStoreAndSolutionsAreNotVisible() throws Exception {
        JobDirectory other = JobDirectory.create(bench.root(), JobBench.HARNESS);
        Path otherSecret = Files.writeString(other.in().resolve("hidden-inputs.txt"), "labels");
        Path blobs = Files.createDirectories(bench.root().resolve("blobs/ab"));
        Path blob = Files.writeString(blobs.resolve("abcdef"), "someone's hand-in");
        Path solution = Files.createDirectories(bench.root().resolve("assignments/a1/solution"));
        Files.writeString(solution.resolve("solution.py"), "def add(a, b): return a + b");
        // the image's own /root, /home and /etc/passwd are Debian's empty defaults, not the host's,
        // so the host's files that matter are named instead (the bind list is checked in SandboxSetupTest)
        List<String> paths = List.of(other.root().toString(), otherSecret.toString(), blob.toString(),
                solution.toString(), bench.root().toString(), "/work", "/root/.m2", "/var/lib/postgresql",
                "/sys/fs/cgroup", "/etc/ssh", "/var/cache/tensormark", "/etc/shadow-");
        SandboxRun run = bench.run(bench.job("host_paths", "attack", paths));
        assertEquals("[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]", JobBench.printed(run), run.stderr());
        other.close();
    }

    @Test
    void nothingOutsideOutAndTmpIsWritable() throws Exception {
        SandboxRun run = bench.run(bench.job("write_outside", "attack"));
        assertEquals("[0, 0, 0, 0, 0, 0, 0, 0, 0]", JobBench.printed(run), run.stderr());
    }

    @Test
    void ptraceNamespacesMountIoUringBpfAndVsockAreDeniedBySeccomp() throws Exception {
        SandboxRun run = bench.run(bench.job("syscalls", "attack"));
        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        assertEquals("[1, 1, 1, 1, 1, 1]", JobBench.printed(run), "every call must fail with EPERM");
    }
}
