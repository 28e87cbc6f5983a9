"""TensorMark Python harness: runs one plan of calls against a student's hand-in.

Runs inside the sandbox as ``python3 -I /harness/tensormark_harness.py /job``. Reads
``/job/in/plan.json`` and ``/job/in/inputs.npz``, imports the hand-in from ``/job/submission``
and writes ``/job/out/<output>.npz`` and ``/job/out/results.json``. See README.md for the plan
format. Nothing written here is trusted for scores; the scorer compares tensors outside.
"""
import importlib
import importlib.machinery
import importlib.util
import json
import linecache
import os
import random
import re
import sys
import time
import traceback
import types

# the harness's own clock, for the timings in results.json; the host adds the sandbox around it
STARTED = time.perf_counter()

HARNESS_VERSION = 1
DIST_PACKAGES = "/usr/lib/python3/dist-packages"
NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
GRADABLE_KINDS = "biufc"

sys.dont_write_bytecode = True
if os.path.isdir(DIST_PACKAGES) and DIST_PACKAGES not in sys.path:
    sys.path.append(DIST_PACKAGES)

import numpy as np  # noqa: E402  (after the path fix above)

# -I keeps the harness's own folder off sys.path; its modules are found there, after everything else
sys.path.append(os.path.dirname(os.path.abspath(__file__)))
import tensormark_colab  # noqa: E402

TIMINGS = {"harness_import": time.perf_counter() - STARTED}
# what device_report() found, asked once per run
DEVICE = {}


class PlanError(Exception):
    """The plan or the hand-in's result cannot be used; the message is shown to the student."""


def load_plan(job):
    with open(os.path.join(job, "in", "plan.json"), encoding="utf-8") as f:
        plan = json.load(f)
    if plan.get("harness_version") != HARNESS_VERSION:
        raise PlanError("plan harness_version %r, this harness is %d"
                        % (plan.get("harness_version"), HARNESS_VERSION))
    return plan


def load_arrays(job):
    path = os.path.join(job, "in", "inputs.npz")
    if not os.path.exists(path):
        return {}
    with np.load(path, allow_pickle=False) as npz:
        return {name: npz[name] for name in npz.files}


# ---- importing the hand-in -------------------------------------------------------------------

class SourceOnlyLoader(importlib.machinery.SourceFileLoader):
    """Compiles a hand-in file from its source every time: bytecode beside it (``__pycache__``,
    a ``.pyc``) is never read, so what runs is the source a TA reads."""

    def get_code(self, fullname):
        return self.source_to_code(self.get_data(self.path), self.path)


def source_only_imports(submission):
    """Imports from the hand-in's folders find .py source only: no .pyc, no extension modules."""
    finder = importlib.machinery.FileFinder.path_hook((SourceOnlyLoader, importlib.machinery.SOURCE_SUFFIXES))

    def hook(path):
        if path != submission and not path.startswith(submission + os.sep):
            raise ImportError("not the hand-in's folder")
        return finder(path)

    sys.path_hooks.insert(0, hook)
    sys.path_importer_cache.clear()


def load_handin(submission, module):
    source_only_imports(submission)
    sys.path.insert(0, submission)
    path = os.path.join(submission, module)
    if module.endswith(".ipynb"):
        return load_notebook(path)
    if module.endswith(".py"):
        spec = importlib.util.spec_from_file_location("handin", path, loader=SourceOnlyLoader("handin", path))
        handin = importlib.util.module_from_spec(spec)
        sys.modules["handin"] = handin
        spec.loader.exec_module(handin)
        return handin
    return importlib.import_module(module)


class _NoIPython:
    """Stands in for get_ipython(): every attribute is a function that does nothing."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


# What the grader skipped of a notebook written for Colab, told to the student once (results.json
# "notices" and stdout), so a hand-in that relied on it knows why: (kind, line) pairs, see tensormark_colab.
NOTICES = []
SKIPPED = []

# The file names the notebook's cells were compiled under ("<Cell In [3]>"), so that tracebacks
# keep their frames and name the cell instead of a line of the .ipynb's JSON.
NOTEBOOK_CELLS = set()


def cell_name(cell, number, taken):
    """The cell as Jupyter labels it, In [n], where it has an execution count, else its place."""
    count = cell.get("execution_count")
    if isinstance(count, int) and not isinstance(count, bool):
        name = "Cell In [%d]" % count
        return name if name not in taken else "%s (code cell %d)" % (name, number)
    return "Code cell %d" % number


def notebook_cells(cells):
    """(name, source, runnable source) of each code cell but %% cell magics; line magics and
    !shell lines become no-ops on the same line, so line numbers stay the student's."""
    found, taken, number = [], set(), 0
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        number += 1
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        if text.lstrip().startswith("%%"):
            continue
        name = cell_name(cell, number, taken)
        taken.add(name)
        found.append((name, text, tensormark_colab.neutralised(text, SKIPPED)))
    return found


