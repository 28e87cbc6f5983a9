package org.tensormark.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The host's dynamic linker cache as {@code ldconfig -p} prints it: one entry per line,
 * {@code <tab>libcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1}, in the
 * cache's own order (the order the linker prefers); flags may carry an "OS ABI: ..." part. The
 * header and footer lines are not entries.
 */
final class LdCache {

    private static final Pattern ENTRY = Pattern.compile("^\\s+(\\S+) \\(([^)]*)\\) => (/.+)$");

    private LdCache() {
    }

    /**
     * One library the cache knows.
     *
     * @param name the name the linker looks up (usually the SONAME, e.g. libcuda.so.1)
     * @param flags what the cache says of it, e.g. "libc6,x86-64"
     * @param path where the file (or its link) is on the host
     */
    record Entry(String name, String flags, Path path) {

        /** Whether the library is built for {@code abi} ("x86-64", "AArch64"); 32-bit entries say neither. */
        boolean isFor(String abi) {
            return Stream.of(flags.split(",")).map(String::strip).anyMatch(abi::equals);
        }
    }

    /** The entries of {@code ldconfig -p}'s output, lines that are not entries skipped. */
    static List<Entry> parse(String ldconfigOutput) {
        return ldconfigOutput.lines().map(ENTRY::matcher).filter(Matcher::matches)
                .map(m -> new Entry(m.group(1), m.group(2), Path.of(m.group(3).strip()))).toList();
    }

    /** The flag the cache gives libraries of this JVM's architecture. */
    static String hostAbi() {
        return switch (System.getProperty("os.arch")) {
            case "aarch64" -> "AArch64";
            default -> "x86-64";
        };
    }
}
