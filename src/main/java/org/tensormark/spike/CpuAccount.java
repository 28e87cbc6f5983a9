package org.tensormark.spike;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the host's CPU time went between two readings, from /proc: this JVM by kind of thread
 * (compilers, garbage collector, worker slots, the rest), the processes it started and waited
 * for (the sandboxes among them), and PostgreSQL (its postmaster, its backends and the backends
 * that ended). Times are clock ticks of 1/100 s, Linux's USER_HZ on every mainstream platform.
 */
final class CpuAccount {

    private static final double TICKS_PER_SECOND = 100;

    /**
     * CPU seconds per account at one moment, and per thread of this JVM ({@code tid kind}): a thread
     * that ends takes its time out of a sum by kind (the JVM ends idle compiler threads), so the
     * kinds are summed from the threads both readings hold or that began in between.
     */
    record Reading(Map<String, Double> seconds, Map<String, Double> threads) {

        /** What each account used from {@code earlier} to this reading; a thread that ended counts as the JVM's other threads. */
        Map<String, Double> since(Reading earlier) {
            Map<String, Double> used = new LinkedHashMap<>();
            seconds.forEach((k, v) -> used.put(k, v - earlier.seconds.getOrDefault(k, 0.0)));
            Map<String, Double> kinds = new LinkedHashMap<>();
            threads.forEach((thread, v) -> kinds.merge("jvm " + thread.substring(thread.indexOf(' ') + 1),
                    v - earlier.threads.getOrDefault(thread, 0.0), Double::sum));
            double named = kinds.entrySet().stream().filter(e -> !e.getKey().equals(OTHER))
                    .mapToDouble(Map.Entry::getValue).sum();
            kinds.put(OTHER, used.getOrDefault("jvm", 0.0) - named);
            used.putAll(kinds);
            return used;
        }
    }

    private static final String OTHER = "jvm other threads";

    private CpuAccount() {
    }

    /**
     * Reads the accounts now.
     *
     * @param postmaster the pid of the PostgreSQL postmaster this platform uses, or 0 when it is not on this host
     */
    static Reading read(long postmaster) throws IOException {
        Map<String, Double> s = new LinkedHashMap<>();
        long[] self = stat(Path.of("/proc/self"));
        s.put("jvm", seconds(self[0] + self[1]));
        s.put("jvm children", seconds(self[2] + self[3]));
        Map<String, Double> threads = new LinkedHashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                long[] t = stat(task);
                if (t != null) {
                    threads.put(task.getFileName() + " " + threadKind(Files.readString(task.resolve("comm")).trim()),
                            seconds(t[0] + t[1]));
                }
            }
        } catch (IOException e) {
            // a thread that ended while it was read: its time shows as the JVM's other threads
        }
        s.put("postgresql", seconds(postmaster > 0 ? treeTicks(postmaster) : 0));
        long[] host = HostCpu.ticks();
        s.put("host busy", seconds(host[0] + host[1] + host[2] + host[5] + host[6] + host[7]));
        return new Reading(s, threads);
    }

    /** The kind of a JVM thread, by the name the JVM gave its native thread (15 characters at most). */
    static String threadKind(String comm) {
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "compiler";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "gc";
        }
        if (comm.startsWith("tensormark-work")) {
            return "worker slots";
        }
        return "other threads";
    }

    /** A process's own time and the time of its live children and of the children it waited for. */
    private static long treeTicks(long pid) throws IOException {
        long[] p = stat(Path.of("/proc/" + pid));
        if (p == null) {
            return 0;
        }
        long ticks = p[0] + p[1] + p[2] + p[3];
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                long[] c = stat(proc);
                if (c != null && c[4] == pid) {
                    ticks += c[0] + c[1] + c[2] + c[3];
                }
            }
        }
        return ticks;
    }

    /** utime, stime, cutime, cstime and the parent pid of /proc/<pid>/stat; null when the process is gone. */
    private static long[] stat(Path dir) {
        String line;
        try {
            line = Files.readString(dir.resolve("stat"));
        } catch (IOException e) {
            return null;
        }
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]),
                Long.parseLong(f[1])};
    }

    private static double seconds(long ticks) {
        return ticks / TICKS_PER_SECOND;
    }
}
