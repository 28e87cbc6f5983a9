package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.submission.BlobStore;

/**
 * Keeps what a sandbox run produced: its plan, every file of {@code out/} and what it printed go
 * to the blob store through {@link JobFiles} (content-addressed: the same bytes are stored once), and a {@code sandbox_run}
 * row names them with the per-call plan hashes. Scoring and rescoring read runs back from here.
 * Files are named by their content first ({@link #named}) and stored beside the recording
 * transaction, which writes their {@code blob} rows and commits only once they are on disk; the
 * blob janitor removes the files of a run that was never recorded.
 */
@ApplicationScoped
class RunStore {

    private final JobFiles files;
    private final EntityManager em;
    private final ObjectMapper json;

    RunStore(JobFiles files, EntityManager em, ObjectMapper json) {
        this.files = files;
        this.em = em;
        this.json = json;
    }

    /** The blobs of one run, and the plan hashes of the calls it ran. */
    record RunFiles(String planSha256, Map<String, String> callHashes, Map<String, String> outputs,
            String stdoutSha256, String stderrSha256, Map<String, Long> sizes) {
    }

    /** A run to record: how it is shown, and its files. */
    record KeptRun(RunRecord record, RunFiles files, Long reusedFrom) {
    }

    /** A recorded run as scoring reads it. */
    record StoredRun(long id, String group, String verdict, String verdictText, Map<String, String> callHashes,
            Map<String, String> outputs) {
    }

    /** Stores the plan, the outputs and the printed text of a run (outside any transaction). */
    RunFiles put(JobPlan plan, SandboxRun run) throws IOException {
        return keep(named(plan, run));
    }

    RunFiles put(String planJson, Map<String, String> callHashes, Map<String, byte[]> outputs, String stdout,
            String stderr) throws IOException {
        return keep(named(planJson, callHashes, outputs, stdout, stderr));
    }

    /**
     * A run's files and the blobs they are to be stored as, named before a byte is written: what a
     * recording inserts in its rows while the files are still being flushed ({@link RunKeeping}).
     */
    record Named(RunFiles files, List<byte[]> contents, List<String> sha256s) {
    }

    /** Names the files of {@code run} from {@code plan} by their content (nothing stored). */
    Named named(JobPlan plan, SandboxRun run) {
        return named(plan.planJson(json), plan.callHashes(json), run.outputs(), run.stdout(), run.stderr());
    }

    private static Named named(String planJson, Map<String, String> callHashes, Map<String, byte[]> outputs,
            String stdout, String stderr) {
        List<String> names = new ArrayList<>(outputs.keySet());
        List<byte[]> contents = new ArrayList<>();
        contents.add(planJson.getBytes(StandardCharsets.UTF_8));
        contents.add(stdout.getBytes(StandardCharsets.UTF_8));
        contents.add(stderr.getBytes(StandardCharsets.UTF_8));
        names.forEach(name -> contents.add(outputs.get(name)));
        List<String> sha256s = contents.stream().map(BlobStore::sha256Hex).toList();
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int i = 0; i < contents.size(); i++) {
            sizes.put(sha256s.get(i), (long) contents.get(i).length);
        }
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            files.put(names.get(i), sha256s.get(3 + i));
        }
        return new Named(new RunFiles(sha256s.get(0), Map.copyOf(callHashes), files, sha256s.get(1), sha256s.get(2),
                sizes), List.copyOf(contents), sha256s);
    }

    /** Stores the files named, together: their flushes to disk overlap. Returns when all are on disk. */
    RunFiles keep(Named named) throws IOException {
        List<String> stored = this.files.keepAll(named.contents());
        if (!stored.equals(named.sha256s())) { // the store hashed what it wrote: the rows must name those bytes
            throw new IOException("a run's files were stored as " + stored + ", not as named " + named.sha256s());
        }
        return named.files();
    }

    /** Inserts the run's row and its blobs' rows (in the caller's transaction); returns the run's id. */
    long insert(Long jobId, KeptRun kept) {
        kept.files().sizes().forEach((sha, size) -> em.createNativeQuery(
                "insert into blob (sha256, size) values (?1, ?2) on conflict do nothing")
                .setParameter(1, sha).setParameter(2, size).executeUpdate());
        RunRecord run = kept.record();
        RunFiles f = kept.files();
        return ((Number) em.createNativeQuery("""
                insert into sandbox_run (job_id, run_group, verdict, verdict_text, exit_code, signal, wall_ms, cpu_ms,
                    peak_memory_bytes, stdout, stderr, plan_sha256, call_hashes, outputs, stdout_sha256, stderr_sha256,
                    reused_from)
                values (cast(?1 as bigint), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, cast(?13 as jsonb), cast(?14 as jsonb), ?15,
                    ?16, cast(?17 as bigint)) returning id""")
                .setParameter(1, jobId).setParameter(2, run.group()).setParameter(3, run.verdict())
                .setParameter(4, run.verdictText()).setParameter(5, run.exitCode()).setParameter(6, run.signal())
                .setParameter(7, run.wallMs()).setParameter(8, run.cpuMs()).setParameter(9, run.peakMemoryBytes())
                .setParameter(10, run.stdout()).setParameter(11, run.stderr()).setParameter(12, f.planSha256())
                .setParameter(13, text(f.callHashes())).setParameter(14, text(f.outputs()))
                .setParameter(15, f.stdoutSha256()).setParameter(16, f.stderrSha256())
                .setParameter(17, kept.reusedFrom()).getSingleResult()).longValue();
    }

    /** A recorded run from its {@code sandbox_run} row's columns (call hashes and outputs as JSON text). */
    StoredRun stored(long id, String group, String verdict, String verdictText, String callHashes, String outputs) {
        return new StoredRun(id, group, verdict, verdictText, map(callHashes), map(outputs));
    }

    /** A stored run's files of {@code out/}, read back from the blob store (each checked against its hash). */
    Map<String, byte[]> outputs(StoredRun run) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> out : run.outputs().entrySet()) {
            files.put(out.getKey(), this.files.read(out.getValue()));
        }
        return files;
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's file list is not serialisable", e);
        }
    }

    private Map<String, String> map(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sandbox_run holds a file list that is not JSON", e);
        }
    }
}
