import numpy as np


def add(a, b):
    print("adding")
    return np.asarray(a, dtype=np.float64) + np.asarray(b, dtype=np.float64)


def environment():
    import getpass
    import os
    print("RESULT", [getpass.getuser(), os.environ["OMP_NUM_THREADS"], os.getcwd()])
    return np.zeros(1)
