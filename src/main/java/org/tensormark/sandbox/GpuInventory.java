package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The GPUs of this host: one {@link GpuSlot} per {@code /dev/nvidiaN} when nvidia-smi is present
 * too, each lending its jobs the host's driver libraries. Empty on a machine without NVIDIA GPUs,
 * where jobs run on the CPU.
 */
public final class GpuInventory {

    private static final Pattern DEVICE = Pattern.compile("nvidia(\\d+)");

    private final List<GpuSlot> slots;

    private GpuInventory(List<GpuSlot> slots) {
        this.slots = slots;
    }

    /** Detects the GPUs under /dev with nvidia-smi ({@link #nvidiaSmi}), and the driver libraries in the linker cache. */
    public static GpuInventory detect() throws IOException {
        Path nvidiaSmi = nvidiaSmi(System.getenv().getOrDefault("PATH", ""));
        GpuInventory found = detect(Path.of("/dev"), nvidiaSmi, DriverLibraries.none());
        return found.isEmpty() ? found : detect(Path.of("/dev"), nvidiaSmi, DriverLibraries.detect());
    }

    /**
     * The driver's nvidia-smi: /usr/bin/nvidia-smi where the driver's installer and the NVIDIA
     * container toolkit put it, else the first on {@code path} (hosts that keep the driver in a
     * folder of its own, such as /usr/local/nvidia/bin); /usr/bin/nvidia-smi when there is none.
     */
    static Path nvidiaSmi(String path) {
        Path standard = Path.of("/usr/bin/nvidia-smi");
        if (Files.isExecutable(standard)) {
            return standard;
        }
        for (String dir : path.split(":")) {
            if (dir.startsWith("/") && Files.isExecutable(Path.of(dir, "nvidia-smi"))) {
                return Path.of(dir, "nvidia-smi");
            }
        }
        return standard;
    }

    /**
     * Detects the GPUs under {@code devRoot}, whose jobs get {@code driver}; none when
     * {@code nvidiaSmi} is not an executable.
     */
    public static GpuInventory detect(Path devRoot, Path nvidiaSmi, DriverLibraries driver) throws IOException {
        if (!Files.isExecutable(nvidiaSmi) || !Files.isDirectory(devRoot)) {
            return new GpuInventory(List.of());
        }
        try (Stream<Path> entries = Files.list(devRoot)) {
            List<GpuSlot> slots = entries
                    .map(p -> DEVICE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted(Comparator.naturalOrder())
                    .map(i -> new GpuSlot(i, devRoot, args -> GpuSlot.runNvidiaSmi(nvidiaSmi, args), driver))
                    .toList();
            return new GpuInventory(slots);
        }
    }

    /** One slot per GPU, by device index. */
    public List<GpuSlot> slots() {
        return slots;
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }
}
