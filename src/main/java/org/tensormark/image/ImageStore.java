package org.tensormark.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The grading images of this host, by content digest:
 * {@code <store>/sha256-<hex>/root/} (the tree) and {@code manifest.json}, {@code names/<name>}
 * (the digest a name stands for) and {@code tmp/} for builds in progress. A tree enters the store
 * only complete (built in tmp/, then renamed), and a name moves to a new digest in one rename.
 *
 * <p>One store serves every data directory of a host (trees are 1-2 GB and shared safely by
 * digest): {@code tensormark.images} (system property) or {@code TENSORMARK_IMAGES}, else
 * {@code /var/cache/tensormark/images} as root and {@code ~/.cache/tensormark/images} otherwise.
 */
public final class ImageStore {

    /** The image every assignment runs in unless its assignment.yaml names another. */
    public static final String COURSE_IMAGE = "course-cpu";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    public ImageStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The store of this host as described above. */
    public static ImageStore local() {
        String configured = System.getProperty("tensormark.images", System.getenv("TENSORMARK_IMAGES"));
        if (configured != null && !configured.isBlank()) {
            return new ImageStore(Path.of(configured));
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return new ImageStore(Path.of("/var/cache/tensormark/images"));
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return new ImageStore(base.resolve("tensormark/images"));
    }

    public Path dir() {
        return dir;
    }

    /** The image a name stands for, if it is installed. */
    public Optional<InstalledImage> find(String name) throws IOException {
        Path pointer = dir.resolve("names").resolve(ImageManifest.checkName(name));
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        Path image = dir.resolve(Files.readString(pointer).trim());
        Path manifest = image.resolve("manifest.json");
        if (!Files.isRegularFile(manifest) || !Files.isDirectory(image.resolve("root"))) {
            return Optional.empty();
        }
        return Optional.of(new InstalledImage(JSON.readValue(manifest.toFile(), ImageManifest.class), image.resolve("root")));
    }

    /** Every named image, by name. */
    public List<InstalledImage> list() throws IOException {
        List<InstalledImage> images = new ArrayList<>();
        Path names = dir.resolve("names");
        if (Files.isDirectory(names)) {
            try (DirectoryStream<Path> all = Files.newDirectoryStream(names)) {
                for (Path name : all) {
                    find(name.getFileName().toString()).ifPresent(images::add);
                }
            }
        }
        images.sort((a, b) -> a.manifest().name().compareTo(b.manifest().name()));
        return images;
    }

    /** The names of the images installed here, which a worker on this host can run jobs in. */
    public List<String> names() {
        try {
            return list().stream().map(i -> i.manifest().name()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A fresh, empty folder under tmp/ for a build or import to fill. */
    Path workspace() throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        return Files.createDirectory(tmp.resolve("work-" + UUID.randomUUID()));
    }

    /**
     * Moves {@code workspace/root} into the store under its digest (dropping it when that digest
     * is already there), writes the manifest and points the manifest's name at it.
     */
    InstalledImage install(Path workspace, ImageManifest manifest) throws IOException {
        Path image = dir.resolve("sha256-" + manifest.hex());
        if (Files.isDirectory(image.resolve("root"))) {
            delete(workspace);
        } else {
            Files.writeString(workspace.resolve("manifest.json"), JSON.writeValueAsString(manifest));
            Files.move(workspace, image, StandardCopyOption.ATOMIC_MOVE);
        }
        Path names = Files.createDirectories(dir.resolve("names"));
        Path pointer = names.resolve("." + manifest.name() + "-" + UUID.randomUUID());
        Files.writeString(pointer, image.getFileName().toString() + "\n");
        Files.move(pointer, names.resolve(manifest.name()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return find(manifest.name()).orElseThrow();
    }

    /** Removes a name, and its tree when no other name stands for it; false when there was no such name. */
    public boolean remove(String name) throws IOException {
        Optional<InstalledImage> image = find(name);
        Path pointer = dir.resolve("names").resolve(name);
        if (!Files.deleteIfExists(pointer) || image.isEmpty()) {
            return image.isPresent();
        }
        String digest = image.get().manifest().digest();
        for (InstalledImage other : list()) {
            if (other.manifest().digest().equals(digest)) {
                return true;
            }
        }
        delete(image.get().root().getParent());
        return true;
    }

    /** Deletes a tree without following any link in it. */
    static void delete(Path tree) throws IOException {
        if (!Files.exists(tree, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** An installed image: its manifest and its read-only tree. */
    public record InstalledImage(ImageManifest manifest, Path root) {
    }
}
