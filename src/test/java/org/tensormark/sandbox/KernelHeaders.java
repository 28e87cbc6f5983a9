package org.tensormark.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Constants of the Linux UAPI headers that Debian's linux-libc-dev installs (bin/setup-os installs
 * it): a source of syscall numbers and flags independent of the tables the sandbox carries.
 */
final class KernelHeaders {

    static final Path UNISTD_64 = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
    static final Path IOCTLS = Path.of("/usr/include/asm-generic/ioctls.h");
    static final Path SCHED = Path.of("/usr/include/linux/sched.h");
    static final Path SECCOMP = Path.of("/usr/include/linux/seccomp.h");

    private static final Pattern DEFINE = Pattern.compile("(?m)^#define\\s+(\\w+)\\s+(0x[0-9a-fA-F]+|\\d+)U?\\b");

    private KernelHeaders() {
    }

    /** x86_64 system call numbers by name, from {@code __NR_<name>}. */
    static Map<String, Integer> syscalls() {
        Map<String, Integer> numbers = new HashMap<>();
        defines(UNISTD_64).forEach((name, value) -> {
            if (name.startsWith("__NR_")) {
                numbers.put(name.substring(5), value.intValue());
            }
        });
        return numbers;
    }

    /** The number of system call {@code name}; fails when the kernel has no such call. */
    static int syscall(String name) {
        return Optional.ofNullable(syscalls().get(name))
                .orElseThrow(() -> new AssertionError("no __NR_" + name + " in " + UNISTD_64));
    }

    /** The numeric value of {@code #define name} in {@code header}. */
    static long define(Path header, String name) {
        return Optional.ofNullable(defines(header).get(name))
                .orElseThrow(() -> new AssertionError("no numeric #define " + name + " in " + header));
    }

    private static Map<String, Long> defines(Path header) {
        if (!Files.isRegularFile(header)) {
            throw new AssertionError(header + " is missing: install Debian's linux-libc-dev (bin/setup-os does)");
        }
        try {
            Map<String, Long> values = new HashMap<>();
            Matcher m = DEFINE.matcher(Files.readString(header));
            while (m.find()) {
                String v = m.group(2);
                values.put(m.group(1), v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v));
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
