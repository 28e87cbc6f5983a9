package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the host's NVIDIA driver libraries in the linker cache, as the NVIDIA container toolkit does. */
class DriverLibrariesTest {

    @TempDir
    Path dir;

    @Test
    void theLinkerCacheListsEveryLibraryWithItsFlagsAndPathAndNothingOfTheHeaderOrFooter() throws Exception {
        List<LdCache.Entry> cache = LdCache.parse(JobBench.resource("ldconfig-p-gpu-host.txt"));
        assertEquals(24, cache.size());
        assertEquals(new LdCache.Entry("libzstd.so.1", "libc6,x86-64", Path.of("/lib/x86_64-linux-gnu/libzstd.so.1")),
                cache.get(0));
        LdCache.Entry libc = cache.stream().filter(e -> e.name().equals("libc.so.6")).findFirst().orElseThrow();
        assertTrue(libc.isFor("x86-64"), "an OS ABI note does not hide the architecture: " + libc);
        LdCache.Entry i386 = cache.stream().filter(e -> e.path().toString().contains("i386")).findFirst().orElseThrow();
        assertFalse(i386.isFor("x86-64"), i386.toString());
    }

    @Test
    void theToolkitsLibrariesAreFoundForThisArchitectureOnlyWithTheLinkersFirstChoiceBehindItsLinks() throws Exception {
        List<LdCache.Entry> cache = LdCache.parse(JobBench.resource("ldconfig-p-gpu-host.txt")
                .replace(" /lib/", " " + dir + "/lib/").replace(" /usr/", " " + dir + "/usr/"));
        for (LdCache.Entry entry : cache) {
            Files.createDirectories(entry.path().getParent());
            Files.writeString(entry.path(), entry.path().toString());
        }
        Path real = dir.resolve("lib/x86_64-linux-gnu/libcuda.so.550.54.15");
        Files.writeString(real, "libcuda 550");
        Path soname = dir.resolve("lib/x86_64-linux-gnu/libcuda.so.1");
        Files.delete(soname);
        Files.createSymbolicLink(soname, real.getFileName());

        DriverLibraries driver = DriverLibraries.of(cache, "x86-64");

        assertEquals(Set.of("libnvidia-ptxjitcompiler.so.1", "libnvidia-opencl.so.1", "libnvidia-nvvm.so.4",
                "libnvidia-nvvm.so", "libnvidia-ml.so.1", "libnvidia-ml.so", "libnvidia-gpucomp.so.550.54.15",
                "libnvidia-cfg.so.1", "libnvidia-allocator.so.1", "libcudadebugger.so.1", "libcuda.so.1", "libcuda.so"),
                driver.byName().keySet(), "no runtime (libcudart), graphics, video or 32-bit library");
        assertEquals(real.toRealPath(), driver.byName().get("libcuda.so.1"), "the host's driver, not the CUDA compat copy");
        assertEquals(dir.resolve("lib/x86_64-linux-gnu/libnvidia-ml.so.1").toRealPath(), driver.byName().get("libnvidia-ml.so.1"));
    }

    @Test
    void anEntryWhoseFileIsGoneIsLeftOut() throws Exception {
        Path present = Files.writeString(dir.resolve("libnvidia-ml.so.1"), "nvml");
        List<LdCache.Entry> cache = List.of(new LdCache.Entry("libcuda.so.1", "libc6,x86-64", dir.resolve("libcuda.so.1")),
                new LdCache.Entry("libnvidia-ml.so.1", "libc6,x86-64", present));
        assertEquals(Set.of("libnvidia-ml.so.1"), DriverLibraries.of(cache, "x86-64").byName().keySet());
    }

    @Test
    void eachLibraryIsBoundReadOnlyIntoASmallTmpfsThatIsMadeReadOnlyAfterwards() throws Exception {
        Path cuda = Files.writeString(dir.resolve("libcuda.so.550"), "cuda");
        DriverLibraries driver = DriverLibraries.of(List.of(
                new LdCache.Entry("libcuda.so.1", "libc6,x86-64", cuda)), "x86-64");
        assertEquals(List.of("--size", "65536", "--tmpfs", "/usr/local/nvidia/lib64",
                "--ro-bind", cuda.toRealPath().toString(), "/usr/local/nvidia/lib64/libcuda.so.1",
                "--remount-ro", "/usr/local/nvidia/lib64"), driver.bwrapArguments());
        assertEquals(List.of(), DriverLibraries.none().bwrapArguments());
    }

    @Test
    void aGpuJobInAnImageFindsTheLibrariesFirstOnItsLibraryPathButOnTheHostSystemItUsesTheHostsOwn() throws Exception {
        Path cuda = Files.writeString(dir.resolve("libcuda.so.550"), "cuda");
        GpuSlot slot = new GpuSlot(0, Path.of("/dev"), args -> "",
                DriverLibraries.of(List.of(new LdCache.Entry("libcuda.so.1", "libc6,x86-64", cuda)), "x86-64"));
        SystemRoot image = new SystemRoot("cuda", "sha256:1", dir, Map.of(), "/usr/bin/python3");
        assertEquals("/usr/local/nvidia/lib64", BwrapArguments.environment(image, SandboxLimits.defaults(), slot)
                .get("LD_LIBRARY_PATH"));
        assertFalse(BwrapArguments.environment(SystemRoot.HOST, SandboxLimits.defaults(), slot).containsKey("LD_LIBRARY_PATH"));
        assertFalse(BwrapArguments.environment(image, SandboxLimits.defaults(), null).containsKey("LD_LIBRARY_PATH"));
    }
}
