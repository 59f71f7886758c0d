"""Runs one submission inside the sandbox: ``python -m aws_compute_course.grading.runner JOB FD``.

Reads the job (cells to run, check expressions to evaluate) from JOB, and writes one JSON
line per event to file descriptor FD: ``{"start": i}`` before step i, then
``{"step": i, "error": ...}`` after a cell, or ``{"step": i, "values": [...]}`` with one
``{"value": ...}`` or ``{"error": ...}`` per check expression.

Everything the grader needs is taken before any learner code runs (the channel, ``eval``,
``json``, ``to_plain``), and learner cells cannot change how check expressions are
evaluated (they are compiled and evaluated directly, not through IPython's input
transformers). Whatever a submission does to its own process, what leaves it is plain
JSON values; the grader compares them with expected values the sandbox never sees.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import sys
import warnings

from aws_compute_course.checks import NotPlainError, to_plain
from aws_compute_course.grading.wire import encode

_eval = builtins.eval
_compile = builtins.compile
_dumps = json.dumps
_write = os.write
_encode = encode


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
    """In the sandbox the job's folder is read-only: work on a copy of its files."""
    if os.path.realpath(seed) == os.getcwd():
        return
    for name in sorted(os.listdir(seed)):
        source = os.path.join(seed, name)
        if name != "job.json" and os.path.isfile(source) and not os.path.islink(source):
            with open(source, "rb") as src, open(name, "wb") as dst:
                dst.write(src.read())


def main(job_path: str, fd: int) -> None:
    with open(job_path, encoding="utf-8") as fh:
        job = json.load(fh)
    _copy_seed(os.path.dirname(job_path))

    def send(event: dict) -> None:
        _write(fd, (_dumps(event, allow_nan=True) + "\n").encode())

    # Learner output is captured (capped) at both the Python and the descriptor level.
    devnull = os.open(os.devnull, os.O_RDWR)
    for target in (0, 1, 2):
        os.dup2(devnull, target)
    out = _CappedText(int(job.get("output_limit", 65536)))
    sys.stdout = sys.stderr = out
    sys.stdin = io.StringIO("")
    warnings.simplefilter("default")

    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance(colors="NoColor")
    shell.showtraceback = lambda *a, **k: None
    namespace = shell.user_ns
    skip = set(job.get("skip", []))

    for item in job["steps"]:
        i = item["step"]
        if i in skip:
            continue
        send({"start": i})
        kind = item["kind"]
        if kind == "test":
            values = []
            for expr in item["checks"]:
                try:
                    plain = _encode(to_plain(_eval(_compile(expr, "<check>", "eval"), namespace)))
                    _dumps(plain, allow_nan=True)  # must be sendable before it is sent
                    values.append({"value": plain})
                except NotPlainError as err:
                    values.append({"error": f"not a plain value: {err}"})
                except BaseException as err:
                    values.append({"error": _error_text(err)})
            send({"step": i, "values": values})
            continue
        error = None
        if kind == "fixture":
            try:
                exec(_compile(item["source"], f"<fixture {i}>", "exec"), namespace)
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
