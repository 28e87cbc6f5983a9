package org.tensormark.image;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code tensormark image build|import|list|remove}: the grading images of this host's store
 * ({@link ImageStore#local()}). Building needs mmdebstrap and root (or a user with subuids).
 */
public final class ImageCommand {

    private static final String USAGE = "usage: tensormark image build <name> | ensure <name> | import <name> <archive.tar>"
            + " | list | remove <name>";

    private ImageCommand() {
    }

    public static int run(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException(USAGE);
        }
        ImageStore store = ImageStore.local();
        switch (args[0]) {
            case "build" -> {
                need(args, 2);
                new ImageBuild(store, System.out::println).build(args[1], Path.of("images"));
            }
            case "ensure" -> {
                need(args, 2);
                System.out.println("grading image " + ensure(store, args[1], System.out::println).manifest().summary());
            }
            case "import" -> {
                need(args, 3);
                new ImageImport(store, System.out::println).load(args[1], Path.of(args[2]));
            }
            case "list" -> {
                System.out.println("images in " + store.dir() + ":");
                for (ImageStore.InstalledImage image : store.list()) {
                    System.out.println("  " + image.manifest().summary() + "  (" + image.manifest().source() + ", "
                            + image.manifest().created() + ")");
                }
            }
            case "remove" -> {
                need(args, 2);
                if (!store.remove(args[1])) {
                    System.err.println("no image named " + args[1] + " in " + store.dir());
                    return 1;
                }
                System.out.println("removed " + args[1]);
            }
            default -> throw new IllegalArgumentException(USAGE);
        }
        return 0;
    }

    /**
     * The image a name stands for, building it from {@code images/<name>.yaml} first when it is
     * missing; processes ensuring at once wait for one build.
     */
    public static ImageStore.InstalledImage ensure(ImageStore store, String name, Consumer<String> progress)
            throws Exception {
        Optional<ImageStore.InstalledImage> found = store.find(name);
        if (found.isPresent()) {
            return found.get();
        }
        Files.createDirectories(store.dir());
        try (FileChannel lock = FileChannel.open(store.dir().resolve("build.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            found = store.find(name);
            if (found.isPresent()) {
                return found.get();
            }
            progress.accept("grading image " + name + " is not in " + store.dir() + "; building it (a few minutes, once)");
            return new ImageBuild(store, progress).build(name, Path.of("images"));
        }
    }

    private static void need(String[] args, int n) {
        if (args.length != n) {
            throw new IllegalArgumentException(USAGE);
        }
    }
}
