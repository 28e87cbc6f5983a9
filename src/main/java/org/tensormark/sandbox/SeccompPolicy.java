package org.tensormark.sandbox;

import java.util.Collections;
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

    /** Denied system calls and their x86_64 numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
    private static final String DENIED_TABLE = """
            ptrace 101
            process_vm_readv 310
            process_vm_writev 311
            mount 165
            umount2 166
            pivot_root 155
            chroot 161
            open_tree 428
            move_mount 429
            fsopen 430
            fsconfig 431
            fsmount 432
            fspick 433
            mount_setattr 442
            unshare 272
            setns 308
            bpf 321
            perf_event_open 298
            userfaultfd 323
            io_uring_setup 425
            io_uring_enter 426
            io_uring_register 427
            keyctl 250
            add_key 248
            request_key 249
            kexec_load 246
            kexec_file_load 320
            init_module 175
            finit_module 313
            delete_module 176
            acct 163
            swapon 167
            swapoff 168
            reboot 169
            syslog 103
            iopl 172
            ioperm 173
            settimeofday 164
            clock_settime 227
            clock_adjtime 305
            adjtimex 159
            name_to_handle_at 303
            open_by_handle_at 304
            quotactl 179
            fanotify_init 300
            pidfd_getfd 438
            kcmp 312
            lookup_dcookie 212
            uselib 134
            vhangup 153
            """;

    /** Denied system calls by name. */
    static final Map<String, Integer> DENIED = denied();

    /** The program's bytes, assembled once: they depend on nothing of a run. */
    private static final byte[] X86_64 = program().bytes();

    private SeccompPolicy() {
    }

    /** The filter program as bytes for {@code bwrap --seccomp}: a copy, so that no caller changes the next run's. */
    static byte[] x86_64() {
        return X86_64.clone();
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
        DENIED_TABLE.lines().map(String::trim).filter(l -> !l.isEmpty())
                .forEach(l -> m.put(l.split(" ")[0], Integer.parseInt(l.split(" ")[1])));
        return Collections.unmodifiableMap(m);
    }
}
