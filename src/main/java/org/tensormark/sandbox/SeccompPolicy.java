package org.tensormark.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seccomp deny-list of the sandbox for x86_64, assembled with {@link BpfProgram}. Denied
 * calls fail with EPERM (clone3 with ENOSYS so libc falls back to clone, whose namespace flags
 * are checked); a foreign architecture or the x32 ABI kills the process.
 */
final class SeccompPolicy {

    static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    static final int RET_KILL_PROCESS = 0x80000000;
    static final int RET_ERRNO = 0x00050000;
    static final int RET_ALLOW = 0x7FFF0000;
    static final int EPERM = 1;
    static final int ENOSYS = 38;
    static final int X32_SYSCALL_BIT = 0x40000000;
    static final int OFFSET_NR = 0;
    static final int OFFSET_ARCH = 4;
    static final int SYS_IOCTL = 16;
    static final int SYS_SOCKET = 41;
    static final int SYS_CLONE = 56;
    static final int SYS_CLONE3 = 435;
    static final int AF_VSOCK = 40;
    static final int TIOCSTI = 0x5412;
    /** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET, NEWTIME. */
    static final int CLONE_NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000
            | 0x10000000 | 0x20000000 | 0x40000000 | 0x00000080;

    /** Denied system calls and their x86_64 numbers. */
    static final Map<String, Integer> DENIED = denied();

    private SeccompPolicy() {
    }

    /** The filter program as bytes for {@code bwrap --seccomp}. */
    static byte[] x86_64() {
        return program().bytes();
    }

    static BpfProgram program() {
        BpfProgram p = new BpfProgram()
                .load(OFFSET_ARCH)
                .jumpIfEqual(AUDIT_ARCH_X86_64, 1, 0)
                .ret(RET_KILL_PROCESS)
                .load(OFFSET_NR)
                .jumpIfAtLeast(X32_SYSCALL_BIT, 0, 1)
                .ret(RET_KILL_PROCESS);
        for (int nr : DENIED.values()) {
            p.jumpIfEqual(nr, 0, 1).ret(RET_ERRNO | EPERM);
        }
        p.jumpIfEqual(SYS_CLONE3, 0, 1).ret(RET_ERRNO | ENOSYS);
        denyArgument(p, SYS_SOCKET, 0, AF_VSOCK);
        denyArgument(p, SYS_IOCTL, 1, TIOCSTI);
        p.jumpIfEqual(SYS_CLONE, 0, 3)
                .load(argumentLow(0))
                .jumpIfAnyBit(CLONE_NAMESPACE_FLAGS, 0, 1)
                .ret(RET_ERRNO | EPERM);
        return p.ret(RET_ALLOW);
    }

    /** Offset of the low 32 bits of argument {@code index} in {@code struct seccomp_data}. */
    static int argumentLow(int index) {
        return 16 + 8 * index;
    }

    /* A holds the syscall number on entry and on the allowed exit of this block. */
    private static void denyArgument(BpfProgram p, int nr, int argument, int value) {
        p.jumpIfEqual(nr, 0, 4)
                .load(argumentLow(argument))
                .jumpIfEqual(value, 0, 1)
                .ret(RET_ERRNO | EPERM)
                .load(OFFSET_NR);
    }

    private static Map<String, Integer> denied() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("ptrace", 101);
        m.put("process_vm_readv", 310);
        m.put("process_vm_writev", 311);
        m.put("mount", 165);
        m.put("umount2", 166);
        m.put("pivot_root", 155);
        m.put("chroot", 161);
        m.put("open_tree", 428);
        m.put("move_mount", 429);
        m.put("fsopen", 430);
        m.put("fsconfig", 431);
        m.put("fsmount", 432);
        m.put("fspick", 433);
        m.put("mount_setattr", 442);
        m.put("unshare", 272);
        m.put("setns", 308);
        m.put("bpf", 321);
        m.put("perf_event_open", 298);
        m.put("userfaultfd", 323);
        m.put("io_uring_setup", 425);
        m.put("io_uring_enter", 426);
        m.put("io_uring_register", 427);
        m.put("keyctl", 250);
        m.put("add_key", 248);
        m.put("request_key", 249);
        m.put("kexec_load", 246);
        m.put("kexec_file_load", 320);
        m.put("init_module", 175);
        m.put("finit_module", 313);
        m.put("delete_module", 176);
        m.put("acct", 163);
        m.put("swapon", 167);
        m.put("swapoff", 168);
        m.put("reboot", 169);
        m.put("syslog", 103);
        m.put("iopl", 172);
        m.put("ioperm", 173);
        m.put("settimeofday", 164);
        m.put("clock_settime", 227);
        m.put("clock_adjtime", 305);
        m.put("adjtimex", 159);
        m.put("name_to_handle_at", 303);
        m.put("open_by_handle_at", 304);
        m.put("quotactl", 179);
        m.put("fanotify_init", 300);
        m.put("pidfd_getfd", 438);
        m.put("kcmp", 312);
        m.put("lookup_dcookie", 212);
        m.put("uselib", 134);
        m.put("vhangup", 153);
        return java.util.Collections.unmodifiableMap(m);
    }
}
