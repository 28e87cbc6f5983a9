package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.tensormark.sandbox.JobDirectory;
import org.tensormark.submission.ArchiveInspector;
import org.tensormark.submission.SubmissionFile;
import org.tensormark.submission.Submissions;
import org.tensormark.submission.UnsafeArchiveException;

/**
 * Puts a hand-in's code into the job's {@code submission/} folder (a .py or .ipynb as it is, a
 * zip unpacked with the same safety checks as at intake) and finds the module the harness imports.
 */
@ApplicationScoped
class HandinMaterialiser {

    private final JobFiles files;
    private final ArchiveInspector archives;

    HandinMaterialiser(JobFiles files, ArchiveInspector archives) {
        this.files = files;
        this.archives = archives;
    }

    /** The module to import (or why there is none), the report's blob, the code's sha256. */
    record Materialised(String module, String problem, Optional<Path> report, List<String> sha256s) {
    }

    Materialised materialise(Submissions.Handin handin, JobDirectory job) throws IOException {
        Optional<Path> report = handin.files().stream().filter(f -> f.role.equals("report")).findFirst()
                .map(f -> files.located(f.sha256));
        List<String> hashes = handin.files().stream().map(f -> f.role + ":" + f.sha256).toList();
        Optional<SubmissionFile> code = handin.files().stream().filter(f -> f.role.equals("code")).findFirst();
        if (code.isEmpty()) {
            return new Materialised(null, "no code was handed in", report, hashes);
        }
        Path blob = files.verified(code.get().sha256);
        String name = code.get().filename;
        if (!name.toLowerCase().endsWith(".zip")) {
            Files.copy(blob, job.submission().resolve(name), StandardCopyOption.REPLACE_EXISTING);
            return new Materialised(name, null, report, hashes);
        }
        try {
            archives.extract(blob, job.submission());
        } catch (UnsafeArchiveException e) {
            return new Materialised(null, "the archive could not be unpacked: " + e.getMessage(), report, hashes);
        }
        String module = findModule(job.submission());
        return new Materialised(module, module == null
                ? "the zip holds no single package (a folder with __init__.py), .py file or notebook at its top" : null,
                report, hashes);
    }

    /** Every file of the hand-in by slot, on this machine (a remote worker fetches them first). */
    Map<String, Path> files(Submissions.Handin handin) {
        Map<String, Path> byRole = new HashMap<>();
        handin.files().forEach(f -> byRole.computeIfAbsent(f.role, role -> files.located(f.sha256)));
        return Map.copyOf(byRole);
    }

    static String findModule(Path dir) throws IOException {
        List<Path> top;
        try (Stream<Path> s = Files.list(dir)) {
            top = s.filter(p -> !p.getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().equals("__MACOSX")).toList();
        }
        List<Path> packages = top.stream().filter(p -> Files.isRegularFile(p.resolve("__init__.py"), LinkOption.NOFOLLOW_LINKS)).toList();
        if (packages.size() == 1) {
            return packages.get(0).getFileName().toString();
        }
        for (String ext : List.of(".py", ".ipynb")) {
            List<Path> files = top.stream().filter(p -> p.getFileName().toString().endsWith(ext)).toList();
            if (files.size() == 1) {
                return files.get(0).getFileName().toString();
            }
        }
        if (top.size() == 1 && Files.isDirectory(top.get(0), LinkOption.NOFOLLOW_LINKS)) {
            String inner = findModule(top.get(0));
            return inner == null ? null : top.get(0).getFileName() + "/" + inner;
        }
        return null;
    }
}
