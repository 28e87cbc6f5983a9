package org.tensormark.privacy;

import java.time.Instant;
import org.tensormark.backup.DataSite;

/**
 * The command-line tools for data held about people: {@code tensormark purge --course C [--dry-run]}.
 * Like {@code backup}, they run against the data the settings name, while the server runs or not.
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
}
