"""Runs one submission in the sandbox: ``python -I -m aws_compute_course.grading.runner SEED FD``.

Reads a signing key and then the job (cells to run, check expressions to evaluate) from
stdin, copies the files of folder SEED into its working folder (when they differ), and
writes one signed line per event to file descriptor FD (:mod:`wire`): ``{"start": i}``
before step i, then ``{"step": i, "error": ...}`` after a cell, or
``{"step": i, "values": [...]}`` with one ``{"value": ...}`` or ``{"error": ...}`` per
check expression.

Everything the runner needs is imported before any learner code runs, and with the
submission's folder not on ``sys.path`` (``python -I``): a ``json.py`` or ``inspect.py``
handed in next to the notebook cannot stand in for the real one. Only then is the working
folder put first on ``sys.path``, as Jupyter does, for the learner's own modules. The job
never exists as a file the learner's code could read, the key only in this process's
memory, and the channel is not inherited by the processes learner code starts. Learner
cells cannot change how check expressions are evaluated (they are compiled and evaluated
directly, not through IPython's input transformers). Whatever a submission does to its own
process, what leaves it is plain JSON values; the grader compares them with expected values
the sandbox never sees.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import sys
import warnings

from IPython.core.interactiveshell import InteractiveShell

from aws_compute_course.checks import NotPlainError, to_plain
from aws_compute_course.grading import wire

_eval = builtins.eval
_compile = builtins.compile
_exec = builtins.exec
_dumps = json.dumps
_write = os.write
_encode = wire.encode
_sign = wire.sign
MAX_VALUE_CHARS = 1_000_000  # a returned value's JSON text; a bigger one is an error


class _CappedText(io.TextIOBase):
    """A text stream that keeps the first ``limit`` characters and counts the rest."""

    def __init__(self, limit: int) -> None:
        self.limit, self.kept, self.dropped = limit, [], 0
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        room = self.limit - self.size
        self.kept.append(text[: max(room, 0)])
        self.size += min(len(text), max(room, 0))
        self.dropped += max(len(text) - max(room, 0), 0)
        return len(text)

    def text(self) -> str:
        tail = f"\n[... {self.dropped} more characters not kept]" if self.dropped else ""
        return "".join(self.kept) + tail


def _error_text(err: BaseException) -> str:
    try:
        return f"{type(err).__name__}: {err}"[:2000]
    except BaseException:
        return type(err).__name__


def _copy_seed(seed: str) -> None:
    """In the sandbox the seed folder is read-only: work on a copy of its files."""
    if os.path.realpath(seed) == os.getcwd():
        return
    for name in sorted(os.listdir(seed)):
        source = os.path.join(seed, name)
        if os.path.isfile(source) and not os.path.islink(source):
            with open(source, "rb") as src, open(name, "wb") as dst:
                dst.write(src.read())


def _value(expr: str, namespace: dict) -> dict:
    """One check expression's value, ready to send, or the error it gave."""
    try:
        plain = _encode(to_plain(_eval(_compile(expr, "<check>", "eval"), namespace)))
        size = len(_dumps(plain, allow_nan=True))  # must be sendable before it is sent
    except NotPlainError as err:
        return {"error": f"not a plain value: {err}"}
    except BaseException as err:
        return {"error": _error_text(err)}
    if size > MAX_VALUE_CHARS:
        return {"error": f"the value is too large to return ({size:,} characters of JSON)"}
    return {"value": plain}


def main(seed: str, fd: int) -> None:
    stdin = sys.stdin.buffer
    key = stdin.read(wire.KEY_BYTES)
    job = json.loads(stdin.read())
    os.set_inheritable(fd, False)
    counter = 0

    def send(event: dict) -> None:
        nonlocal counter
        line = _sign(key, counter, event)
        counter += 1
        while line:
            line = line[_write(fd, line) :]

    # Learner output is captured (capped) at both the Python and the descriptor level.
    devnull = os.open(os.devnull, os.O_RDWR)
    for target in (0, 1, 2):
        os.dup2(devnull, target)
    out = _CappedText(int(job.get("output_limit", 65536)))
    sys.stdout = sys.stderr = out
    sys.stdin = io.StringIO("")
    warnings.simplefilter("default")

    shell = InteractiveShell.instance(colors="NoColor")
    shell.showtraceback = lambda *a, **k: None
    shell.run_cell("pass", store_history=False)  # IPython imports some modules on first use
    namespace = shell.user_ns
    _copy_seed(seed)
    sys.path.insert(0, os.getcwd())
    skip = set(job.get("skip", []))

    for item in job["steps"]:
        i = item["step"]
        if i in skip:
            continue
        send({"start": i})
        kind = item["kind"]
        if kind == "test":
            send({"step": i, "values": [_value(expr, namespace) for expr in item["checks"]]})
            continue
        error = None
        if kind == "fixture":
            try:
                _exec(_compile(item["source"], f"<fixture {i}>", "exec"), namespace)
            except BaseException as err:
                error = _error_text(err)
        else:
            try:
                result = shell.run_cell(item["source"], store_history=False)
                exc = result.error_before_exec or result.error_in_exec
                error = _error_text(exc) if exc is not None else None
            except BaseException as err:
                error = _error_text(err)
        send({"step": i, "error": error, "output": out.text()[-2000:] if error else ""})
    send({"done": True, "output": out.text()[:4000]})


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
