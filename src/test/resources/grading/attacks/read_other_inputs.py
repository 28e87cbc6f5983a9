"""A hostile hand-in: every function reads all it can find in /job/in (the file list, the plan and
every input array), prints it and raises it in its exception message, hoping that the feedback of
a visible check shows the inputs of hidden and after-due checks. It also prints a NUL character,
which the database would refuse if it were stored as it is."""
import json
import os
import sys

import numpy as np


def _loot(group):
    found = {"files": sorted(os.listdir("/job/in"))}
    with np.load("/job/in/inputs.npz", allow_pickle=False) as arrays:
        for name in arrays.files:
            found[name] = " ".join("%.8f" % v for v in arrays[name].ravel())
    with open("/job/in/plan.json") as plan:
        found["plan"] = json.load(plan)
    text = "LOOT-%s %r" % (group, found)
    print("PRINTED-%s %s \0" % (group, text))
    print("STDERR-%s %s" % (group, text), file=sys.stderr)
    raise ValueError(text + " \0 " + "padding " * 1000)


def visible_fn(x):
    _loot("visible")


def after_due_fn(x):
    _loot("after_due")


def hidden_fn(x):
    _loot("hidden")
