package org.tensormark.backup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensormark.TensorMark;

/**
 * The command-line tools {@code tensormark backup --to DIR [--blobs-only]}, {@code restore DIR [--force]
 * [--blobs-only]} and {@code verify}.
 * They run without Quarkus, against the data the settings name (see {@link DataSite}), and work
 * while the server runs (backup) or before it starts (restore).
 */
public final class BackupCommands {

    private BackupCommands() {
    }

    /** {@code backup --to DIR [--blobs-only]}: exit 0 once the backup is complete, else non-zero and nothing complete. */
    public static int backup(String[] args) throws Exception {
        Path target = null;
        boolean blobsOnly = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--to") && i + 1 < args.length) {
                target = Path.of(args[++i]);
            } else if (args[i].equals("--blobs-only")) {
                blobsOnly = true;
            } else {
                throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; usage: tensormark backup --to DIR [--blobs-only]");
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("usage: tensormark backup --to DIR [--blobs-only]");
        }
        Manifest m = new Backup(DataSite.fromSettings()).write(target, blobsOnly);
        System.out.println("backup complete: " + target.toAbsolutePath() + " (schema " + m.schemaVersion() + ", "
                + m.tables().stream().mapToLong(Manifest.Table::rows).sum() + " rows in " + m.tables().size()
                + " tables, " + m.blobs().size() + " blobs: " + m.reuse().copied() + " copied ("
                + m.reuse().copiedBytes() + " bytes), " + m.reuse().linked() + " taken from earlier backups)");
        return 0;
    }

    /** {@code restore DIR [--force] [--blobs-only]}: checks the backup completely before changing anything. */
    public static int restore(String[] args) throws Exception {
        List<String> paths = new ArrayList<>();
        boolean force = false;
        boolean blobsOnly = false;
        for (String arg : args) {
            if (arg.equals("--force")) {
                force = true;
            } else if (arg.equals("--blobs-only")) {
                blobsOnly = true;
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option '" + arg
                        + "'; usage: tensormark restore DIR [--force] [--blobs-only]");
            } else {
                paths.add(arg);
            }
        }
        if (paths.size() != 1) {
            throw new IllegalArgumentException("usage: tensormark restore DIR [--force] [--blobs-only]");
        }
        Manifest m = new Restore(DataSite.fromSettings()).restore(Path.of(paths.get(0)), force, blobsOnly);
        System.out.println("restored " + paths.get(0) + " (taken " + m.finishedAt() + ", schema " + m.schemaVersion()
                + ", " + m.blobs().size() + " blobs); start the server as usual");
        return 0;
    }

    /** {@code verify}: exit 0 when every stored hand-in file matches its receipt, else 1, naming each hand-in. */
    public static int verify(String[] args) throws Exception {
        if (args.length > 0) {
            throw new IllegalArgumentException("usage: tensormark verify");
        }
        Scrub.Report report = new Scrub(DataSite.fromSettings()).run();
        report.problems().forEach(p -> System.out.println(p.sentence()));
        System.out.println(report.filesChecked() + " hand-in files checked, " + report.problems().size() + " missing or corrupt");
        return report.problems().isEmpty() ? 0 : 1;
    }

    static String tensormarkVersion() {
        String version = TensorMark.class.getPackage().getImplementationVersion();
        return version != null ? version : "development build";
    }
}