def load_notebook(path):
    """Runs the code cells in order in one module, each compiled as its own file, as Jupyter does."""
    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
    handin = types.ModuleType("handin")
    handin.__file__ = path
    handin.display = lambda *args, **kwargs: None
    handin.get_ipython = _NoIPython
    sys.modules["handin"] = handin
    compiled = []
    for name, text, runnable in notebook_cells(notebook.get("cells", [])):
        filename = "<%s>" % name
        NOTEBOOK_CELLS.add(filename)
        lines = [line + "\n" for line in text.splitlines()]
        linecache.cache[filename] = (len(text), None, lines, filename)
        compiled.append(compile(runnable, filename, "exec"))
    for code in compiled:
        exec(code, handin.__dict__)
    return handin


# ---- running calls ---------------------------------------------------------------------------

def resolve_target(handin, store, target):
    if target.startswith("$"):
        name, _, attribute = target[1:].partition(".")
        if name not in store:
            raise PlanError("target %r refers to %r, which no earlier call stored" % (target, name))
        obj = store[name]
        return getattr(obj, attribute) if attribute else obj
    obj = handin
    for part in target.split("."):
        if not hasattr(obj, part):
            raise PlanError("the hand-in has no %r (looking for %r)" % (part, target))
        obj = getattr(obj, part)
    return obj


def resolve_argument(spec, arrays, store):
    if not isinstance(spec, dict) or len(spec) != 1:
        raise PlanError("an argument must be {\"array\"|\"value\"|\"ref\": ...}, got %r" % (spec,))
    kind, name = next(iter(spec.items()))
    if kind == "array":
        if name not in arrays:
            raise PlanError("inputs.npz has no array %r" % name)
        return arrays[name].copy()
    if kind == "value":
        return name
    if kind == "ref":
        if name not in store:
            raise PlanError("no stored result named %r" % name)
        return store[name]
    raise PlanError("unknown argument kind %r" % kind)


def set_seeds(seed):
    random.seed(seed)
    np.random.seed(seed % (2 ** 32))
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.manual_seed(seed)


def as_array(value, what):
    """The value as a C-ordered array: a returned transpose (y.T) is saved in the same order as
    any other array, and the scorer reads every .npy alike. (np.ascontiguousarray would turn a
    0-d result into a 1-d one.)"""
    if type(value).__module__.startswith("torch") and hasattr(value, "detach"):
        value = value.detach().cpu().contiguous().numpy()
    if not isinstance(value, (np.ndarray, np.generic, int, float, bool, list)):
        raise PlanError("%s is a %s; expected an array, a tuple/list of arrays, a dict of arrays, "
                        "a number or a torch tensor" % (what, type(value).__name__))
    try:
        array = np.asarray(value, order="C")
    except ValueError as e:
        raise PlanError("%s cannot be made into an array: %s" % (what, e)) from None
    if array.dtype.kind not in GRADABLE_KINDS:
        raise PlanError("%s is an array of dtype %s; only numeric and bool arrays can be graded"
                        % (what, array.dtype))
    return array


def result_arrays(value):
    if value is None:
        raise PlanError("the call returned None; expected an array")
    if isinstance(value, dict):
        return {str(k): as_array(v, "result[%r]" % k) for k, v in value.items()}
    if isinstance(value, tuple) or (isinstance(value, list) and value
                                    and not isinstance(value[0], (int, float, bool, list))):
        return {"result_%d" % i: as_array(v, "result[%d]" % i) for i, v in enumerate(value)}
    return {"result": as_array(value, "the result")}


def handin_traceback(error, roots):
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if frame.filename in NOTEBOOK_CELLS or any(frame.filename.startswith(root) for root in roots)]
    lines = ["Traceback (your code only):\n"] + traceback.format_list(frames)
    return readable("".join(lines + traceback.format_exception_only(type(error), error)))


def error_message(prefix, error):
    hint = drive_hint(error)
    return readable("%s%s: %s%s" % (prefix, type(error).__name__, error, " " + hint if hint else ""))


