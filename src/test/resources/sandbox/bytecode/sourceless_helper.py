import numpy as np


def answer():
    return np.array([3.0])
