package org.tensormark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.tensormark.problem.Problem;

/**
 * A stored hand-in's files as its readers open them: the list (with a zip's entries), one file's
 * bytes, or one text entry of a zip. Archives were checked at intake, so reading them here with
 * the JDK's zip reader is safe; every read is still capped.
 */
@ApplicationScoped
class HandinFiles {

    /** The largest zip entry shown as text; bigger ones are only listed. */
    static final int MAX_ENTRY_BYTES = 1 << 20;

    private final EntityManager em;
    private final BlobStore blobs;

    HandinFiles(EntityManager em, BlobStore blobs) {
        this.em = em;
        this.blobs = blobs;
    }

    /** One file of a zip hand-in. */
    record ArchiveEntry(String path, long size) {
    }

    /**
     * A stored file as listed: {@code kind} is python, notebook, pdf, zip or video; entries for a zip.
     * {@code purgedAt} is set once the bytes were removed (retention, anonymisation): the name,
     * sha256 and size on the receipt are still listed.
     */
    record StoredFile(String role, String filename, String sha256, long size, String kind, List<ArchiveEntry> entries,
            Instant purgedAt) {
    }

    /** An opened file: where its bytes are and what they are. */
    record Opened(SubmissionFile file, String kind, Path path) {
    }

    @Transactional
    List<StoredFile> list(UUID submissionId) {
        return files(submissionId).stream().map(f -> {
            String kind = kindOf(f.filename);
            return new StoredFile(f.role, f.filename, f.sha256, f.size, kind,
                    "zip".equals(kind) && f.purgedAt == null ? entries(blobs.pathOf(f.sha256)) : null, f.purgedAt);
        }).toList();
    }

    @Transactional
    Opened open(UUID submissionId, String role) {
        SubmissionFile f = files(submissionId).stream().filter(x -> x.role.equals(role)).findFirst()
                .orElseThrow(() -> Problem.notFound("This hand-in has no '" + role + "' file."));
        if (f.purgedAt != null) {
            throw Problem.gone("The '" + role + "' file " + f.filename + " of this hand-in was removed on " + f.purgedAt
                    + " under the course's data retention rules; its sha256 " + f.sha256 + " and the grades are kept.");
        }
        Path path = blobs.pathOf(f.sha256);
        if (!blobs.exists(f.sha256)) {
            throw new IllegalStateException("blob " + f.sha256 + " of hand-in " + submissionId + " is missing");
        }
        return new Opened(f, kindOf(f.filename), path);
    }

    /** The bytes of one entry of a zip hand-in, at most {@link #MAX_ENTRY_BYTES}. */
    byte[] entry(Opened archive, String entryPath) {
        if (!"zip".equals(archive.kind())) {
            throw Problem.invalid("The '" + archive.file().role + "' file is not a zip archive.");
        }
        if (entryPath == null || entryPath.isBlank()) {
            throw Problem.invalid("Give the entry's path, e.g. ?path=src/model.py.");
        }
        try (ZipFile zip = new ZipFile(archive.path().toFile())) {
            ZipEntry e = zip.getEntry(entryPath);
            if (e == null || e.isDirectory()) {
                throw Problem.notFound("The archive has no file '" + entryPath + "'.");
            }
            if (e.getSize() > MAX_ENTRY_BYTES) {
                throw Problem.tooLarge("'" + entryPath + "' is " + e.getSize() / 1024
                        + " KB; files over 1 MB are not shown here. Download the archive instead.");
            }
            try (InputStream in = zip.getInputStream(e)) {
                return in.readNBytes(MAX_ENTRY_BYTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored archive " + archive.file().sha256, e);
        }
    }

    static String kindOf(String filename) {
        String name = filename.toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "py" -> "python";
            case "ipynb" -> "notebook";
            case "pdf", "zip" -> ext;
            case "mp4", "webm", "mov" -> "video";
            default -> "other";
        };
    }

    private List<SubmissionFile> files(UUID submissionId) {
        return em.createQuery("from SubmissionFile where submissionId = :id order by role", SubmissionFile.class)
                .setParameter("id", submissionId).getResultList();
    }

    private static List<ArchiveEntry> entries(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().filter(e -> !e.isDirectory()).map(e -> new ArchiveEntry(e.getName(), e.getSize()))
                    .sorted(java.util.Comparator.comparing(ArchiveEntry::path)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the stored archive " + zip, e);
        }
    }
}
