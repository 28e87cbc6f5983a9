package org.tensormark.submission;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A multipart/form-data body of file fields, as a browser or curl -F sends it: the load test's, the
 * spike benchmark's and the upload warm-up's.
 */
public final class Multipart {

    /** One file field. */
    public record Part(String filename, String contentType, byte[] content) {
    }

    private Multipart() {
    }

    public static byte[] of(String boundary, Map<String, Part> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, part) -> {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + part.filename() + "\"\r\nContent-Type: " + part.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
