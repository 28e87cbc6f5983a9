"""TensorMark smoke runner: runs a hand-in's declared entry point on a small input, inside the sandbox.

Called by tensormark_harness.py for every ``smoke:<check id>`` section of ``in/plan.json``:
``{"entry": "run.py", "args": ["--small"], "produces": ["figure.png"], "seconds": 60}``. The
hand-in is copied to a scratch folder (the submission folder stays as handed in), the entry runs
there with the course's Python in a process group of its own, killed whole at the time limit, and
``out/smoke-<check id>.json`` says what ran, how it ended and what each named file turned out to
be. The scorer decides the points; nothing here is a verdict. Standard library only.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

KEEP_OUTPUT = 4 << 10
MAGIC = [(b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"%PDF-", "a PDF"), (b"\xff\xd8\xff", "a JPEG image"),
         (b"<svg", "an SVG image"), (b"<?xml", "an XML/SVG file"), (b"\x93NUMPY", "a NumPy array"),
         (b"PK\x03\x04", "a zip or .npz archive")]


def safe_relative(name):
    parts = name.replace("\\", "/").split("/")
    return bool(name) and not name.startswith("/") and ".." not in parts


def describe(path):
    """What a produced file is: size and kind by its first bytes, without following links."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not (st.st_mode & 0o170000 == 0o100000):
            return None
        head = os.read(fd, 16)
    finally:
        os.close(fd)
    kind = next((k for magic, k in MAGIC if head.startswith(magic)), None)
    if kind is None:
        kind = "text" if head and all(32 <= b < 127 or b in (9, 10, 13) for b in head) else "binary data"
    return {"size": st.st_size, "kind": kind}


def run_one(job, check_id, spec, out):
    entry, args = spec["entry"], [str(a) for a in spec.get("args", [])]
    result = {"check": check_id, "command": ["python"] + [entry] + args, "produced": {}}
    work = os.path.join("/tmp", "smoke-" + check_id)
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(os.path.join(job, "submission"), work, symlinks=True)
    data = os.path.join(job, "in", "smoke", check_id)
    if os.path.isdir(data):
        shutil.copytree(data, os.path.join(work, "smoke-input"), dirs_exist_ok=True)
    if not safe_relative(entry) or not os.path.isfile(os.path.join(work, entry)):
        result.update(status="missing", message="the hand-in has no %s at its top level" % entry)
        return result
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, entry] + args, cwd=work, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                             env=dict(os.environ, MPLBACKEND="Agg"))
    try:
        output, _ = child.communicate(timeout=float(spec.get("seconds", 60)))
        result["status"] = "exited"
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        output, _ = child.communicate()
        result["status"] = "timeout"
    result["exit_code"] = child.returncode
    result["seconds"] = round(time.perf_counter() - started, 3)
    result["output_tail"] = output[-KEEP_OUTPUT:].decode("utf-8", "replace")
    for name in spec.get("produces", []):
        result["produced"][name] = describe(os.path.join(work, name)) if safe_relative(name) else None
    return result


def run(job, plan, out):
    for key, spec in plan.items():
        if key.startswith("smoke:"):
            check_id = key[len("smoke:"):]
            result = run_one(job, check_id, spec, out)
            with open(os.path.join(out, "smoke-%s.json" % check_id), "w", encoding="utf-8") as f:
                json.dump(result, f)
    return 0
