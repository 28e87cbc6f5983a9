package org.tensormark.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensormark.submission.Multipart;

/** The files every load-test student hands in: an assignment's solution, code and report, with their sizes and sha256. */
record Handin(byte[] code, byte[] report) {

    /** {@code assignments/<assignment>/solution/handin.py} and {@code report.pdf}, as the demo assignment has them. */
    static Handin solutionOf(String assignment) throws IOException {
        Path solution = Path.of("assignments", assignment, "solution");
        Path code = solution.resolve("handin.py");
        Path report = solution.resolve("report.pdf");
        if (!Files.isReadable(code) || !Files.isReadable(report)) {
            throw new IllegalArgumentException("the load test hands in " + code + " and " + report
                    + ", which are not there: run it from the TensorMark folder, with an assignment that has both");
        }
        return new Handin(Files.readAllBytes(code), Files.readAllBytes(report));
    }

    /** The multipart/form-data body with the parts {@code code} and {@code report}. */
    byte[] multipart(String boundary) {
        Map<String, Multipart.Part> parts = new LinkedHashMap<>();
        parts.put("code", new Multipart.Part("handin.py", "text/x-python", code));
        parts.put("report", new Multipart.Part("report.pdf", "application/pdf", report));
        return Multipart.of(boundary, parts);
    }

    /** Whether a stored file of this role has the size and sha256 of what was sent. */
    boolean matches(String role, long size, String sha256) {
        byte[] sent = role.equals("code") ? code : role.equals("report") ? report : null;
        return sent != null && sent.length == size && sha256(sent).equalsIgnoreCase(sha256);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
