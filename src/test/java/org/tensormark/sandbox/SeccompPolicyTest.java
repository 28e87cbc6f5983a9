package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeccompPolicyTest {

    private static final int EPERM = SeccompPolicy.RET_ERRNO | SeccompPolicy.EPERM;
    private static final int ALLOW = SeccompPolicy.RET_ALLOW;

    @Test
    void everyDeniedCallFailsWithEperm() {
        for (var denied : SeccompPolicy.DENIED.entrySet()) {
            assertEquals(EPERM, evaluate(SeccompPolicy.AUDIT_ARCH_X86_64, denied.getValue(), 0, 0), denied.getKey());
        }
        assertTrue(SeccompPolicy.DENIED.keySet().containsAll(List.of("ptrace", "process_vm_readv", "process_vm_writev",
                "mount", "umount2", "pivot_root", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick",
                "mount_setattr", "unshare", "setns", "bpf", "perf_event_open", "userfaultfd", "io_uring_setup",
                "io_uring_enter", "io_uring_register", "keyctl", "add_key", "request_key", "kexec_load",
                "kexec_file_load", "init_module", "finit_module")));
    }

    @Test
    void ordinaryCallsAreAllowed() {
        for (int nr : new int[] {0, 1, 2, 9, 57, 59, 60, 231, 257}) {
            assertEquals(ALLOW, evaluate(SeccompPolicy.AUDIT_ARCH_X86_64, nr, 0, 0), "syscall " + nr);
        }
    }

    @Test
    void vsockSocketsAndTiocstiAreDeniedButOtherSocketsAndIoctlsAreNot() {
        int arch = SeccompPolicy.AUDIT_ARCH_X86_64;
        assertEquals(EPERM, evaluate(arch, SeccompPolicy.SYS_SOCKET, SeccompPolicy.AF_VSOCK, 0));
        assertEquals(ALLOW, evaluate(arch, SeccompPolicy.SYS_SOCKET, 2, 0));
        assertEquals(EPERM, evaluate(arch, SeccompPolicy.SYS_IOCTL, 1, SeccompPolicy.TIOCSTI));
        assertEquals(ALLOW, evaluate(arch, SeccompPolicy.SYS_IOCTL, 1, 0x5401));
    }

    @Test
    void cloneIntoANewNamespaceIsDeniedAndClone3FallsBackToClone() {
        int arch = SeccompPolicy.AUDIT_ARCH_X86_64;
        assertEquals(EPERM, evaluate(arch, SeccompPolicy.SYS_CLONE, 0x10000000, 0));
        assertEquals(ALLOW, evaluate(arch, SeccompPolicy.SYS_CLONE, 0x003D0F00, 0));
        assertEquals(SeccompPolicy.RET_ERRNO | SeccompPolicy.ENOSYS, evaluate(arch, SeccompPolicy.SYS_CLONE3, 0, 0));
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
