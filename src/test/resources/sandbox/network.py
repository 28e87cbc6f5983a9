import socket
import time

import numpy as np


def connect(host, port):
    """Returns [errno (0 = connected), seconds] of one TCP connect attempt."""
    started = time.monotonic()
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(5)
    try:
        code = s.connect_ex((host, port))
    except OSError as e:
        code = e.errno or -1
    finally:
        s.close()
    seconds = time.monotonic() - started
    print("RESULT", [code, seconds])
    return np.array([code, seconds])
