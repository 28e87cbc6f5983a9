import numpy as np

TARGETS = ["/job/in/x", "/job/submission/x", "/harness/x", "/usr/x", "/etc/x", "/x", "/proc/x",
           "/job/x", "/dev/x"]


def attack():
    """1 for every place outside out/ and /tmp the job managed to write, else 0."""
    wrote = []
    for path in TARGETS:
        try:
            with open(path, "w") as f:
                f.write("pwned")
            wrote.append(1)
        except OSError:
            wrote.append(0)
    print("RESULT", wrote)
    return np.array(wrote)
