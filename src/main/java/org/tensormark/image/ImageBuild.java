package org.tensormark.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds a grading image from its spec with mmdebstrap (Debian's rootless-or-root bootstrapper,
 * no Docker) into a store workspace, adds the sandbox's mount points, checks the installed
 * versions against the spec, and installs the tree under its digest.
 */
public final class ImageBuild {

    /** Folders every image must have: the sandbox binds the job and the harness onto them. */
    static final List<String> MOUNT_POINTS = List.of("job/in", "job/submission", "job/out", "harness", "tmp", "proc",
            "dev");

    private final ImageStore store;
    private final Consumer<String> progress;

    public ImageBuild(ImageStore store, Consumer<String> progress) {
        this.store = store;
        this.progress = progress;
    }

    /** Builds {@code images/<name>.yaml} under {@code specDir}. */
    public ImageStore.InstalledImage build(String name, Path specDir) throws IOException, InterruptedException {
        Path specFile = specDir.resolve(ImageManifest.checkName(name) + ".yaml");
        if (!Files.isRegularFile(specFile)) {
            throw new IllegalArgumentException("no image spec " + specFile);
        }
        ImageSpec spec = ImageSpec.read(specFile);
        Instant start = Instant.now();
        Path workspace = store.workspace();
        try {
            Path root = workspace.resolve("root");
            bootstrap(spec, root);
            addMountPoints(root);
            Map<String, String> installed = DpkgStatus.installed(root);
            checkVersions(spec, installed);
            progress.accept("image " + name + ": computing the digest of the tree");
            ImageManifest manifest = manifest(name, "build " + specDir.getFileName() + "/" + specFile.getFileName()
                    + " (" + spec.suite() + ")", root, spec.environment(), installed, ImageManifest.DEFAULT_INTERPRETER);
            ImageStore.InstalledImage image = store.install(workspace, manifest);
            progress.accept("image " + name + ": " + manifest.summary() + ", built in "
                    + Duration.between(start, Instant.now()).toSeconds() + " s");
            return image;
        } finally {
            ImageStore.delete(workspace);
        }
    }

    /** The mmdebstrap command line of a spec. */
    static List<String> command(ImageSpec spec, Path root) {
        List<String> c = new ArrayList<>(List.of("mmdebstrap", "--variant=essential", "--format=directory",
                "--include=" + String.join(",", spec.packageNames())));
        for (String path : spec.exclude()) {
            c.add("--dpkgopt=path-exclude=" + path);
        }
        for (String path : spec.include()) {
            c.add("--dpkgopt=path-include=" + path);
        }
        c.addAll(List.of(spec.suite(), root.toString(), "deb " + spec.mirror() + " " + spec.suite() + " main"));
        return c;
    }

    private void bootstrap(ImageSpec spec, Path root) throws IOException, InterruptedException {
        List<String> command = command(spec, root);
        progress.accept("image: " + String.join(" ", command));
        Mmdebstrap.run(command, progress);
    }

    /** Creates the mount points; one that is a link or a file (an imported image's) refuses the image. */
    static void addMountPoints(Path root) throws IOException {
        addMountPoints(root, MOUNT_POINTS);
    }

    /** Creates these mount points, relative to {@code root}, under the same rules. */
    static void addMountPoints(Path root, List<String> mountPoints) throws IOException {
        for (String dir : mountPoints) {
            Path mountPoint = LayerPaths.inside(root, dir);
            if (!Files.isDirectory(mountPoint, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(mountPoint, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException("refused: the image's /" + dir + " is not a folder");
                }
                Files.createDirectories(mountPoint);
            }
        }
    }

    private static void checkVersions(ImageSpec spec, Map<String, String> installed) {
        List<String> wrong = new ArrayList<>();
        for (String pkg : spec.packageNames()) {
            String version = installed.get(pkg);
            if (version == null || !spec.accepts(pkg, version)) {
                wrong.add(pkg + " " + (version == null ? "is not installed" : version + " is not " + spec.packages().get(pkg)));
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("the mirror's packages differ from the spec: " + String.join("; ", wrong)
                    + " — update the spec (a new image for the course) or use a mirror with the pinned versions");
        }
    }

    static ImageManifest manifest(String name, String source, Path root, Map<String, String> environment,
            Map<String, String> installed, String interpreter) throws IOException {
        RuntimeVersions v = RuntimeVersions.of(root, interpreter);
        String python = v.python();
        String debianPython = installed.get("python" + python);
        if (debianPython != null) {
            python = debianPython.replaceFirst("^\\d+:", "").replaceFirst("-[^-]*$", "");
        }
        List<String> packages = installed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return new ImageManifest(name, TreeDigest.of(root), source, python, v.numpy(), v.torch(), environment, packages,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), interpreter);
    }
}
