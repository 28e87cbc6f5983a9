package org.tensormark.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What a backup holds, written as {@code manifest.json}: enough to check every file of the backup
 * and to decide whether this build can restore it.
 *
 * @param format layout of the backup folder; a build refuses formats newer than its own
 * @param schemaVersion the Flyway version the tables were copied at
 * @param tables in restore order (parents before children)
 * @param sequences each sequence's last value, null where it was never used
 * @param blobs every blob the database referenced
 * @param blobsOnly true for {@code backup --blobs-only}: no tables (an external PostgreSQL is backed
 *                  up with its own tools), only the hand-in files its rows referenced
 */
record Manifest(int format, String tensormarkVersion, String schemaVersion, String startedAt, String finishedAt,
        List<Table> tables, Map<String, Long> sequences, List<Blob> blobs, Reuse reuse, boolean blobsOnly) {

    Manifest(int format, String tensormarkVersion, String schemaVersion, String startedAt, String finishedAt,
            List<Table> tables, Map<String, Long> sequences, List<Blob> blobs, Reuse reuse) {
        this(format, tensormarkVersion, schemaVersion, startedAt, finishedAt, tables, sequences, blobs, reuse, false);
    }

    static final int FORMAT = 1;
    static final String FILE = "manifest.json";
    static final String COMPLETE = "COMPLETE";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One table's rows, copied out in PostgreSQL's text COPY format to {@code file}. */
    record Table(String name, long rows, String file, String sha256) {
    }

    /** One blob, stored at {@code blobs/<first two>/<sha256>}. */
    record Blob(String sha256, long size) {
    }

    /** How many blobs were copied and how many taken over (hard-linked) from earlier backups. */
    record Reuse(long copied, long copiedBytes, long linked, long linkedBytes) {
    }

    byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    static Manifest fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, Manifest.class);
    }
}
