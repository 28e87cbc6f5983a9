import numpy as np


def answer():
    return np.array([1.0])
