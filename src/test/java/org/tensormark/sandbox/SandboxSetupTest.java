package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How a job is launched, and what happens when the host cannot isolate it. */
class SandboxSetupTest {

    private static JobBench bench;

    @BeforeAll
    static void bench() throws Exception {
        bench = new JobBench();
    }

    @AfterAll
    static void close() throws Exception {
        bench.close();
    }

    @Test
    void theLauncherJoinsTheCgroupThenDropsToTheSandboxUidWithAnEmptyEnvironment() {
        List<String> command = LaunchScript.command(SandboxSettings.defaults(), SandboxLimits.defaults(),
                List.of(Path.of("/sys/fs/cgroup/pids/tensormark/j/cgroup.procs")), true, Path.of("/j/seccomp.bpf"),
                Path.of("/j/started"), List.of("/usr/bin/bwrap", "--", "python3"));
        String script = command.get(2);
        assertTrue(script.indexOf("echo $$ > '/sys/fs/cgroup/pids/tensormark/j/cgroup.procs'") < script.indexOf("exec prlimit"));
        assertTrue(script.contains("exec 3< '/j/seccomp.bpf' 4> '/j/started'"), script);
        assertTrue(script.contains("--nofile=256 --fsize=67108864 --core=0 --cpu=60:62"), script);
        assertTrue(script.contains("setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs -- env -i \"$@\""), script);
        assertEquals(List.of("/usr/bin/bwrap", "--", "python3"), command.subList(4, command.size()));
    }

    @Test
    void bubblewrapSeesOnlyTheJobsOwnDirectoriesAndSystemDirectoriesReadOnly() throws Exception {
        JobDirectory job = bench.job("basic", "add");
        List<String> args = BwrapArguments.of(SandboxSettings.defaults(), job, SandboxLimits.defaults(), null, null);
        String joined = String.join(" ", args);
        for (String flag : List.of("--unshare-all", "--disable-userns", "--die-with-parent", "--new-session",
                "--clearenv", "--seccomp 3", "--ro-bind /usr /usr", "--proc /proc", "--dev /dev", "--remount-ro /")) {
            assertTrue(joined.contains(flag), flag);
        }
        assertTrue(joined.contains("--size 134217728 --tmpfs /tmp"), "without host mounts bwrap caps /tmp itself");
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).matches("--(ro-)?bind(-try)?")) {
                String source = args.get(i + 1);
                assertTrue(source.startsWith("/usr") || source.startsWith("/etc/") || source.startsWith(job.root() + "/")
                        || source.equals(job.harness().toString()), "binds host path " + source);
            }
        }
        assertTrue(joined.contains("--bind " + job.out() + " /job/out"));
        assertTrue(joined.contains("--ro-bind " + job.submission() + " /job/submission"));
    }

    @Test
    void aBrokenSandboxIsAPlatformFailureNotTheStudents() throws Exception {
        SandboxSettings broken = new SandboxSettings(Path.of("/usr/bin/false"), Path.of("/usr/bin/python3"), 65534,
                Path.of("/sys/fs/cgroup"), true);
        SandboxRun run = new Sandbox(broken).run(bench.job("basic", "add", 1, 2), JobBench.LIMITS, null);
        assertInstanceOf(Verdict.PlatformFailure.class, run.verdict());
        assertFalse(run.verdict().chargeable());
    }

    @Test
    void aHostWithoutCgroupsFailsEveryJobUnlessTheDevelopmentSettingIsOn() throws Exception {
        Path noCgroups = Files.createDirectories(bench.root().resolve("no-cgroups"));
        SandboxSettings production = new SandboxSettings(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/python3"), 65534,
                noCgroups, true);
        SandboxRun refused = new Sandbox(production).run(bench.job("basic", "add", 1, 2), JobBench.LIMITS, null);
        assertEquals(new Verdict.PlatformFailure("no cgroup v2 or v1 hierarchy with memory, pids and cpu under "
                + noCgroups), refused.verdict());
        SandboxSettings development = new SandboxSettings(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/python3"), 65534,
                noCgroups, false);
        SandboxRun ran = new Sandbox(development).run(bench.job("basic", "add", 1, 2), JobBench.LIMITS, null);
        assertEquals(new Verdict.Ok(), ran.verdict(), ran.stderr());
        assertTrue(ran.outputs().containsKey("c1.npz"));
    }

    @Test
    void aJobGivenAGpuSlotRunsWithItsDevicesAndGetsAnIdleCheckAfterwards() throws Exception {
        Path fakeDev = Files.createDirectories(bench.root().resolve("fake-dev"));
        GpuSlot slot = new GpuSlot(0, fakeDev, args -> args.get(2).contains("compute-apps") ? "" : "1\n");
        SandboxRun run = bench.sandbox.run(bench.job("basic", "add", 1, 2), JobBench.LIMITS, slot);
        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        assertTrue(run.gpuCheck().orElseThrow().idle(), run.gpuCheck().toString());
    }
}
