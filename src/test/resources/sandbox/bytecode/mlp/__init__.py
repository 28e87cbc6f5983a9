import os
import sys

import numpy as np

from .net import answer


def sourceless():
    from . import helper  # only helper.pyc is there: it must not be importable
    return helper.answer()


def bytecode_written():
    """sys.flags.dont_write_bytecode, then how many .pyc files exist after importing a module from /tmp."""
    with open("/tmp/probe_module.py", "w") as f:
        f.write("VALUE = 1\n")
    sys.path.insert(0, "/tmp")
    import probe_module  # noqa: F401
    found = sum(1 for root in ("/tmp", "/job/out") for _, _, files in os.walk(root)
                for name in files if name.endswith(".pyc"))
    return np.array([sys.flags.dont_write_bytecode, found], dtype=np.int64)
