import numpy as np


def softmax(x):
    # Forgets to subtract the maximum: exp overflows on large inputs.
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def relu(x):
    return np.maximum(x, 0)
