import errno
import json
import os
import stat

import numpy as np


def nvidia():
    """Each /dev/nvidia* node the job sees: [major, minor, errno of opening it (0 when it opened)]."""
    print("RESULT", json.dumps(_nodes(), sort_keys=True))
    return np.zeros(1)


def driver():
    """The driver libraries folder as the job sees it, with the GPU nodes and LD_LIBRARY_PATH."""
    folder = "/usr/local/nvidia/lib64"
    files = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        with open(path) as f:
            files[name] = [f.read(), _errno(lambda: os.close(os.open(path, os.O_WRONLY)))]
    seen = {"LD_LIBRARY_PATH": os.environ.get("LD_LIBRARY_PATH"), "files": files, "nodes": _nodes(),
            "create": _errno(lambda: open(os.path.join(folder, "libextra.so"), "w").close())}
    print("RESULT", json.dumps(seen, sort_keys=True))
    return np.zeros(1)


def _errno(action):
    try:
        action()
        return "done"
    except OSError as e:
        return errno.errorcode.get(e.errno, e.errno)


def _nodes():
    seen = {}
    for name in sorted(os.listdir("/dev")):
        if not name.startswith("nvidia"):
            continue
        st = os.stat(os.path.join("/dev", name))
        if not stat.S_ISCHR(st.st_mode):
            seen[name] = "not a character device"
            continue
        try:
            os.close(os.open(os.path.join("/dev", name), os.O_RDWR))
            opened = 0
        except OSError as e:
            opened = e.errno
        seen[name] = [os.major(st.st_rdev), os.minor(st.st_rdev), errno.errorcode.get(opened, opened)]
    return seen
