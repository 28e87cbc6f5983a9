package org.tensormark.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Imports a grading image made elsewhere (a vendor's CUDA PyTorch image, exported with
 * {@code docker save} or as an OCI archive) into the store: the layers are applied in order with
 * their whiteouts ({@link LayerApply}), the sandbox's mount points added (with the GPU driver
 * libraries' folder: CUDA images come this way), and the tree installed
 * under its digest with a manifest like a built image's.
 */
public final class ImageImport {

    /**
     * The folder, relative to the image's root, where a GPU job finds the host's driver libraries:
     * the one CUDA images name on their LD_LIBRARY_PATH. Imported images get it as a mount point.
     */
    public static final String GPU_DRIVER_FOLDER = "usr/local/nvidia/lib64";

    private final ImageStore store;
    private final Consumer<String> progress;

    public ImageImport(ImageStore store, Consumer<String> progress) {
        this.store = store;
        this.progress = progress;
    }

    public ImageStore.InstalledImage load(String name, Path archive) throws IOException {
        ImageManifest.checkName(name);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalArgumentException("no archive " + archive);
        }
        Path workspace = store.workspace();
        try {
            Path unpacked = Files.createDirectory(workspace.resolve("archive"));
            LayerArchive image = LayerArchive.open(archive, unpacked);
            Path root = Files.createDirectory(workspace.resolve("root"));
            LayerApply apply = new LayerApply();
            for (int i = 0; i < image.layers().size(); i++) {
                progress.accept("image " + name + ": layer " + (i + 1) + " of " + image.layers().size());
                apply.apply(image.layers().get(i), root);
            }
            ImageStore.delete(unpacked);
            ImageBuild.addMountPoints(root);
            ImageBuild.addMountPoints(root, List.of(GPU_DRIVER_FOLDER));
            Map<String, String> environment = usable(image.environment());
            String interpreter = interpreter(name, root, image.environment());
            ImageManifest manifest = ImageBuild.manifest(name, "import " + archive.getFileName(), root, environment,
                    DpkgStatus.installed(root), interpreter);
            ImageStore.InstalledImage installed = store.install(workspace, manifest);
            progress.accept("image " + name + ": " + manifest.summary()
                    + (apply.skipped() > 0 ? " (" + apply.skipped() + " device files or fifos left out)" : ""));
            return installed;
        } finally {
            ImageStore.delete(workspace);
        }
    }

    /** The image's own python3 (first on its PATH); Debian's path, with a warning, when it has none. */
    private String interpreter(String name, Path root, Map<String, String> env) throws IOException {
        return ImageInterpreter.find(root, env).orElseGet(() -> {
            progress.accept("image " + name + ": warning: no python3 on the image's PATH ("
                    + env.getOrDefault("PATH", ImageInterpreter.DEFAULT_PATH) + "); its jobs will fail to start");
            return ImageManifest.DEFAULT_INTERPRETER;
        });
    }

    /** The image's variables a job may get; the sandbox sets PATH, HOME and the like itself. */
    private Map<String, String> usable(Map<String, String> env) {
        Map<String, String> kept = new TreeMap<>();
        env.forEach((k, v) -> {
            try {
                kept.putAll(ImageEnvironment.checked(Map.of(k, v)));
            } catch (IllegalArgumentException e) {
                progress.accept("image: leaving out the variable " + k + " (" + e.getMessage() + ")");
            }
        });
        return kept;
    }
}
