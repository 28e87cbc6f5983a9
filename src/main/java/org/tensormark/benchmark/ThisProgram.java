package org.tensormark.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * This program again, in a process of its own: the same Java, the same JVM options, the same jar
 * (or class path and main class), with settings of the caller's choosing as system properties. A
 * benchmark uses it to prepare its platform in one process and measure in another, so that what it
 * measures starts as a restarted server does: nothing compiled, nothing cached.
 */
public final class ThisProgram {

    private ThisProgram() {
    }

    /** Runs this program with {@code args} and {@code settings}, its output beside this one's; returns its exit code. */
    public static int run(Map<String, String> settings, String... args) throws Exception {
        return new ProcessBuilder(command(settings, args)).inheritIO().start().waitFor();
    }

    static List<String> command(Map<String, String> settings, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        String classPath = System.getProperty("java.class.path");
        String launched = System.getProperty("sun.java.command", "").split(" ", 2)[0];
        if (launched.equals(classPath) && classPath.endsWith(".jar")) {
            command.add("-jar");
            command.add(classPath);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(launched);
        }
        command.addAll(List.of(args));
        return command;
    }
}
