package org.tensormark.reference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The DJL PyTorch engine, loaded fully offline: the native library comes from the
 * pytorch-native-cpu jar (or, on GPU workers, a local libtorch named by PYTORCH_LIBRARY_PATH) and
 * is extracted under the data directory. Nothing is ever downloaded.
 */
public final class ReferenceRuntime {

    static {
        System.setProperty("ai.djl.offline", "true");
        // Reference cases are small; PyTorch's default intra-op threads slow them down many-fold
        // on a busy machine, and callers already run cases in parallel.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        Path cache = Path.of(System.getProperty("tensormark.data-dir",
                System.getenv().getOrDefault("TENSORMARK_DATA_DIR", "data")), "djl").toAbsolutePath();
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", cache.toString());
        }
        if (System.getProperty("ENGINE_CACHE_DIR") == null && System.getenv("ENGINE_CACHE_DIR") == null) {
            System.setProperty("ENGINE_CACHE_DIR", cache.toString());
        }
    }

    private ReferenceRuntime() {
    }

    /** The PyTorch engine, loading its native library on first use. */
    public static Engine engine() {
        return Engine.getEngine("PyTorch");
    }

    /** A fresh manager; callers close it (try-with-resources) when their computation ends. */
    public static NDManager newManager() {
        return engine().newBaseManager();
    }

    /**
     * Runs {@code body} with a gradient collector, serialised across the JVM because DJL's
     * collector is global. The lock is the engine itself, not a field of this class: in tests and
     * dev mode this class is loaded once per class loader (a Quarkus app's and the plain tests'),
     * while DJL is loaded once, parent-first, so only the engine is the same object for all of
     * them. The body must not start another autograd computation.
     */
    public static <T> T withGradients(Function<GradientCollector, T> body) {
        Engine engine = engine();
        synchronized (engine) {
            try (GradientCollector collector = engine.newGradientCollector()) {
                return body.apply(collector);
            }
        }
    }
}
