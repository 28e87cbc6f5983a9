import numpy as np


def non_finite():
    return np.array([np.nan, np.inf, -np.inf, 1.0])


def wrong_shape():
    return np.zeros((3, 5, 7))


def object_array():
    return np.array([{"a": 1}, None], dtype=object)


def pickled_npz():
    np.savez("/job/out/evil.npz", payload=np.array([{"exec": "os.system('id')"}], dtype=object))
    return np.zeros(1)


def not_an_array():
    return "forty-two"
