package org.tensormark.client;

import static org.tensormark.client.ServerApi.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code handins download}: every hand-in's files of an assignment in a tree
 * {@code D/<student-or-group>/<submission-id>/<file>}, as the server stores them. Files already
 * there with the right sha256 are skipped and an interrupted file goes on from its {@code .part},
 * so running the command again after an interruption finishes the job.
 */
final class HandinCommands {

    private HandinCommands() {
    }

    static int run(Session s) throws IOException {
        if (!s.args.word(0, "download").equals("download")) {
            throw ClientFailure.usage("tensormark handins download <assignment> [--dir D] [--student S] [--counted-only]");
        }
        String assignment = s.args.word(1, "the assignment id");
        Path dir = Path.of(s.args.options().getOrDefault("dir", assignment));
        List<RemoteFile> files = new ArrayList<>();
        List<Map<String, Object>> handIns = handIns(s, assignment);
        for (Map<String, Object> h : handIns) {
            String id = (String) h.get("id");
            Path folder = dir.resolve(RemoteFile.safe(author(h))).resolve(RemoteFile.safe(id));
            for (Object f : Session.list(s.api().get("/api/submissions/" + encode(id) + "/files"))) {
                Map<String, Object> m = Session.map(f);
                if (m.get("purgedAt") == null) {
                    files.add(new RemoteFile("/api/submissions/" + encode(id) + "/files/" + encode((String) m.get("role")),
                            folder.resolve(RemoteFile.safe((String) m.get("filename"))), (String) m.get("sha256"),
                            ((Number) m.get("size")).longValue()));
                }
            }
        }
        Map<HandinDownload.Done, Integer> counts = new LinkedHashMap<>();
        Progress progress = Progress.of(s.io, files.stream().mapToLong(RemoteFile::size).sum(), files.size());
        HandinDownload download = new HandinDownload(s.api());
        for (RemoteFile f : files) {
            HandinDownload.Done done = download.fetch(f);
            counts.merge(done, 1, Integer::sum);
            progress.finished(dir.relativize(f.target()).toString(), f.size(), done);
        }
        progress.close();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("dir", dir.toAbsolutePath().toString());
        summary.put("handIns", handIns.size());
        summary.put("files", files.size());
        summary.put("bytes", files.stream().mapToLong(RemoteFile::size).sum());
        counts.forEach((done, n) -> summary.put(done.name().toLowerCase(), n));
        s.show(summary, () -> s.io.out().println(handIns.size() + " hand-in(s), " + files.size() + " file(s) in " + dir
                + ": " + counts.getOrDefault(HandinDownload.Done.DOWNLOADED, 0) + " downloaded, "
                + counts.getOrDefault(HandinDownload.Done.RESUMED, 0) + " resumed, "
                + counts.getOrDefault(HandinDownload.Done.PRESENT, 0) + " already there"));
        return 0;
    }

    /** The hand-ins the caller may see, narrowed to one student and to the ones that count when asked. */
    private static List<Map<String, Object>> handIns(Session s, String assignment) throws IOException {
        List<Map<String, Object>> all = Session.list(s.api().get("/api/assignments/" + encode(assignment)
                + "/submissions")).stream().map(Session::map).toList();
        String student = s.args.option("student");
        Set<String> counted = s.args.flag("counted-only") ? counted(s, assignment) : null;
        return all.stream().filter(h -> student == null || student.equals(h.get("submitterUsername"))
                        || student.equals(author(h)))
                .filter(h -> counted == null || counted.contains((String) h.get("id"))).toList();
    }

    private static Set<String> counted(Session s, String assignment) throws IOException {
        String course = (String) Session.map(s.api().get("/api/assignments/" + encode(assignment))).get("courseId");
        return Session.list(s.api().get("/api/courses/" + encode(course) + "/gradebook")).stream()
                .map(r -> (String) Session.map(Session.map(r).get("handIns")).get(assignment))
                .filter(id -> id != null).collect(Collectors.toSet());
    }

    /** A group's hand-ins go to one folder per group, whoever of it handed in. */
    private static String author(Map<String, Object> handIn) {
        Object team = handIn.get("teamId");
        return team == null ? (String) handIn.get("submitterUsername") : "group-" + Table.cell(team);
    }

    /** One stored file to fetch: where it is on the server, where it goes here, and what it must be. */
    record RemoteFile(String path, Path target, String sha256, long size) {

        /** A name that stays one plain path segment whatever a student called their file. */
        static String safe(String name) {
            String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
            return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" + s : s;
        }

        Path part() {
            return target.resolveSibling(target.getFileName() + ".part");
        }
    }

    static void ensureFolder(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
    }
}
