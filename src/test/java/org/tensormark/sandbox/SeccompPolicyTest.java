package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeccompPolicyTest {

    private static final int EPERM = SeccompPolicy.RET_ERRNO | SeccompPolicy.EPERM;
    private static final int ALLOW = SeccompPolicy.RET_ALLOW;

    /** Calls the sandbox must deny, by their names in the kernel's syscall table. */
    static final List<String> MUST_DENY = List.of("ptrace", "process_vm_readv", "process_vm_writev",
            "mount", "umount2", "pivot_root", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick",
            "mount_setattr", "unshare", "setns", "bpf", "perf_event_open", "userfaultfd", "io_uring_setup",
            "io_uring_enter", "io_uring_register", "keyctl", "add_key", "request_key", "kexec_load",
            "kexec_file_load", "init_module", "finit_module");

    @Test
    void theDenyListCarriesTheKernelsSyscallNumbers() {
        Map<String, Integer> kernel = KernelHeaders.syscalls();
        for (var denied : SeccompPolicy.DENIED.entrySet()) {
            assertEquals(kernel.get(denied.getKey()), denied.getValue(), denied.getKey() + " in " + KernelHeaders.UNISTD_64);
        }
        assertEquals(kernel.get("ioctl"), SeccompPolicy.SYS_IOCTL);
        assertEquals(kernel.get("socket"), SeccompPolicy.SYS_SOCKET);
        assertEquals(kernel.get("clone"), SeccompPolicy.SYS_CLONE);
        assertEquals(kernel.get("clone3"), SeccompPolicy.SYS_CLONE3);
    }

    @Test
    void theFlagsAndReturnValuesAreTheKernels() {
        assertEquals(KernelHeaders.define(KernelHeaders.IOCTLS, "TIOCSTI"), SeccompPolicy.TIOCSTI);
        long namespaces = 0;
        for (String flag : List.of("CLONE_NEWNS", "CLONE_NEWCGROUP", "CLONE_NEWUTS", "CLONE_NEWIPC", "CLONE_NEWUSER",
                "CLONE_NEWPID", "CLONE_NEWNET", "CLONE_NEWTIME")) {
            namespaces |= KernelHeaders.define(KernelHeaders.SCHED, flag);
        }
        assertEquals(namespaces, Integer.toUnsignedLong(SeccompPolicy.CLONE_NAMESPACE_FLAGS));
        assertEquals(KernelHeaders.define(KernelHeaders.SECCOMP, "SECCOMP_RET_ERRNO"), SeccompPolicy.RET_ERRNO);
        assertEquals(KernelHeaders.define(KernelHeaders.SECCOMP, "SECCOMP_RET_ALLOW"), SeccompPolicy.RET_ALLOW);
        assertEquals(KernelHeaders.define(KernelHeaders.SECCOMP, "SECCOMP_RET_KILL_PROCESS"),
                Integer.toUnsignedLong(SeccompPolicy.RET_KILL_PROCESS));
    }

    @Test
    void everyCallThatMustBeDeniedFailsWithEpermByItsKernelNumber() {
        assertTrue(SeccompPolicy.DENIED.keySet().containsAll(MUST_DENY), SeccompPolicy.DENIED.keySet().toString());
        for (String name : SeccompPolicy.DENIED.keySet()) {
            assertEquals(EPERM, evaluate(SeccompPolicy.AUDIT_ARCH_X86_64, KernelHeaders.syscall(name), 0, 0), name);
        }
    }

    @Test
    void ordinaryCallsAreAllowed() {
        for (String name : List.of("read", "write", "open", "mmap", "fork", "execve", "exit", "exit_group", "openat")) {
            assertEquals(ALLOW, evaluate(SeccompPolicy.AUDIT_ARCH_X86_64, KernelHeaders.syscall(name), 0, 0), name);
        }
    }

    @Test
    void vsockSocketsAndTiocstiAreDeniedButOtherSocketsAndIoctlsAreNot() {
        int arch = SeccompPolicy.AUDIT_ARCH_X86_64;
        int tiocsti = (int) KernelHeaders.define(KernelHeaders.IOCTLS, "TIOCSTI");
        assertEquals(EPERM, evaluate(arch, KernelHeaders.syscall("socket"), SeccompPolicy.AF_VSOCK, 0));
        assertEquals(ALLOW, evaluate(arch, KernelHeaders.syscall("socket"), 2, 0));
        assertEquals(EPERM, evaluate(arch, KernelHeaders.syscall("ioctl"), 1, tiocsti));
        assertEquals(ALLOW, evaluate(arch, KernelHeaders.syscall("ioctl"), 1, 0x5401));
    }

    @Test
    void cloneIntoANewNamespaceIsDeniedAndClone3FallsBackToClone() {
        int arch = SeccompPolicy.AUDIT_ARCH_X86_64;
        assertEquals(EPERM, evaluate(arch, KernelHeaders.syscall("clone"), 0x10000000, 0));
        assertEquals(ALLOW, evaluate(arch, KernelHeaders.syscall("clone"), 0x003D0F00, 0));
        assertEquals(SeccompPolicy.RET_ERRNO | SeccompPolicy.ENOSYS, evaluate(arch, KernelHeaders.syscall("clone3"), 0, 0));
    }

    @Test
    void aForeignArchitectureOrTheX32AbiKillsTheProcess() {
        assertEquals(SeccompPolicy.RET_KILL_PROCESS, evaluate(0x40000003, 1, 0, 0));
        assertEquals(SeccompPolicy.RET_KILL_PROCESS, evaluate(SeccompPolicy.AUDIT_ARCH_X86_64, 0x40000001, 0, 0));
    }

    @Test
    void theProgramIsEightBytesPerInstructionLittleEndian() {
        byte[] bytes = SeccompPolicy.x86_64();
        assertEquals(8 * SeccompPolicy.program().instructions().size(), bytes.length);
        ByteBuffer first = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(BpfProgram.LD_W_ABS, first.getShort());
        first.getShort();
        assertEquals(SeccompPolicy.OFFSET_ARCH, first.getInt());
    }

    @Test
    void everyRunGetsTheAssembledProgramUnchangedByAnEarlierRun() {
        byte[] first = SeccompPolicy.x86_64();
        assertArrayEquals(SeccompPolicy.program().bytes(), first);
        Arrays.fill(first, (byte) 0);
        assertArrayEquals(SeccompPolicy.program().bytes(), SeccompPolicy.x86_64());
    }

    /** A classic-BPF interpreter for the instructions the assembler emits, run on one seccomp_data. */
    private static int evaluate(int arch, int nr, int arg0, int arg1) {
        List<BpfProgram.Instruction> program = SeccompPolicy.program().instructions();
        int a = 0;
        for (int pc = 0; pc < program.size(); pc++) {
            BpfProgram.Instruction i = program.get(pc);
            switch (i.code()) {
                case BpfProgram.LD_W_ABS -> a = switch (i.k()) {
                    case 0 -> nr;
                    case 4 -> arch;
                    case 16 -> arg0;
                    case 24 -> arg1;
                    default -> 0;
                };
                case BpfProgram.JEQ_K -> pc += a == i.k() ? i.jt() : i.jf();
                case BpfProgram.JGE_K -> pc += Integer.compareUnsigned(a, i.k()) >= 0 ? i.jt() : i.jf();
                case BpfProgram.JSET_K -> pc += (a & i.k()) != 0 ? i.jt() : i.jf();
                case BpfProgram.RET_K -> {
                    return i.k();
                }
                default -> throw new AssertionError("unknown instruction " + i);
            }
        }
        throw new AssertionError("program fell off its end");
    }
}
