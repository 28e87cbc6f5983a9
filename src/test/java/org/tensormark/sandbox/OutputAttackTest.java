package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensormark.tensor.Npz;
import org.tensormark.tensor.NpzLimits;
import org.tensormark.tensor.TensorFormatException;

/** Hand-ins that try to fool the host through what they leave in out/ or behind them. */
class OutputAttackTest {

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
    void linksInOutAreNeverFollowedAndHardLinksCannotReachOutside() throws Exception {
        Path hostFile = Files.writeString(bench.root().resolve("host-secret.txt"), "host secret " + System.nanoTime());
        SandboxRun run = bench.run(bench.job("links_in_out", "attack", hostFile.toString()));
        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        assertEquals("[18, 18, 18]", JobBench.printed(run), "every hard link must fail with EXDEV");
        assertFalse(run.outputs().containsKey("leak.npz") || run.outputs().containsKey("shadow.npz"));
        assertTrue(run.rejectedOutputs().containsAll(List.of("leak.npz (symbolic link)", "shadow.npz (symbolic link)",
                "root (symbolic link)")), run.rejectedOutputs().toString());
        String secret = Files.readString(hostFile);
        run.outputs().values().forEach(b -> assertFalse(new String(b, StandardCharsets.ISO_8859_1).contains(secret)));
    }

    @Test
    void aDaemonThatLeftTheSessionIsKilledWithTheJob() throws Exception {
        String marker = "tensormark-daemon-" + System.nanoTime();
        SandboxRun run = bench.run(bench.job("daemon", "attack", marker));
        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        assertEquals(List.of(), JobBench.processesMentioning(marker));
    }

    @Test
    void aFakeScoreLineAndResultsFileAreOnlyCollectedAsBytes() throws Exception {
        SandboxRun run = bench.run(bench.job("fake_score", "attack"));
        assertEquals(new Verdict.Ok(), run.verdict(), "os._exit(0) is an exit status of 0, nothing more");
        assertTrue(run.stdout().contains("SCORE: 100/100"));
        assertFalse(run.outputs().containsKey("c1.npz"), "the call never returned");
        assertTrue(new String(run.outputs().get("score.json"), StandardCharsets.UTF_8).contains("100"));
    }

    @Test
    void oddResultsAreCollectedAndObjectArraysAndNonArraysAreRefusedWithAMessage() throws Exception {
        JobDirectory job = bench.job("odd_outputs", "non_finite");
        JobBench.plan(job, "handin.py", List.of(call("nan", "non_finite"), call("shape", "wrong_shape"),
                call("object", "object_array"), call("pickle", "pickled_npz"), call("text", "not_an_array")));
        SandboxRun run = bench.run(job);
        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        assertTrue(run.outputs().keySet().containsAll(List.of("nan.npz", "shape.npz", "pickle.npz", "evil.npz")),
                run.outputs().keySet().toString());
        assertFalse(run.outputs().containsKey("object.npz"));
        String results = JobBench.results(run);
        assertTrue(results.contains("dtype object; only numeric and bool arrays can be graded"), results);
        assertTrue(results.contains("the result is a str; expected an array"), results);
        byte[] evil = run.outputs().get("evil.npz");
        assertTrue(new String(evil, StandardCharsets.ISO_8859_1).contains("'descr': '|O'"), "kept as raw bytes");
    }

    @Test
    void aResultWhoseHeaderNestsFiftyThousandBracketsIsRefusedNamingTheLimit() throws Exception {
        SandboxRun run = bench.run(bench.job("deep_header", "attack"));
        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        byte[] crafted = run.outputs().get("c1.npz");
        TensorFormatException e = assertThrows(TensorFormatException.class,
                () -> Npz.read("c1.npz", new ByteArrayInputStream(crafted), NpzLimits.DEFAULT));
        assertEquals("c1.npz:result: the .npy header nests brackets more than 16 deep, the limit; np.save never"
                + " writes such a header for a numeric array", e.getMessage());
    }

    private static Map<String, Object> call(String id, String target) {
        return Map.of("id", id, "target", target, "seed", 1, "output", id);
    }
}
