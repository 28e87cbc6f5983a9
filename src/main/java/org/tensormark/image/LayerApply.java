package org.tensormark.image;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies one image layer to a tree as the OCI image spec says: first its whiteouts remove what
 * lower layers put there ({@code .wh.<name>} one entry, {@code .wh..wh..opq} a folder's whole
 * content), then its entries are written. Only folders, regular files, links inside the tree and
 * hard links to files already in it are made; device files and fifos are skipped, set-id bits
 * dropped, and an entry with an absolute or {@code ..} name, or one written through a link, refuses
 * the whole import ({@link LayerPaths}).
 */
final class LayerApply {

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private int skipped;

    /** Device files and fifos left out so far. */
    int skipped() {
        return skipped;
    }

    void apply(Path layer, Path root) throws IOException {
        try (TarArchiveInputStream tar = LayerArchive.read(layer)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null;) {
                String name = LayerPaths.relative(e.getName());
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (base.equals(OPAQUE)) {
                    clear(LayerPaths.inside(root, name).getParent());
                } else if (base.startsWith(WHITEOUT)) {
                    String hidden = base.substring(WHITEOUT.length());
                    if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
                        throw new IllegalArgumentException("refused: the whiteout '" + name + "' names no entry");
                    }
                    ImageStore.delete(LayerPaths.inside(root, name).getParent().resolve(hidden));
                }
            }
        }
        try (TarArchiveInputStream tar = LayerArchive.read(layer)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null;) {
                String name = LayerPaths.relative(e.getName());
                if (!name.equals(".") && !name.substring(name.lastIndexOf('/') + 1).startsWith(WHITEOUT)) {
                    write(tar, e, root, name);
                }
            }
        }
    }

    private void write(TarArchiveInputStream tar, TarArchiveEntry e, Path root, String name) throws IOException {
        Path target = LayerPaths.inside(root, name);
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            skipped++;
            return;
        }
        Files.createDirectories(target.getParent());
        if (e.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                ImageStore.delete(target);
                Files.createDirectory(target);
            }
            Files.setPosixFilePermissions(target, mode(e.getMode()));
            return;
        }
        ImageStore.delete(target);
        if (e.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
            Path source = LayerPaths.inside(root, e.getLinkName());
            if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("refused: the hard link '" + name + "' names '" + e.getLinkName()
                        + "', which is not a file of the image");
            }
            Files.createLink(target, source);
        } else {
            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, mode(e.getMode()));
        }
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                ImageStore.delete(entry);
            }
        }
    }

    /** The permission bits of a tar mode, set-id and sticky bits dropped. */
    static Set<PosixFilePermission> mode(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                set.add(all[i]);
            }
        }
        return set;
    }
}
