package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensormark.image.ImageStore;

/**
 * {@code gpu-check} without a GPU: a host without one says so, and a fake GPU (device nodes and an
 * nvidia-smi made here) runs the probe in the course image for real, where torch has no CUDA, and
 * fails naming what the job saw. The passing case needs a real GPU (README, "GPUs").
 */
class GpuCheckTest {

    private static JobBench bench;

    @BeforeAll
    static void bench() throws Exception {
        bench = new JobBench();
    }

    @AfterAll
    static void close() throws Exception {
        bench.close();
        JobBench.assertHostClean();
    }

    @Test
    void aHostWithoutAnNvidiaGpuSaysSoAndFails() throws Exception {
        GpuInventory none = GpuInventory.detect(fakeDev(), bench.root().resolve("no-nvidia-smi"), DriverLibraries.none());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int code = check(none, printed).run(ImageStore.COURSE_IMAGE);

        assertEquals(1, code);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("no NVIDIA GPU on this host"), printed.toString());
    }

    @Test
    void aGpuWhoseJobsImageHasNoCudaTorchFailsSayingWhatTheJobSaw() throws Exception {
        GpuInventory fake = GpuInventory.detect(fakeDev(), fakeNvidiaSmi(), DriverLibraries.none());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int code = check(fake, printed).run(ImageStore.COURSE_IMAGE);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, text);
        assertTrue(text.contains("GPU 0: Fake GPU, 550.54.15, 16384 MiB; driver libraries bound into its jobs: none"), text);
        assertTrue(text.contains("GPU 0: the sandbox ran in "), text);
        assertTrue(text.contains("GPU 0: the job saw no CUDA: cpu (torch 2.6.0"), "the harness's device report: " + text);
        assertTrue(text.contains("GPU 0: matmul failed: AssertionError: Torch not compiled with CUDA enabled"), text);
        assertTrue(text.contains("GPU 0: after the job: GPU 0 idle"), text);
        assertTrue(text.contains("gpu-check: 0 of 1 GPU(s) passed"), text);
    }

    @Test
    void theValuesTheProbeIsComparedWithAreComputedHere() {
        assertEquals("[1.0, 5.5, 4.0, 9.25, 9.0, 0.0, 0.0, 3.25]",
                java.util.Arrays.toString(GpuCheck.expectedMatmul().values()));
        assertEquals("[-3.5, -4.0, -4.5, -5.0, -5.5, -6.0]", java.util.Arrays.toString(GpuCheck.expectedConv().values()));
    }

    private static GpuCheck check(GpuInventory gpus, ByteArrayOutputStream printed) {
        return new GpuCheck(gpus, bench.sandbox, ImageStore.local(), JobBench.HARNESS,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    /** An nvidia-smi that knows one idle GPU. */
    private static Path fakeNvidiaSmi() throws Exception {
        Path smi = bench.root().resolve("nvidia-smi");
        Files.writeString(smi, """
                #!/bin/sh
                case "$*" in
                  *compute-apps*) ;;
                  *memory.used*) echo 3 ;;
                  *) echo "Fake GPU, 550.54.15, 16384 MiB" ;;
                esac
                """);
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return smi;
    }

    private static Path fakeDev() throws Exception {
        return bench.fakeNvidiaDevices(1);
    }
}
