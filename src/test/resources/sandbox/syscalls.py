import ctypes
import os
import socket

import numpy as np

LIBC = ctypes.CDLL(None, use_errno=True)
LIBC.syscall.restype = ctypes.c_long


def _errno(result):
    return 0 if result >= 0 else ctypes.get_errno()


def attack():
    """errno of: ptrace(TRACEME), unshare(NEWUSER), mount, io_uring_setup, bpf, socket(AF_VSOCK)."""
    codes = [_errno(LIBC.ptrace(0, 0, None, None)),
             _errno(LIBC.unshare(0x10000000)),
             _errno(LIBC.mount(b"none", b"/tmp", b"tmpfs", 0, None)),
             _errno(LIBC.syscall(425, 1, None)),
             _errno(LIBC.syscall(321, 0, None, 0))]
    try:
        socket.socket(40, socket.SOCK_STREAM).close()
        codes.append(0)
    except OSError as e:
        codes.append(e.errno)
    print("RESULT", codes)
    return np.array(codes)
