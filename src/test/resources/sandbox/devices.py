import errno
import json
import os
import stat

import numpy as np


def nvidia():
    """Each /dev/nvidia* node the job sees: [major, minor, errno of opening it (0 when it opened)]."""
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
    print("RESULT", json.dumps(seen, sort_keys=True))
    return np.zeros(1)
