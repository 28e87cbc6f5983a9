import ctypes
import json
import socket

import numpy as np

LIBC = ctypes.CDLL(None, use_errno=True)
LIBC.syscall.restype = ctypes.c_long


def probe(calls):
    """errno of each raw system call [name, number, arg...] (0 when it succeeded), and of socket(AF_VSOCK)."""
    errnos = {}
    for name, number, *args in calls:
        ctypes.set_errno(0)
        result = LIBC.syscall(ctypes.c_long(number), *[ctypes.c_long(a) for a in args])
        errnos[name] = 0 if result >= 0 else ctypes.get_errno()
    try:
        socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM).close()
        errnos["socket(AF_VSOCK)"] = 0
    except OSError as e:
        errnos["socket(AF_VSOCK)"] = e.errno
    print("RESULT", json.dumps(errnos, sort_keys=True))
    return np.zeros(1)
