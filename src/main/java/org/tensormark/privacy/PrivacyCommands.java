package org.tensormark.privacy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.tensormark.backup.DataSite;

/**
 * The command-line tools for data held about people: {@code purge --course C [--dry-run]},
 * {@code export --student USERNAME --to FILE.zip} and {@code anonymise --student USERNAME [--force]}.
 * Like {@code backup}, they run against the data the settings name, while the server runs or not;
 * whoever can run them holds the installation's data, so they act with an admin's rights.
 */
public final class PrivacyCommands {

    private PrivacyCommands() {
    }

    /** {@code purge --course C [--dry-run]}: exit 0 after removing (or listing) the course's expired hand-in files. */
    public static int purge(String[] args) throws Exception {
        String course = null;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--course") && i + 1 < args.length) {
                course = args[++i];
            } else if (args[i].equals("--dry-run")) {
                dryRun = true;
            } else {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; usage: tensormark purge --course C [--dry-run]");
            }
        }
        if (course == null) {
            throw new IllegalArgumentException("usage: tensormark purge --course C [--dry-run]");
        }
        DataSite site = DataSite.fromSettings();
        try (DataSite.OpenDatabase db = site.open(false)) {
            Purge.Report r = new Purge(db.connection(), site.blobs()).run(course, dryRun, Instant.now());
            r.files().forEach(f -> System.out.println((r.dryRun() ? "would remove " : "removed ") + "hand-in "
                    + f.submissionId() + " " + f.role() + " file " + f.filename() + " (" + f.sha256() + ", " + f.size()
                    + " bytes)"));
            r.notDeleted().forEach(left -> System.out.println("could not delete blob " + left));
            System.out.println((r.dryRun() ? "dry run: would remove " : "purged ") + r.files().size()
                    + " hand-in files of course " + course + " (" + r.blobs() + " stored files, " + r.blobBytes()
                    + " bytes); grades, receipts' sha256 and the audit trail are kept"
                    + (r.dryRun() ? "; nothing was changed" : "; recorded in the audit log"));
            return r.notDeleted().isEmpty() ? 0 : 1;
        }
    }

    /** {@code export --student USERNAME --to FILE.zip}: everything held about the student, as one zip. */
    public static int export(String[] args) throws Exception {
        Map<String, String> o = options(args, Set.of("--student", "--to"), Set.of(),
                "tensormark export --student USERNAME --to FILE.zip");
        Path target = Path.of(o.get("--to"));
        DataSite site = DataSite.fromSettings();
        try (DataSite.OpenDatabase db = site.open(false)) {
            Student student = Student.byUsername(db.connection(), o.get("--student"));
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                new StudentExport(db.connection(), site.blobs()).write(student, student.courses(), true, out);
            } catch (Exception e) {
                Files.deleteIfExists(target);
                throw e;
            }
            System.out.println("exported everything held about " + student.username() + " to " + target.toAbsolutePath()
                    + " (index.json lists it; hand-in files under handins/)");
            return 0;
        }
    }

    /** {@code anonymise --student USERNAME [--force]}: replaces the student's identity and deletes their files. */
    public static int anonymise(String[] args) throws Exception {
        Map<String, String> o = options(args, Set.of("--student"), Set.of("--force"),
                "tensormark anonymise --student USERNAME [--force]");
        DataSite site = DataSite.fromSettings();
        try (DataSite.OpenDatabase db = site.open(false)) {
            Student student = Student.byUsername(db.connection(), o.get("--student"));
            Anonymisation.Outcome r = new Anonymisation(db.connection(), site.blobs())
                    .run(student, o.containsKey("--force"), null, Instant.now());
            r.notDeleted().forEach(left -> System.out.println("could not delete blob " + left));
            System.out.println("anonymised account " + r.userId() + " as " + r.pseudonym() + ": " + r.filesRemoved()
                    + " hand-in files removed, grades kept" + (r.openCourses().isEmpty() ? ""
                            : "; forced while these courses are open: " + String.join(", ", r.openCourses()))
                    + "; recorded in the audit log");
            return r.notDeleted().isEmpty() ? 0 : 1;
        }
    }

    /** Options with a value ({@code valued}, all required) and flags; anything else is refused with the usage. */
    private static Map<String, String> options(String[] args, Set<String> valued, Set<String> flags, String usage) {
        Map<String, String> found = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (valued.contains(args[i]) && i + 1 < args.length) {
                found.put(args[i], args[++i]);
            } else if (flags.contains(args[i])) {
                found.put(args[i], "");
            } else {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; usage: " + usage);
            }
        }
        if (!found.keySet().containsAll(valued)) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return found;
    }
}
