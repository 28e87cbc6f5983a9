package org.tensormark.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What a student downloads for a notebook assignment, as one zip: the student copy of every source
 * notebook ({@link Release#studentCopy}) and the files of the assignment folder they may see (the
 * check's data files and helper modules), all at the top level, so that the notebooks open the data
 * by bare name as they do when graded. Hidden tests and solutions never enter it.
 */
public final class ReleaseArchive {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReleaseArchive() {
    }

    /**
     * @param folder the assignment folder
     * @param source the folder of source notebooks, relative to it
     * @param parts  the grading order (empty: every notebook, by name)
     * @param files  further files of the assignment folder students get (data, helper modules)
     */
    public static byte[] zip(Path folder, String source, List<String> parts, List<String> files) {
        return zip(NotebookSet.read(folder.resolve(source), parts), folder, files);
    }

    /**
     * The release of the source notebooks {@code set} (an assignment version's, as stored), with
     * {@code files} of the assignment {@code folder}.
     */
    public static byte[] zip(NotebookSet set, Path folder, List<String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Set<String> names = new LinkedHashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (SourceNotebook nb : set.notebooks()) {
                put(zip, names, nb.file(), json(nb).getBytes(StandardCharsets.UTF_8));
            }
            for (String f : files) {
                Path file = folder.resolve(f).normalize();
                if (!file.startsWith(folder.normalize()) || !Files.isRegularFile(file)) {
                    throw new IllegalStateException("release file " + f + " is not a file of the assignment folder");
                }
                put(zip, names, file.getFileName().toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, Set<String> names, String name, byte[] content) throws IOException {
        if (!names.add(name)) {
            throw new IllegalStateException("two release files are called " + name);
        }
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static String json(SourceNotebook nb) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Release.studentCopy(nb)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