NO_DRIVE = ("The grader has no Google Drive: %s is not here. Data files the assignment gives you are in "
            "the grading folder under the names the handout uses: read them by a relative path (e.g. "
            "'data/train.csv'), not from /content/drive, and hand in any file of your own beside your notebook.")


def drive_hint(error):
    """The sentence for a hand-in that reads from Colab's Google Drive or /content, else ''."""
    names = [getattr(error, "filename", None), getattr(error, "filename2", None)]
    for name in [n for n in names if isinstance(n, str)] + re.findall(r"/content/[^'\"\s]*", str(error)):
        if name == "/content" or name.startswith("/content/"):
            return NO_DRIVE % name
    return ""


def readable(text):
    """Names notebook cells as a student reads them: 'Cell In [3], line 2', not 'File "<Cell In [3]>"'."""
    for filename in NOTEBOOK_CELLS:
        text = text.replace('File "%s"' % filename, filename[1:-1]).replace(filename, filename[1:-1])
    return text


def run_call(call, handin, arrays, store, out, roots):
    started = time.perf_counter()
    try:
        target = resolve_target(handin, store, call["target"])
        args = [resolve_argument(a, arrays, store) for a in call.get("args", [])]
        kwargs = {k: resolve_argument(v, arrays, store) for k, v in call.get("kwargs", {}).items()}
        set_seeds(int(call.get("seed", 0)))
        if "module_check" in call:
            value = run_module(target, args, kwargs, call["module_check"], arrays)
        else:
            value = target(*args, **kwargs)
        if call.get("store_as"):
            store[call["store_as"]] = value
        if call.get("output"):
            write_output(out, call["output"], result_arrays(value))
        return {"status": "ok", "seconds": time.perf_counter() - started}
    except PlanError as e:
        return {"status": "error", "seconds": time.perf_counter() - started, "message": str(e)}
    except BaseException as e:  # the student's code may raise anything, SystemExit included
        return {"status": "error", "seconds": time.perf_counter() - started,
                "message": error_message("", e), "traceback": handin_traceback(e, roots)}


# ---- module checks: an nn.Module of the hand-in with the reference's parameters ---------------

MODULE_SHAPES_KEPT = 40


def run_module(cls, args, init, spec, arrays):
    """Constructs ``cls(**init)``, loads the check's parameters into it by their PyTorch names and
    runs forward (and backward) in the mode the check names. Returns the arrays the scorer reads:
    ``parameter_shape.<name>`` for each parameter (and each named buffer the check loads),
    ``parameter_count``; when every name and shape matches also ``output_<k>`` (the returned
    tensors, nested tuples flattened), and after backward ``input_grad_<i>`` and
    ``parameter_grad.<name>``. A mismatch leaves out the forward: the scorer explains it."""
    import torch
    model = cls(**init)
    if not isinstance(model, torch.nn.Module):
        raise PlanError("constructing the model gave a %s; expected a torch.nn.Module" % type(model).__name__)
    expected = spec.get("parameters", {})
    own, loadable = module_tensors(model, expected)
    result = {"parameter_count": np.asarray(sum(p.numel() for p in own.values()), dtype=np.int64)}
    shown = [name for name in loadable if name in expected] + [name for name in own if name not in expected]
    for name in shown[:MODULE_SHAPES_KEPT]:
        if not NAME.match(name):
            raise PlanError("the model's parameter name %r is not a plain name" % name[:100])
        result["parameter_shape." + name] = np.asarray(tuple(loadable[name].shape), dtype=np.int64)
    matches = set(own) <= set(expected) and all(
        name in loadable and tuple(loadable[name].shape) == arrays[source].shape for name, source in expected.items())
    if not matches:
        return result
    floating = [a for a in args if isinstance(a, np.ndarray) and a.dtype.kind == "f"]
    model.to(torch.from_numpy(floating[0]).dtype if floating else torch.get_default_dtype())
    own, loadable = module_tensors(model, expected)  # .to() replaces buffers by new tensors
    with torch.no_grad():
        for name, source in expected.items():
            loadable[name].copy_(torch.from_numpy(arrays[source]))
    model.train(spec.get("mode") == "train")
    result.update(module_forward(model, args, spec.get("backward"), arrays, own))
    return result


def module_tensors(model, expected):
    """The model's parameters by name, and those plus the buffers the check loads."""
    own = dict(model.named_parameters())
    loadable = dict(own)
    loadable.update({name: b for name, b in model.named_buffers() if name in expected and b is not None})
    return own, loadable


