package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seccomp program as the kernel enforces it: a hand-in in the sandbox makes the denied
 * system calls by the numbers of the kernel's headers and reports their errno. The same probe
 * under a deliberately broken program shows the probe notices a wrong number or a missing rule.
 */
class SeccompInTheSandboxTest {

    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
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

    @AfterEach
    void hostIsUntouched() throws Exception {
        JobBench.assertHostClean();
    }

    @Test
    void everyDeniedCallFailsWithEpermAndClone3WithEnosysInsideTheSandbox() throws Exception {
        List<String> names = new ArrayList<>(SeccompPolicy.DENIED.keySet());
        names.addAll(List.of("clone3", "getpid"));
        Map<String, Integer> errnos = probe(SeccompPolicy.x86_64(), names);
        Map<String, Integer> expected = new TreeMap<>();
        SeccompPolicy.DENIED.keySet().forEach(name -> expected.put(name, EPERM));
        expected.put("clone3", ENOSYS);
        expected.put("getpid", 0);
        expected.put("socket(AF_VSOCK)", EPERM);
        assertEquals(expected, errnos);
    }

    @Test
    void aDenyRuleWithAWrongSyscallNumberLetsTheCallThrough() throws Exception {
        int unshare = KernelHeaders.syscall("unshare");
        assertEquals(EPERM, probe(SeccompPolicy.x86_64(), List.of("unshare")).get("unshare"));
        byte[] wrongNumber = mutated(p -> replaceConstant(p, unshare, KernelHeaders.syscall("afs_syscall")));
        assertEquals(0, probe(wrongNumber, List.of("unshare")).get("unshare"), "unshare(0) succeeds unfiltered");
    }

    @Test
    void aProgramWithoutTheIoUringRuleLetsTheCallThrough() throws Exception {
        int ioUringSetup = KernelHeaders.syscall("io_uring_setup");
        byte[] withoutRule = mutated(p -> dropDenyRule(p, ioUringSetup));
        int errno = probe(withoutRule, List.of("io_uring_setup")).get("io_uring_setup");
        assertNotEquals(EPERM, errno, "io_uring_setup(0, NULL) reaches the kernel and fails on its arguments");
    }

    @Test
    void aVsockRuleOnTheWrongAddressFamilyLetsTheSocketThrough() throws Exception {
        byte[] wrongFamily = mutated(p -> replaceConstant(p, SeccompPolicy.AF_VSOCK, SeccompPolicy.AF_VSOCK + 1));
        assertNotEquals(EPERM, probe(wrongFamily, List.of()).get("socket(AF_VSOCK)"));
    }

    /**
     * Runs the probe hand-in under {@code program}, launched as {@link Sandbox} launches a job (job
     * cgroup, launcher script, dropped privileges, bubblewrap arguments, watch) but with this
     * program in place of the policy's.
     */
    private static Map<String, Integer> probe(byte[] program, List<String> syscalls) throws Exception {
        List<List<Object>> calls = new ArrayList<>();
        for (String name : syscalls) {
            calls.add(List.of(name, KernelHeaders.syscall(name), 0, 0, 0, 0));
        }
        JobDirectory job = bench.job("seccomp_probe", "probe", calls);
        job.openForSandbox();
        Path seccomp = Files.write(job.privateDir().resolve("seccomp.bpf"), program);
        Path started = job.privateDir().resolve("harness-started");
        SandboxSettings settings = SandboxSettings.defaults();
        JobCgroup cgroup = JobCgroup.create(settings.cgroupFs(), job.root().getFileName().toString(), JobBench.LIMITS)
                .orElseThrow();
        JobWatch.Outcome outcome;
        try {
            List<String> command = LaunchScript.command(settings, JobBench.LIMITS, cgroup.procsFiles(), true, seccomp,
                    started, BwrapArguments.of(settings, settings.root(SystemRoot.DEFAULT_IMAGE), job, JobBench.LIMITS, null, null));
            outcome = new JobWatch(JobBench.LIMITS, cgroup).run(command, Map.of());
        } finally {
            cgroup.killAll();
            cgroup.remove();
        }
        String result = outcome.stdout().lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new AssertionError("no RESULT line: " + outcome.stdout() + outcome.stderr()));
        return new TreeMap<>(JSON.readValue(result.substring(7), new TypeReference<Map<String, Integer>>() { }));
    }

    /** The policy's program with {@code change} applied to its instructions, assembled again. */
    private static byte[] mutated(UnaryOperator<List<BpfProgram.Instruction>> change) {
        BpfProgram p = new BpfProgram();
        for (BpfProgram.Instruction i : change.apply(new ArrayList<>(SeccompPolicy.program().instructions()))) {
            switch (i.code()) {
                case BpfProgram.LD_W_ABS -> p.load(i.k());
                case BpfProgram.JEQ_K -> p.jumpIfEqual(i.k(), i.jt(), i.jf());
                case BpfProgram.JGE_K -> p.jumpIfAtLeast(i.k(), i.jt(), i.jf());
                case BpfProgram.JSET_K -> p.jumpIfAnyBit(i.k(), i.jt(), i.jf());
                case BpfProgram.RET_K -> p.ret(i.k());
                default -> throw new AssertionError("unknown instruction " + i);
            }
        }
        return p.bytes();
    }

    /** Compares with {@code to} where the one equality test on {@code from} was. */
    private static List<BpfProgram.Instruction> replaceConstant(List<BpfProgram.Instruction> program, int from, int to) {
        int at = onlyEqualityTest(program, from);
        BpfProgram.Instruction i = program.get(at);
        program.set(at, new BpfProgram.Instruction(i.code(), i.jt(), i.jf(), to));
        return program;
    }

    /** Removes the "if nr == {@code nr} return EPERM" pair; the rules around it jump only within themselves. */
    private static List<BpfProgram.Instruction> dropDenyRule(List<BpfProgram.Instruction> program, int nr) {
        int at = onlyEqualityTest(program, nr);
        assertEquals(new BpfProgram.Instruction(BpfProgram.RET_K, 0, 0, SeccompPolicy.RET_ERRNO | EPERM),
                program.get(at + 1));
        program.subList(at, at + 2).clear();
        return program;
    }

    private static int onlyEqualityTest(List<BpfProgram.Instruction> program, int k) {
        List<Integer> found = new ArrayList<>();
        for (int at = 0; at < program.size(); at++) {
            if (program.get(at).code() == BpfProgram.JEQ_K && program.get(at).k() == k) {
                found.add(at);
            }
        }
        assertEquals(1, found.size(), "equality tests on " + k + ": " + found);
        return found.get(0);
    }
}
