package org.tensormark.localgrading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.tensormark.submission.ArchiveInspector;
import org.tensormark.submission.ArchiveLimits;

/**
 * The hand-ins in a folder on the TA's machine: every folder that holds files is one hand-in,
 * so a tree from {@code tensormark handins download} ({@code <student>/<submission-id>/}) and a
 * flat folder of test hand-ins ({@code <name>/}) both work. Each is staged as the server stages
 * a hand-in: a zip is unpacked with the intake's safety checks and a PDF becomes the report.
 */
final class LocalHandins {

    /** One hand-in: its name (its path under the folder) and where its files are. */
    record Handin(String name, Path folder) {
    }

    private LocalHandins() {
    }

    static List<Handin> in(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a folder of hand-ins");
        }
        List<Handin> found = new ArrayList<>();
        try (Stream<Path> folders = Files.walk(root)) {
            for (Path f : folders.filter(Files::isDirectory).sorted().toList()) {
                if (holdsFiles(f)) {
                    String name = root.relativize(f).toString();
                    found.add(new Handin(name.isEmpty() ? f.getFileName().toString() : name, f));
                }
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(root + " holds no hand-in (no folder with files in it)");
        }
        return found;
    }

    private static boolean holdsFiles(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(e -> Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)
                    && !e.getFileName().toString().endsWith(".part"));
        }
    }

    /** Copies the hand-in into {@code target} as the grader reads it: zips unpacked, the PDF named report.pdf. */
    static void stage(Handin handin, Path target) throws IOException {
        try (Stream<Path> files = Files.list(handin.folder())) {
            for (Path f : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".zip")) {
                    new ArchiveInspector(ArchiveLimits.DEFAULT).extract(f, target);
                } else if (name.endsWith(".pdf")) {
                    Files.copy(f, target.resolve("report.pdf"), StandardCopyOption.REPLACE_EXISTING);
                } else if (!name.endsWith(".part")) {
                    Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
