package org.tensormark.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code tensormark container-image build [--out DIR] [--name REPOSITORY:TAG] [--base-cache DIR]}:
 * writes the TensorMark container image (server and worker: the argument chooses) as an OCI
 * archive without a Docker engine or a registry. The base layer is a Debian root made by
 * mmdebstrap (cached); the application layer is this checkout's build under /opt/tensormark.
 * Run from the repository root after {@code ./mvnw package}.
 */
public final class ContainerImageCommand {

    static final String USAGE = "usage: tensormark container-image build [--out DIR, default target/images]"
            + " [--name REPOSITORY:TAG, default docker.io/tensormark/tensormark:latest] [--base-cache DIR]";

    /** What the application layer holds, relative to the repository root. */
    static final List<String> APPLICATION = List.of("bin/tensormark", "target/quarkus-app", "graders/python",
            "assignments", "images");

    private ContainerImageCommand() {
    }

    public static int run(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("build")) {
            throw new IllegalArgumentException(USAGE);
        }
        Path out = Path.of("target/images");
        String name = "docker.io/tensormark/tensormark:latest";
        Path cache = defaultCache();
        for (int i = 1; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(USAGE);
            }
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--name" -> name = args[++i];
                case "--base-cache" -> cache = Path.of(args[++i]);
                default -> throw new IllegalArgumentException(USAGE);
            }
        }
        int colon = name.lastIndexOf(':');
        if (colon <= name.lastIndexOf('/') || colon == name.length() - 1) {
            throw new IllegalArgumentException("--name needs REPOSITORY:TAG, got " + name);
        }
        Built built = build(Path.of("."), out, ImageConfig.tensormark(name.substring(0, colon), name.substring(colon + 1)),
                cache, System.out::println);
        System.out.printf("wrote %s (%s, %.0f MB) in %d s%n", built.archive(), built.manifestDigest(),
                Files.size(built.archive()) / 1e6, built.took().toSeconds());
        System.out.println("load it with: skopeo copy oci-archive:" + built.archive() + " docker://<registry>/tensormark:<tag>"
                + "  (or podman load -i, docker load -i, ctr -n k8s.io images import)");
        return 0;
    }

    /**
     * The archive and the digest of its manifest.
     *
     * @param archive {@code <out>/tensormark.oci.tar}
     * @param manifestDigest the image's digest, as a registry will report it
     * @param took how long the build took
     */
    record Built(Path archive, String manifestDigest, Duration took) {
    }

    static Built build(Path repository, Path out, ImageConfig config, Path baseCache, Consumer<String> progress)
            throws IOException, InterruptedException {
        Instant start = Instant.now();
        Path baseTar = BaseLayer.ensure(baseCache, progress);
        Files.createDirectories(out);
        Path blobs = Files.createTempDirectory(out, ".blobs-");
        try {
            List<Layer> layers = new ArrayList<>();
            progress.accept("base layer: compressing " + baseTar);
            layers.add(Layer.compress(baseTar, blobs.resolve("base")).namedByDigest());
            progress.accept("application layer: " + String.join(", ", APPLICATION));
            layers.add(Layer.ofFiles(repository, APPLICATION, "opt/tensormark", blobs.resolve("app")).namedByDigest());
            Path archive = out.resolve("tensormark.oci.tar");
            String digest = OciArchive.write(archive, blobs, layers, config);
            return new Built(archive, digest, Duration.between(start, Instant.now()));
        } finally {
            try (Stream<Path> walk = Files.walk(blobs)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Path defaultCache() {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/cache/tensormark/container-base");
        }
        return Path.of(System.getProperty("user.home"), ".cache/tensormark/container-base");
    }
}
