import os

import numpy as np


def attack(paths):
    """1 for every host path the job can see (exists, lists or reads), else 0."""
    visible = []
    for p in paths:
        seen = os.path.exists(p)
        try:
            if os.path.isdir(p):
                os.listdir(p)
            else:
                open(p, "rb").read()
            seen = True
        except OSError:
            pass
        visible.append(1 if seen else 0)
    print("RESULT", visible)
    return np.array(visible)
