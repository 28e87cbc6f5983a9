package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Npz;
import org.tensormark.tensor.NpzLimits;
import org.tensormark.tensor.Tensor;

/**
 * Proves the reference runtime needs no network: a child JVM in a network namespace without
 * interfaces ({@code unshare -n}, we run as root) loads the PyTorch engine and computes a matmul.
 */
class OfflineReferenceTest {

    private static final Path UNSHARE = Path.of("/usr/bin/unshare");

    /** Runs in the child JVM: reports the network it sees, computes, writes args[0]. */
    static final class Child {

        public static void main(String[] args) throws IOException {
            List<String> up = interfacesUp();
            System.out.println("interfaces up: " + (up.isEmpty() ? "none" : String.join(", ", up)));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("1.1.1.1", 443), 2000);
                System.out.println("network: reachable");
            } catch (IOException e) {
                System.out.println("network: unreachable (" + e.getMessage() + ")");
            }
            try (NDManager manager = ReferenceRuntime.newManager()) {
                NDArray a = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
                NDArray b = manager.create(new float[] {1, 0, 0, 1, 1, 1}, new Shape(3, 2));
                float[] c = a.matMul(b).toFloatArray();
                double[] values = new double[c.length];
                for (int i = 0; i < c.length; i++) {
                    values[i] = c[i];
                }
                Npz.write(Path.of(args[0]), Map.of("c", Tensor.of(DType.FLOAT32, new long[] {2, 2}, values)));
            }
            System.out.println("engine: " + ReferenceRuntime.engine().getEngineName() + " "
                    + ReferenceRuntime.engine().getVersion());
        }

        private static List<String> interfacesUp() {
            try {
                return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                        .filter(Child::isUp).map(NetworkInterface::getName).collect(Collectors.toList());
            } catch (SocketException e) {
                return List.of();
            }
        }

        private static boolean isUp(NetworkInterface nic) {
            try {
                return nic.isUp();
            } catch (IOException e) {
                return false;
            }
        }
    }

    @Test
    void theEngineLoadsAndComputesInANetworkNamespaceWithoutInterfaces() throws Exception {
        if (!Files.isExecutable(UNSHARE)) {
            fail(UNSHARE + " is missing: install util-linux; this test needs it to cut the network");
        }
        Path work = Path.of("target", "offline-reference").toAbsolutePath();
        Files.createDirectories(work);
        Path result = work.resolve("matmul.npz");
        Files.deleteIfExists(result);
        Path cache = Path.of("target", "djl-cache").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(UNSHARE.toString(), "-n", java, "-Xmx512m",
                "-Dai.djl.offline=true", "-DDJL_CACHE_DIR=" + cache, "-DENGINE_CACHE_DIR=" + cache,
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), result.toString())
                .redirectErrorStream(true).start();
        if (!child.waitFor(300, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            fail("the offline child JVM ran for over 300 s");
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("interfaces up: none"), output);
        assertTrue(output.contains("network: unreachable"), output);
        assertTrue(output.contains("engine: PyTorch"), output);
        Tensor c = Npz.read(result, NpzLimits.DEFAULT).get("c");
        assertArrayEquals(new long[] {2, 2}, c.shape());
        assertArrayEquals(new double[] {4, 5, 10, 11}, c.values());
    }
}