def module_forward(model, args, backward, arrays, own):
    import torch
    inputs = [torch.from_numpy(a) if isinstance(a, np.ndarray) else a for a in args]
    if backward:
        for t in inputs:
            if isinstance(t, torch.Tensor) and t.is_floating_point():
                t.requires_grad_(True)
    model.zero_grad()
    with torch.set_grad_enabled(bool(backward)):
        outputs = flatten_outputs(model(*inputs))
    result = {"output_%d" % k: o for k, o in enumerate(outputs)}
    if backward:
        chosen = outputs[int(backward["output"])]
        (chosen * torch.from_numpy(arrays[backward["grad"]]).to(chosen.dtype)).sum().backward()
        for i, t in enumerate(inputs):
            if isinstance(t, torch.Tensor) and t.grad is not None:
                result["input_grad_%d" % i] = t.grad
        for name, p in own.items():
            result["parameter_grad." + name] = p.grad if p.grad is not None else torch.zeros_like(p)
    return result


def flatten_outputs(value):
    if isinstance(value, (tuple, list)):
        return [t for v in value for t in flatten_outputs(v)]
    return [value]


def write_output(out, name, arrays):
    if not NAME.match(name):
        raise PlanError("output name %r is not a plain file name" % name)
    np.savez(os.path.join(out, name + ".npz"), **arrays)


def device_report():
    """The device the run had: {"cuda": bool, "name": ...}. Only a run given a GPU imports torch to ask."""
    if not os.environ.get("CUDA_VISIBLE_DEVICES"):
        return {"cuda": False, "name": "cpu"}
    try:
        import torch
        if torch.cuda.is_available():
            return {"cuda": True, "name": torch.cuda.get_device_name(0)}
        return {"cuda": False, "name": "cpu (torch %s sees no CUDA device)" % torch.__version__}
    except Exception as e:  # noqa: BLE001  (an image without torch, or a broken driver: still a report)
        return {"cuda": False, "name": "cpu (%s)" % type(e).__name__}


def write_results(out, results):
    path = os.path.join(out, "results.json")
    if "device" not in DEVICE:
        DEVICE["device"] = device_report()
    with open(path + ".part", "w", encoding="utf-8") as f:
        TIMINGS["total"] = time.perf_counter() - STARTED
        json.dump({"harness_version": HARNESS_VERSION, "calls": results, "timings": TIMINGS, "notices": NOTICES,
                   "device": DEVICE["device"]}, f, indent=1)
    os.replace(path + ".part", path)


def report_started(argv):
    """Tells the host on the fd it passed (--started-fd N) that the sandbox is up, then closes it."""
    if "--started-fd" in argv:
        fd = int(argv[argv.index("--started-fd") + 1])
        os.write(fd, b"harness-started\n")
        os.close(fd)


def note_notices():
    notice = tensormark_colab.summary(SKIPPED)
    if notice and notice not in NOTICES:
        NOTICES.append(notice)
        print("TensorMark notice: " + notice)


def run_notebooks(job, plan, out):
    """A plan of notebooks goes to the notebook runner beside this file (tensormark_notebooks.py)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import tensormark_notebooks
    return tensormark_notebooks.run(job, plan, out)


def main(argv):
    job = argv[1] if len(argv) > 1 else "/job"
    report_started(argv)
    submission, out = os.path.join(job, "submission"), os.path.join(job, "out")
    plan = load_plan(job)
    if "notebooks" in plan:
        return run_notebooks(job, plan, out)
    if any(key.startswith("smoke:") for key in plan):
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import tensormark_smoke
        tensormark_smoke.run(job, plan, out)
        if not plan.get("calls"):
            return 0
    arrays = load_arrays(job)
    results = {}
    importing = time.perf_counter()
    try:
        handin = load_handin(submission, plan["module"])
        TIMINGS["handin_import"] = time.perf_counter() - importing
    except BaseException as e:
        note_notices()
        failure = {"status": "error", "seconds": 0.0,
                   "message": error_message("importing the hand-in failed: ", e),
                   "traceback": handin_traceback(e, [submission])}
        write_results(out, {call["id"]: failure for call in plan["calls"]})
        return 0
    note_notices()
    store = {}
    for call in plan["calls"]:
        results[call["id"]] = run_call(call, handin, arrays, store, out, [submission])
        write_results(out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
