package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.course.Visibility;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.Verdict;
import org.tensormark.submission.BlobStore;

/**
 * A job's runs are named and stored as each returns, beside the job's other work; the recording
 * takes their names at once and waits for them to be on disk before it commits.
 */
class RunKeepingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRunsFilesAreStoredAsSoonAsItsSandboxReturnsBeforeTheRecordingAsksForThem() throws Exception {
        BlobStore blobs = new BlobStore(dir);
        RunKeeping keeping = new RunKeeping(new RunStore(new JobFiles(blobs, Optional.empty()), null, JSON));
        JobPlan plan = new JobPlan("handin");
        SandboxRun run = run("y.npy", "the output of the visible run");

        keeping.ran(plan, run);

        String output = sha256("the output of the visible run");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!blobs.exists(output) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(blobs.exists(output), "the run's output is in the blob store before the recording asks for it");
        RunStore.RunFiles files = keeping.files(new CheckRun.GroupRun(Visibility.VISIBLE, new JobResults(run, JSON), plan));
        assertEquals(Map.of("y.npy", output), files.outputs());
        assertEquals(sha256("printed"), files.stdoutSha256());
        keeping.awaitOnDisk();
        assertTrue(blobs.exists(files.planSha256()));
        assertTrue(blobs.exists(files.stdoutSha256()));
    }

    @Test
    void theRecordingGetsEveryRunsNamesAndThenWaitsUntilAllTheirFilesAreOnDisk() throws Exception {
        BlobStore blobs = new BlobStore(dir);
        RunKeeping keeping = new RunKeeping(new RunStore(new JobFiles(blobs, Optional.empty()), null, JSON));
        JobPlan visible = new JobPlan("handin");
        JobPlan hidden = new JobPlan("handin");
        SandboxRun first = run("a.npy", "the visible run's output");
        SandboxRun second = run("b.npy", "the hidden run's output");
        keeping.ran(visible, first);
        keeping.ran(hidden, second);

        RunStore.RunFiles a = keeping.files(new CheckRun.GroupRun(Visibility.VISIBLE, new JobResults(first, JSON), visible));
        RunStore.RunFiles b = keeping.files(new CheckRun.GroupRun(Visibility.HIDDEN, new JobResults(second, JSON), hidden));
        keeping.awaitOnDisk();

        assertEquals(Map.of("a.npy", sha256("the visible run's output")), a.outputs());
        assertEquals(Map.of("b.npy", sha256("the hidden run's output")), b.outputs());
        for (RunStore.RunFiles f : List.of(a, b)) {
            for (String sha : f.sizes().keySet()) {
                assertTrue(blobs.exists(sha), sha + " is on disk once the recording's wait returns");
            }
        }
    }

    @Test
    void aRunItWasNotToldOfIsStoredWhenTheRecordingAsksForIt() throws Exception {
        BlobStore blobs = new BlobStore(dir);
        RunKeeping keeping = new RunKeeping(new RunStore(new JobFiles(blobs, Optional.empty()), null, JSON));
        SandboxRun run = run("z.npy", "a run no one was told of");

        RunStore.RunFiles files = keeping.files(new CheckRun.GroupRun(Visibility.HIDDEN, new JobResults(run, JSON),
                new JobPlan("handin")));

        assertEquals(Map.of("z.npy", sha256("a run no one was told of")), files.outputs());
        assertTrue(blobs.exists(files.outputs().get("z.npy")));
    }

    @Test
    void aRunWhoseFilesCouldNotBeStoredFailsTheRecordingsWaitWithTheReason() throws Exception {
        BlobStore blobs = new BlobStore(dir);
        Path temp = dir.resolve("tmp"); // where the store writes first: a file now, so nothing can be written in it
        Files.delete(temp);
        Files.writeString(temp, "in the way");
        RunKeeping keeping = new RunKeeping(new RunStore(new JobFiles(blobs, Optional.empty()), null, JSON));
        JobPlan plan = new JobPlan("handin");
        SandboxRun run = run("y.npy", "never stored");
        keeping.ran(plan, run);

        RunStore.RunFiles named = keeping.files(new CheckRun.GroupRun(Visibility.VISIBLE, new JobResults(run, JSON), plan));
        assertEquals(Map.of("y.npy", sha256("never stored")), named.outputs(), "named by content, nothing written");

        IOException failed = assertThrows(IOException.class, keeping::awaitOnDisk);

        assertTrue(failed.getMessage().contains(temp.toString()), failed.getMessage());
    }

    private static SandboxRun run(String file, String content) {
        return new SandboxRun(new Verdict.Ok(), 0, 0, "printed", "", Duration.ofMillis(5), Duration.ofMillis(5), 0,
                Map.of(file, content.getBytes(StandardCharsets.UTF_8)), List.of(), Optional.empty());
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
