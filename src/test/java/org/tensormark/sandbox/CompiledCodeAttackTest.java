package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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

/**
 * Hand-ins carrying bytecode, so that something other than the source a TA reads would run. Intake
 * refuses them; these prove that the sandbox never runs such bytecode even when it reaches a job.
 */
class CompiledCodeAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
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
    void staleBytecodeBesideTheSourceAndSourcelessBytecodeAreNeverRun() throws Exception {
        JobDirectory job = packageJob();
        Path pycache = Files.createDirectories(job.submission().resolve("mlp/__pycache__"));
        String tag = python("import sys; print(sys.implementation.cache_tag, end='')");
        compile("stale_net.py", pycache.resolve("net." + tag + ".pyc"));
        compile("sourceless_helper.py", job.submission().resolve("mlp/helper.pyc"));
        JobBench.plan(job, "mlp", List.of(call("source", "answer"), call("sourceless", "sourceless")));

        SandboxRun run = bench.run(job);

        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        JsonNode calls = JSON.readTree(JobBench.results(run)).path("calls");
        assertEquals("ok", calls.path("source").path("status").asText(), calls.toString());
        assertArrayEquals(new double[] {1.0}, result(run, "source"), "the source's answer, not the stale bytecode's 2.0");
        assertEquals("error", calls.path("sourceless").path("status").asText(), calls.toString());
        assertTrue(calls.path("sourceless").path("message").asText().contains("helper"), calls.toString());
    }

    @Test
    void noBytecodeIsWrittenAnywhere() throws Exception {
        JobDirectory job = packageJob();
        JobBench.plan(job, "mlp", List.of(call("written", "bytecode_written")));

        SandboxRun run = bench.run(job);

        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        assertArrayEquals(new double[] {1, 0}, result(run, "written"),
                "[sys.flags.dont_write_bytecode, .pyc files in /tmp and out/] " + JobBench.results(run));
        try (var files = Files.walk(job.submission())) {
            assertEquals(List.of(), files.filter(p -> p.toString().contains("__pycache__")).toList());
        }
    }

    private static JobDirectory packageJob() throws IOException {
        JobDirectory job = bench.job("basic", "add");
        Files.delete(job.submission().resolve("handin.py"));
        Path pkg = Files.createDirectories(job.submission().resolve("mlp"));
        for (String file : List.of("__init__.py", "net.py")) {
            Files.writeString(pkg.resolve(file), JobBench.resource("bytecode/mlp/" + file));
        }
        return job;
    }

    /** Compiles a test resource into bytecode Python trusts without looking at any source (PEP 552). */
    private static void compile(String resource, Path pyc) throws Exception {
        Path source = Files.writeString(Files.createTempFile("tensormark-pyc-", ".py"), JobBench.resource("bytecode/" + resource));
        try {
            python("import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True,"
                    + " invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)", source.toString(), pyc.toString());
        } finally {
            Files.delete(source);
        }
    }

    private static String python(String code, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3", "-I", "-c", code));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private static Map<String, Object> call(String id, String target) {
        return Map.of("id", id, "target", target, "args", List.of(), "seed", 1, "output", id);
    }

    private static double[] result(SandboxRun run, String output) throws IOException {
        byte[] npz = run.outputs().get(output + ".npz");
        assertTrue(npz != null, "no " + output + ".npz: " + JobBench.results(run));
        return Npz.read(output + ".npz", new ByteArrayInputStream(npz), NpzLimits.DEFAULT).get("result").values();
    }
}
