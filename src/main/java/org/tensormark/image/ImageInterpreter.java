package org.tensormark.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code python3} an imported image runs its programs with: the first one on the image's own
 * PATH, as a shell in the image would find it. Vendor PyTorch images keep theirs outside
 * {@code /usr/bin} ({@code /opt/conda/bin} in the conda-based images, a virtual environment's
 * {@code bin} in others), and their torch is installed for that interpreter only. Links are
 * followed inside the image's tree, never on the host.
 */
final class ImageInterpreter {

    /** The PATH of an image that sets none (Docker's default). */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final int MAX_LINKS = 40;

    private ImageInterpreter() {
    }

    /** The first {@code python3} on the image's PATH that is a file in its tree, as the path the image names it by. */
    static Optional<String> find(Path root, Map<String, String> imageEnvironment) throws IOException {
        for (String dir : imageEnvironment.getOrDefault("PATH", DEFAULT_PATH).split(":")) {
            if (!dir.startsWith("/")) {
                continue;
            }
            String candidate = (dir.endsWith("/") ? dir : dir + "/") + "python3";
            Optional<Path> file = resolve(root, candidate);
            if (file.isPresent() && Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(Path.of(candidate).normalize().toString());
            }
        }
        return Optional.empty();
    }

    /**
     * The file {@code path} names inside the tree, each link on the way read as the image would read
     * it (an absolute target starts again at the tree's root); empty when it leaves the tree, loops
     * or does not exist.
     */
    static Optional<Path> resolve(Path root, String path) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        Path at = root;
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                at = at.equals(root) ? root : at.getParent();
                continue;
            }
            Path next = at.resolve(part);
            if (Files.isSymbolicLink(next)) {
                if (++links > MAX_LINKS) {
                    return Optional.empty();
                }
                String target = Files.readSymbolicLink(next).toString();
                if (target.startsWith("/")) {
                    at = root;
                }
                push(todo, target);
            } else if (Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                at = next;
            } else {
                return Optional.empty();
            }
        }
        return at.startsWith(root) ? Optional.of(at) : Optional.empty();
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }
}
