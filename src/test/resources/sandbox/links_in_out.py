import os

import numpy as np


def attack(host_file):
    """Plants links in out/; returns the errno of each hard link attempt (0 = made)."""
    os.symlink(host_file, "/job/out/leak.npz")
    os.symlink("/etc/shadow", "/job/out/shadow.npz")
    os.symlink("/", "/job/out/root")
    errors = []
    for source in ["/job/in/plan.json", "/usr/bin/python3", "/tmp/mine"]:
        if source == "/tmp/mine":
            with open(source, "w") as f:
                f.write("tmp")
        try:
            os.link(source, "/job/out/hard-" + os.path.basename(source))
            errors.append(0)
        except OSError as e:
            errors.append(e.errno)
    print("RESULT", errors)
    return np.array(errors)
