package org.tensormark.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The path rules of image layers: plain relative names only, and no step through a link. */
final class LayerPaths {

    private LayerPaths() {
    }

    /** {@code name} without a leading "./", refused when absolute, empty after that, or holding "..". */
    static String relative(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.equals(".")) {
            return ".";
        }
        if (n.startsWith("/") || n.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("refused: the layer entry '" + name + "' is an absolute path");
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("refused: the layer entry '" + name + "' leaves the image with '..'");
            }
        }
        return n;
    }

    /** As {@link #inside}, null where the path goes through a link or a file. */
    static Path insideOrNull(Path root, String name) throws IOException {
        try {
            return inside(root, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * {@code root/name}, after checking that no folder on the way is a link (a layer could make
     * one point at the host's / and then write through it).
     */
    static Path inside(Path root, String name) throws IOException {
        Path target = root.resolve(relative(name)).normalize();
        if (!target.startsWith(root)) {
            throw new IllegalArgumentException("refused: the layer entry '" + name + "' leaves the image");
        }
        for (Path p = target.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new IllegalArgumentException("refused: the layer entry '" + name + "' goes through the link "
                        + root.relativize(p));
            }
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("refused: the layer entry '" + name + "' goes through the file "
                        + root.relativize(p));
            }
        }
        return target;
    }
}
