"""TensorMark's one treatment of the lines a notebook written on Colab or in Jupyter has that mean
nothing in the grading sandbox, used by both runners (tensormark_harness.py for a notebook handed in
as a module, tensormark_notebooks.py for nbgrader notebooks).

Each such line becomes a line that does nothing, in its place, so that line numbers stay the
student's:

- installs and downloads (``!pip install``, ``%pip``, ``!python -m pip``, conda, wget, curl): the
  grading image has the packages, and the sandbox has no network;
- Google Colab: ``from google.colab import drive, files`` binds those names to a stand-in whose
  every call does nothing (``files.upload()`` returns no files), and ``drive.mount(...)`` lines
  are skipped; the data files an assignment gives are in the working directory;
- other IPython magics (``%matplotlib inline``) and shell lines (``!ls``; ``x = !ls`` binds None).

What was skipped is told to the student, either as one notice listing each kind once with an
example (``summary``) or as one notice per line (``line_notices``). Standard library only.
"""

import re

INSTALL = re.compile(r"^(\s*)(?:[!%]\s*(?:python3?\s+-m\s+)?pip3?\b|pip3?\s+install\b|%conda\b|!\s*conda\b"
                     r"|[!%]\s*(?:wget|curl)\b)")
COLAB_USE = re.compile(r"\bgoogle\.colab\b|\bdrive\.mount\s*\(|\bfiles\.(?:upload|download)\s*\(")
COLAB_FROM = re.compile(r"^(\s*)from\s+google\.colab(?:\.\w+)*\s+import\s+\(?\s*([\w\s,]+?)\s*\)?\s*(?:#.*)?$")
COLAB_IMPORT = re.compile(r"^(\s*)import\s+google\.colab(?:\.\w+)*(?:\s+as\s+(\w+))?\s*(?:#.*)?$")
COLAB_SKIP = re.compile(r"^(\s*)(?:from\s+google\.colab\b|import\s+google\.colab\b|drive\.mount\s*\()")
SHELL = re.compile(r"^(\s*)([A-Za-z_][A-Za-z0-9_]*\s*=\s*)?[!%]")

# An object whose every attribute is itself and whose every call returns an empty dict (what
# files.upload() returns when nothing was chosen), written as one expression so that it fits on
# the line it replaces and needs nothing imported in the interpreter that runs the cell.
STAND_IN = ("type('ColabStandIn', (), {'__getattr__': lambda self, name: self, "
            "'__call__': lambda self, *args, **kwargs: {}})()")

INSTALL_KIND = "package installs (!pip / %pip install): the grading image's packages are used"
COLAB_KIND = "Google Colab calls (google.colab, drive.mount, files.upload): the grader is not Colab"
SHELL_KIND = "shell commands (!...): the grader runs no shell"

INSTALL_WHY = "installs and downloads are not run: the grading image has the packages"
COLAB_WHY = "Google Colab and Drive are not available: data files are in the working directory"


def kind_of(line):
    """(kind for the summary, reason for a per-line notice or None) of a line to skip, else None."""
    stripped = line.strip()
    if INSTALL.match(line):
        return INSTALL_KIND, INSTALL_WHY
    if COLAB_USE.search(stripped):
        return COLAB_KIND, COLAB_WHY if COLAB_SKIP.match(line) else None
    if stripped.startswith("%") and not stripped.startswith("%%"):
        return "IPython magics (" + stripped.split()[0] + ")", None
    if stripped.startswith("!"):
        return SHELL_KIND, None
    return None


def neutralised_line(line):
    """The line to run in place of ``line``: itself, or one that does nothing (or binds stand-ins)."""
    colab = COLAB_FROM.match(line)
    if colab and "*" not in line:
        names = [part.split(" as ")[-1].strip() for part in colab.group(2).split(",") if part.strip()]
        return colab.group(1) + " = ".join(names + [STAND_IN]) + "  # neutralised"
    colab = COLAB_IMPORT.match(line)
    if colab:
        return colab.group(1) + (colab.group(2) or "google") + " = " + STAND_IN + "  # neutralised"
    for pattern in (INSTALL, COLAB_SKIP):
        found = pattern.match(line)
        if found:
            return found.group(1) + "pass  # neutralised"
    shell = SHELL.match(line)
    if shell:
        indent, assigned = shell.group(1), shell.group(2)
        return indent + (assigned.strip() + " None" if assigned else "pass") + "  # neutralised"
    return line


def neutralised(source, skipped=None):
    """The runnable source of a cell, line for line; every line skipped is added to ``skipped``."""
    out = []
    for line in source.splitlines():
        kind = kind_of(line)
        if kind and skipped is not None:
            skipped.append((kind, line.strip()))
        out.append(neutralised_line(line))
    return "\n".join(out) + "\n"


def summary(skipped):
    """The one notice listing each kind skipped once, with its first example; None when nothing was."""
    examples = {}
    for (kind, _), line in skipped:
        examples.setdefault(kind, line)
    if not examples:
        return None
    kinds = "; ".join("%s (e.g. %r)" % (kind, example[:80]) for kind, example in examples.items())
    return "The grader skipped what only works in Colab or Jupyter: " + kinds + "."


def line_notices(skipped, where):
    """A notice per skipped install or Colab line: "<where>: '<line>' was skipped (<why>)"."""
    return ["%s: '%s' was skipped (%s)" % (where, line, why) for (_, why), line in skipped if why]
