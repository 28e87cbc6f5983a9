package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuInventoryTest {

    @TempDir
    Path dir;

    @Test
    void eachNvidiaDeviceNodeBecomesASlotWhenNvidiaSmiIsPresent() throws Exception {
        Path dev = Files.createDirectories(dir.resolve("dev"));
        for (String node : List.of("nvidia1", "nvidia0", "nvidiactl", "nvidia-uvm", "nvidia-modeset", "null")) {
            Files.createFile(dev.resolve(node));
        }
        GpuInventory inventory = GpuInventory.detect(dev, fakeNvidiaSmi(), DriverLibraries.none());
        assertEquals(List.of(0, 1), inventory.slots().stream().map(GpuSlot::index).toList());
    }

    @Test
    void aMachineWithoutNvidiaSmiOrDevicesHasNoGpus() throws Exception {
        Path dev = Files.createDirectories(dir.resolve("dev"));
        Files.createFile(dev.resolve("nvidia0"));
        assertTrue(GpuInventory.detect(dev, dir.resolve("missing-nvidia-smi"), DriverLibraries.none()).isEmpty());
        assertTrue(GpuInventory.detect(Files.createDirectories(dir.resolve("empty")), fakeNvidiaSmi(), DriverLibraries.none()).isEmpty());
        assertTrue(GpuInventory.detect().isEmpty() || Files.exists(Path.of("/dev/nvidia0")));
    }

    @Test
    void nvidiaSmiOutsideUsrBinIsFoundOnThePath() throws Exception {
        Path smi = fakeNvidiaSmi();
        String path = "relative/bin:" + dir.resolve("empty-bin") + ":" + smi.getParent();
        Path found = GpuInventory.nvidiaSmi(path);
        assertEquals(Files.isExecutable(Path.of("/usr/bin/nvidia-smi")) ? Path.of("/usr/bin/nvidia-smi") : smi, found);
        assertEquals(Path.of("/usr/bin/nvidia-smi"), GpuInventory.nvidiaSmi(dir.resolve("empty-bin").toString()),
                "none on the path: the standard place, where detection then finds no GPU");
    }

    @Test
    void aSlotBindsItsOwnDeviceAndTheSharedNodesAndShowsAsDeviceZero() {
        GpuSlot slot = new GpuSlot(3, Path.of("/dev"), args -> "");
        List<String> args = slot.bwrapArguments();
        assertTrue(String.join(" ", args).contains("--dev-bind-try /dev/nvidia3 /dev/nvidia3"), args.toString());
        assertTrue(String.join(" ", args).contains("--dev-bind-try /dev/nvidiactl /dev/nvidiactl"));
        assertTrue(String.join(" ", args).contains("--dev-bind-try /dev/nvidia-uvm /dev/nvidia-uvm"));
        assertFalse(String.join(" ", args).contains("nvidia0"), "no other GPU is bound");
        Map<String, String> env = BwrapArguments.environment(SystemRoot.HOST, SandboxLimits.defaults(), slot);
        assertEquals("0", env.get("CUDA_VISIBLE_DEVICES"));
        assertTrue(env.get("CUDA_CACHE_PATH").startsWith("/tmp/"));
    }

    @Test
    void withoutAGpuTheJobSeesNoCudaDevice() {
        assertEquals("", BwrapArguments.environment(SystemRoot.HOST, SandboxLimits.defaults(), null).get("CUDA_VISIBLE_DEVICES"));
    }

    @Test
    void anIdleGpuPassesTheCheckAndABusyOneIsDrainedAndReported() {
        List<List<String>> asked = new ArrayList<>();
        GpuSlot idle = new GpuSlot(0, Path.of("/dev"), args -> {
            asked.add(args);
            return args.get(2).contains("compute-apps") ? "" : "3\n";
        });
        assertTrue(idle.checkIdle(2, 8).idle());
        assertEquals(List.of("-i", "0", "--query-compute-apps=pid", "--format=csv,noheader,nounits"), asked.get(0));
        GpuSlot busy = new GpuSlot(1, Path.of("/dev"), args -> args.get(2).contains("compute-apps") ? "999999999\n" : "5000\n");
        GpuSlot.GpuIdleCheck check = busy.checkIdle(2, 8);
        assertFalse(check.idle());
        assertEquals(List.of(999999999L), check.drainedPids());
        assertTrue(check.report().contains("5000 MiB against baseline 2 MiB"), check.report());
    }

    private Path fakeNvidiaSmi() throws Exception {
        Path smi = Files.writeString(dir.resolve("nvidia-smi"), "#!/bin/sh\necho 0\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return smi;
    }
}
