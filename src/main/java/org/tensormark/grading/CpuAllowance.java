package org.tensormark.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The processors this process may use: the host's, capped by the CPU quota of its cgroup and of
 * every cgroup above it, as cgroup v2 ({@code cpu.max}) or v1 ({@code cpu.cfs_quota_us} over
 * {@code cpu.cfs_period_us}) writes it; a v1/v2 hybrid host has both, and the lower quota wins.
 * A container limited to 1.5 CPUs on a 16-core host may use 1.5, not 16.
 *
 * @param processors the processors the JVM sees
 * @param quota the lowest CPU quota found, in CPUs; empty when none is set
 */
record CpuAllowance(int processors, OptionalDouble quota) {

    /**
     * This process's allowance, read from {@code /proc/self/cgroup} and the hierarchies mounted at
     * {@code /sys/fs/cgroup}; a host without them has no quota.
     */
    static CpuAllowance ofThisProcess() {
        int processors = Runtime.getRuntime().availableProcessors();
        try {
            return read(Path.of("/sys/fs/cgroup"), Files.readString(Path.of("/proc/self/cgroup")), processors);
        } catch (IOException e) {
            return new CpuAllowance(processors, OptionalDouble.empty());
        }
    }

    /**
     * The allowance of a process whose {@code /proc/self/cgroup} reads {@code membership}, with the
     * cgroup hierarchies mounted under {@code cgroupFs}: v2 at {@code cgroupFs} itself or at
     * {@code cgroupFs/unified}, v1's cpu controller at {@code cgroupFs/cpu} or
     * {@code cgroupFs/cpu,cpuacct}.
     */
    static CpuAllowance read(Path cgroupFs, String membership, int processors) throws IOException {
        List<Double> quotas = new ArrayList<>();
        for (String line : membership.lines().toList()) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[1].isEmpty()) {
                for (Path v2 : List.of(cgroupFs, cgroupFs.resolve("unified"))) {
                    quotas.addAll(along(v2, f[2], CpuAllowance::v2Quota));
                }
            } else if (List.of(f[1].split(",")).contains("cpu")) {
                for (Path v1 : List.of(cgroupFs.resolve(f[1]), cgroupFs.resolve("cpu"))) {
                    quotas.addAll(along(v1, f[2], CpuAllowance::v1Quota));
                }
            }
        }
        return new CpuAllowance(processors, quotas.stream().mapToDouble(Double::doubleValue).min());
    }

    /** The CPUs to count on: the processors or the quota, whichever is lower, at least one. */
    int cpus() {
        double usable = Math.min(processors, quota.orElse(processors));
        return Math.max(1, (int) Math.floor(usable));
    }

    /**
     * The worker's slots when {@code tensormark.worker.slots} is not set: one per CPU, less one CPU
     * in eight left to the server, the database and the scorer (2 CPUs: 2 slots, 8: 7, 16: 14).
     * On 2 CPUs one slot leaves a CPU idle, since a sandboxed job's own quota holds it to every CPU
     * but one; measured on an idle 2-core machine (issue 12), two slots drained a spike of A1
     * hand-ins at 14.1 a minute against 9.3 with one. The server's share on small hosts is what
     * the kernel's fair scheduler gives its threads beside the jobs' capped cgroups.
     */
    int defaultSlots() {
        int cpus = cpus();
        return Math.max(1, cpus - cpus / 8);
    }

    /** A reader of one cgroup directory's quota, in CPUs, empty when it sets none. */
    @FunctionalInterface
    private interface QuotaReader {
        OptionalDouble read(Path dir) throws IOException;
    }

    /** The quotas set on the cgroup at {@code path} under {@code mount} and on every cgroup above it. */
    private static List<Double> along(Path mount, String path, QuotaReader reader) throws IOException {
        List<Double> found = new ArrayList<>();
        if (!Files.isDirectory(mount)) {
            return found;
        }
        Path dir = mount;
        List<Path> chain = new ArrayList<>(List.of(dir));
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals("..")) {
                dir = dir.resolve(part);
                chain.add(dir);
            }
        }
        for (Path d : chain) {
            reader.read(d).ifPresent(found::add);
        }
        return found;
    }

    private static OptionalDouble v2Quota(Path dir) throws IOException {
        Path max = dir.resolve("cpu.max");
        if (!Files.isRegularFile(max)) {
            return OptionalDouble.empty();
        }
        String[] f = Files.readString(max).trim().split("\\s+");
        if (f.length < 2 || f[0].equals("max")) {
            return OptionalDouble.empty();
        }
        return ratio(f[0], f[1]);
    }

    private static OptionalDouble v1Quota(Path dir) throws IOException {
        Path quota = dir.resolve("cpu.cfs_quota_us");
        Path period = dir.resolve("cpu.cfs_period_us");
        if (!Files.isRegularFile(quota) || !Files.isRegularFile(period)) {
            return OptionalDouble.empty();
        }
        return ratio(Files.readString(quota).trim(), Files.readString(period).trim());
    }

    /** quota / period when both are positive numbers; -1 (v1's "no quota") and anything unreadable give none. */
    private static OptionalDouble ratio(String quota, String period) {
        try {
            long q = Long.parseLong(quota);
            long p = Long.parseLong(period);
            return q > 0 && p > 0 ? OptionalDouble.of((double) q / p) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
