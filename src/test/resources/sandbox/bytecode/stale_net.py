import numpy as np


def answer():
    return np.array([2.0])
