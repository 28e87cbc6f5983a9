import numpy as np


def add(a, b):
    print("adding")
    return np.asarray(a, dtype=np.float64) + np.asarray(b, dtype=np.float64)
