package org.tensormark.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decides what a file is by its content, not its name: a PDF starts with {@code %PDF-} and ends
 * with {@code %%EOF}, a notebook is nbformat-4 JSON with a list of cells, a zip is a safe zip
 * without compiled code, Python source is UTF-8 text (bytecode is never accepted), a video has an
 * MP4/MOV or WebM header.
 */
final class FileKinds {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FileKinds() {
    }

    /** The type a file name claims, from its extension, lower case ({@code py}, {@code pdf}…). */
    static String claimedType(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Throws {@link RejectedFileException} with a sentence when the content is not what the name says. */
    static void check(String filename, String type, Path file, ArchiveInspector archives) throws IOException {
        if (Files.size(file) == 0) {
            throw new RejectedFileException("'" + filename + "' is empty.");
        }
        switch (type) {
            case "pdf" -> checkPdf(filename, file);
            case "ipynb" -> checkNotebook(filename, file);
            case "py" -> checkPython(filename, file);
            case "zip" -> checkZip(filename, file, archives);
            case "pyc", "pyo" -> throw new RejectedFileException("'" + filename + "' is compiled Python (bytecode), which"
                    + " your TA cannot read; hand in the .py source instead.");
            case "mp4", "mov" -> checkHeader(filename, file, 4, "ftyp".getBytes(StandardCharsets.US_ASCII), "an MP4/MOV video");
            case "webm", "mkv" -> checkHeader(filename, file, 0, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}, "a WebM video");
            default -> throw new RejectedFileException("'" + filename + "': files of type ." + type + " are not accepted here.");
        }
    }

    private static void checkPdf(String filename, Path file) throws IOException {
        checkHeader(filename, file, 0, "%PDF-".getBytes(StandardCharsets.US_ASCII), "a PDF");
        long size = Files.size(file);
        byte[] tail = new byte[(int) Math.min(size, 1024)];
        try (var channel = Files.newByteChannel(file)) {
            channel.position(size - tail.length);
            channel.read(ByteBuffer.wrap(tail));
        }
        if (!new String(tail, StandardCharsets.ISO_8859_1).contains("%%EOF")) {
            throw new RejectedFileException("'" + filename + "' is a truncated PDF (no %%EOF at the end); export it again.");
        }
    }

    private static void checkNotebook(String filename, Path file) throws IOException {
        JsonNode nb;
        try {
            nb = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new RejectedFileException("'" + filename + "' is not a Jupyter notebook: it is not valid JSON ("
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ").");
        }
        if (nb == null || !nb.path("nbformat").canConvertToInt() || nb.path("nbformat").asInt() < 4
                || !nb.path("cells").isArray()) {
            throw new RejectedFileException("'" + filename + "' is not a Jupyter notebook in nbformat 4"
                    + " (it needs \"nbformat\": 4 and a \"cells\" list); save it again from Jupyter or Colab.");
        }
    }

    private static void checkPython(String filename, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                throw new RejectedFileException("'" + filename + "' is not Python source: it contains binary data.");
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new RejectedFileException("'" + filename + "' is not UTF-8 text; save it as UTF-8.");
        }
    }

    private static void checkZip(String filename, Path file, ArchiveInspector archives) throws IOException {
        checkHeader(filename, file, 0, new byte[] {'P', 'K', 3, 4}, "a zip archive");
        try {
            archives.inspect(file);
        } catch (UnsafeArchiveException e) {
            throw new RejectedFileException("'" + filename + "' was refused: " + e.getMessage() + ".");
        }
    }

    private static void checkHeader(String filename, Path file, int offset, byte[] magic, String what) throws IOException {
        byte[] head = new byte[offset + magic.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n < head.length || !Arrays.equals(Arrays.copyOfRange(head, offset, head.length), magic)) {
            throw new RejectedFileException("'" + filename + "' is not " + what + " (its content does not start like one).");
        }
    }
}
