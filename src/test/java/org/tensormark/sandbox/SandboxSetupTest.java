package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensormark.image.ImageStore;

/** How a job is launched, and what happens when the host cannot isolate it. */
class SandboxSetupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
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
    void bubblewrapSeesTheImageAsTheReadOnlyRootAndOnlyTheJobsOwnDirectoriesBesideIt() throws Exception {
        JobDirectory job = bench.job("basic", "add");
        SystemRoot image = new SystemRoot("course-cpu", "sha256:1", Path.of("/images/sha256-1/root"), Map.of(),
                "/usr/bin/python3");
        List<String> args = BwrapArguments.of(SandboxSettings.defaults(), image, job, SandboxLimits.defaults(), null, null);
        String joined = String.join(" ", args);
        for (String flag : List.of("--unshare-all", "--disable-userns", "--die-with-parent", "--new-session",
                "--clearenv", "--seccomp 3", "--ro-bind /images/sha256-1/root /", "--proc /proc", "--dev /dev",
                "--remount-ro /")) {
            assertTrue(joined.contains(flag), flag);
        }
        assertFalse(joined.contains("--ro-bind /usr /usr"), "nothing of the host's system is bound");
        assertTrue(joined.contains("--size 134217728 --tmpfs /tmp"), "without host mounts bwrap caps /tmp itself");
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).matches("--(ro-)?bind(-try)?")) {
                String source = args.get(i + 1);
                assertTrue(source.equals("/images/sha256-1/root") || source.startsWith(job.root() + "/")
                        || source.equals(job.harness().toString()), "binds host path " + source);
            }
        }
        assertTrue(joined.contains("--bind " + job.out() + " /job/out"));
        assertTrue(joined.contains("--ro-bind " + job.submission() + " /job/submission"));
    }

    @Test
    void onTheHostSystemBubblewrapSeesOnlyTheJobsOwnDirectoriesAndSystemDirectoriesReadOnly() throws Exception {
        JobDirectory job = bench.job("basic", "add");
        List<String> args = BwrapArguments.of(SandboxSettings.defaults(), SystemRoot.HOST, job, SandboxLimits.defaults(),
                null, null);
        String joined = String.join(" ", args);
        assertTrue(joined.contains("--ro-bind /usr /usr"), joined);
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).matches("--(ro-)?bind(-try)?")) {
                String source = args.get(i + 1);
                assertTrue(source.startsWith("/usr") || source.startsWith("/etc/") || source.startsWith(job.root() + "/")
                        || source.equals(job.harness().toString()), "binds host path " + source);
            }
        }
    }

    @Test
    void aJobGetsItsImagesVariablesButTheSandboxsOwnVariablesWin() {
        SystemRoot image = new SystemRoot("course-cpu", "sha256:1", Path.of("/images/sha256-1/root"),
                Map.of("MPLBACKEND", "Agg", "HOME", "/root"), "/usr/bin/python3");
        Map<String, String> env = BwrapArguments.environment(image, SandboxLimits.defaults(), null);
        assertEquals("Agg", env.get("MPLBACKEND"));
        assertEquals("/tmp", env.get("HOME"));
    }

    @Test
    void aJobInAnImageWhosePythonIsOutsideUsrRunsTheHarnessWithThatPythonAndFindsItsFolderFirstOnThePath()
            throws Exception {
        JobDirectory job = bench.job("basic", "add");
        SystemRoot conda = new SystemRoot("cuda-torch", "sha256:1", Path.of("/images/sha256-1/root"),
                Map.of("PATH", "/opt/conda/bin:/usr/bin"), "/opt/conda/bin/python3");
        List<String> args = BwrapArguments.of(SandboxSettings.defaults(), conda, job, SandboxLimits.defaults(), null, null);
        int python = args.indexOf("--") + 1;
        assertEquals(List.of("/opt/conda/bin/python3", "-I", "-B", "/harness/tensormark_harness.py"),
                args.subList(python, python + 4));
        assertEquals("/opt/conda/bin:/usr/local/bin:/usr/bin:/bin",
                BwrapArguments.environment(conda, SandboxLimits.defaults(), null).get("PATH"),
                "the image's interpreter folder first, then the system folders; the image's own PATH is not taken");
        SystemRoot debian = new SystemRoot("course-cpu", "sha256:2", Path.of("/images/sha256-2/root"), Map.of(),
                "/usr/bin/python3");
        assertEquals("/usr/local/bin:/usr/bin:/bin", BwrapArguments.environment(debian, SandboxLimits.defaults(), null).get("PATH"));
    }

    @Test
    void aJobNamingAnImageThisHostLacksIsAPlatformFailureThatSaysHowToGetIt() throws Exception {
        SandboxSettings settings = new SandboxSettings(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/python3"), 65534,
                Path.of("/sys/fs/cgroup"), true, new ImageStore(bench.root().resolve("no-images")), false);
        SandboxRun run = new Sandbox(settings).run(bench.job("basic", "add", 1, 2), "course-gpu", JobBench.LIMITS, null);
        Verdict.PlatformFailure failure = assertInstanceOf(Verdict.PlatformFailure.class, run.verdict());
        assertTrue(failure.reason().contains("the grading image 'course-gpu' is not installed"), failure.reason());
        assertTrue(failure.reason().contains("tensormark image build course-gpu"), failure.reason());
    }

    @Test
    void theHostSystemIsRefusedUnlessTheSettingsAllowIt() throws Exception {
        SandboxSettings settings = new SandboxSettings(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/python3"), 65534,
                Path.of("/sys/fs/cgroup"), true, new ImageStore(bench.root().resolve("no-images")), false);
        SandboxRun run = new Sandbox(settings).run(bench.job("basic", "add", 1, 2), "host", JobBench.LIMITS, null);
        assertInstanceOf(Verdict.PlatformFailure.class, run.verdict());
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
    void aJobGivenAGpuSlotSeesOnlyThatGpusDeviceNodesAndGetsAnIdleCheckAfterwards() throws Exception {
        Path fakeDev = bench.fakeNvidiaDevices(2);
        GpuSlot slot = new GpuSlot(1, fakeDev, args -> args.get(2).contains("compute-apps") ? "" : "1\n");
        SandboxRun run = bench.sandbox.run(bench.job("devices", "nvidia"), JobBench.LIMITS, slot);
        assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
        Map<String, List<Object>> seen = JSON.readValue(JobBench.printed(run), new TypeReference<>() { });
        assertEquals(Map.of("nvidiactl", List.of(195, 255), "nvidia-modeset", List.of(195, 254), "nvidia-uvm", List.of(509, 0),
                "nvidia-uvm-tools", List.of(509, 1), "nvidia1", List.of(195, 1)),
                seen.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().subList(0, 2))),
                "exactly the slot's GPU and the shared nodes, as character devices: " + seen);
        // a bind that made the node unusable (nodev) answers EACCES; no driver behind the number answers ENXIO
        seen.forEach((node, device) -> assertFalse(List.of("EACCES", "EPERM").contains(device.get(2)), node + ": " + device));
        assertTrue(run.gpuCheck().orElseThrow().idle(), run.gpuCheck().toString());
    }

}
