"""Grade one submitted notebook: assemble what to run, run it in the sandbox, judge outside.

The cells that run are the instructor's, in the instructor's order, except answer cells,
which are the learner's (matched by nbgrader grade_id), followed by any cells the learner
added after them. Test cells are not run from the submission at all: their checks come
from the instructor's notebook (:mod:`plan`), the sandbox evaluates only each check's
``actual`` expression, and the comparison with the expected value happens here.

A cell that hangs, or a runner that dies (``os._exit``, a crash, a memory bomb), costs
that cell only: the runner is restarted without it, a few times at most, so the rest of
the notebook is still graded.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from aws_compute_course.assignments import nbgrader_meta
from aws_compute_course.checks import check_close, check_equal, check_in
from aws_compute_course.grading import sandbox, wire
from aws_compute_course.grading.plan import Plan, PlanError

MAX_RESTARTS = 3
_CHECKS = {"check_equal": check_equal, "check_close": check_close, "check_in": check_in}


class Ungradable(Exception):
    """The submission cannot be graded at all (the reason is the message)."""


@dataclass(frozen=True)
class CheckResult:
    what: str
    hidden: bool
    passed: bool
    message: str


@dataclass(frozen=True)
class QuestionResult:
    grade_id: str
    points: float
    score: float
    checks: tuple[CheckResult, ...]
    note: str = ""


@dataclass(frozen=True)
class NotebookResult:
    """The automatic grade of one notebook, and what happened while running it."""

    notebook: str
    questions: tuple[QuestionResult, ...]
    manual_answers: dict[str, str]
    problems: tuple[str, ...] = ()
    seconds: float = 0.0
    cells_run: dict[str, str] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return sum(q.score for q in self.questions)

    @property
    def max_score(self) -> float:
        return sum(q.points for q in self.questions)


def read_submission(path: Path) -> nbformat.NotebookNode:
    """Read a submitted notebook as leniently as is safe; ``Ungradable`` when impossible."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise Ungradable(f"cannot read the file ({err.strerror})") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise Ungradable(f"not valid JSON ({err.msg} at line {err.lineno}): truncated?") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("nbformat"), int):
        raise Ungradable("not a Jupyter notebook (no nbformat version)")
    if raw["nbformat"] >= 4 and not isinstance(raw.get("cells"), list):
        raise Ungradable("the notebook has no list of cells")
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as err:  # nbformat's reader raises many types for broken input
        raise Ungradable(f"not a readable notebook ({str(err).splitlines()[0][:200]})") from None
    cells = nb.get("cells")
    if not isinstance(cells, list):
        raise Ungradable("the notebook has no list of cells")
    for cell in cells:
        if not isinstance(cell, dict) or not isinstance(cell.get("source", ""), str | list):
            raise Ungradable("a cell is not a JSON object with a source")
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(map(str, cell["source"]))
        cell.setdefault("metadata", {})
        if not isinstance(cell["metadata"], dict):
            cell["metadata"] = {}
    return nb


def _learner_cells(
    nb: nbformat.NotebookNode,
) -> tuple[dict[str, dict], dict[str, list[str]], list[str]]:
    """Cells by grade_id, the code cells the learner added after each, and problems noticed."""
    answers: dict[str, dict] = {}
    added: dict[str, list[str]] = {"": []}
    problems: list[str] = []
    current = ""
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        if isinstance(grade_id, str) and grade_id:
            if grade_id in answers:
                # A pasted copy runs after the first, as Run All would run it; a duplicate of
                # an instructor's cell changes nothing (the instructor's version is used).
                problems.append(f"cell {grade_id!r} appears more than once")
                if cell.get("cell_type") == "code" and cell.get("source", "").strip():
                    added.setdefault(grade_id, []).append(cell["source"])
                continue
            answers[grade_id] = cell
            current = grade_id
            added.setdefault(current, [])
        elif cell.get("cell_type") == "code" and cell.get("source", "").strip():
            added.setdefault(current, []).append(cell["source"])
    return answers, added, problems


def assemble(plan: Plan, nb: nbformat.NotebookNode) -> tuple[list[dict], dict[str, str], list[str]]:
    """The runner's steps for this submission, the manual answers' text, and problems."""
    answers, added, problems = _learner_cells(nb)
    steps: list[dict] = []
    manual: dict[str, str] = {}

    def add(kind: str, grade_id: str, **payload: object) -> None:
        steps.append({"step": len(steps), "kind": kind, "grade_id": grade_id, **payload})

    for source in added.get("", []):
        add("answer", "(added cell)", source=source)
    for step in plan.steps:
        cell = answers.get(step.grade_id)
        if step.kind == "fixture":
            add("fixture", step.grade_id, source=step.source)
        elif step.kind == "answer":
            if cell is None:
                problems.append(f"answer cell {step.grade_id!r} is missing: scored as unanswered")
            elif cell.get("cell_type") != "code":
                problems.append(f"answer cell {step.grade_id!r} is no longer code: not run")
            else:
                add("answer", step.grade_id, source=cell["source"])
        elif step.kind == "test":
            question = plan.question(step.grade_id)
            add("test", step.grade_id, checks=[c.actual for c in question.checks])
        elif step.kind == "manual":
            manual[step.grade_id] = "" if cell is None else str(cell.get("source", ""))
        for source in added.get(step.grade_id, []):
            add("answer", f"(added after {step.grade_id})", source=source)
    return steps, manual, problems


def _accept(event: object, order: list[int], done: int, started: bool) -> str:
    """What an event on the channel is, given the steps so far: 'start', 'result', 'done'.

    The runner reports each step in order: a start, then its result. Anything else (an
    event for another step, a second report, an early 'done') is ignored: code in the
    submission can write to the channel, but only the report the grader expects next
    counts, so it can claim no more than its own code could return.
    """
    if not isinstance(event, dict):
        return "ignore"
    expected = order[done] if done < len(order) else None
    if "start" in event:
        return "start" if event["start"] == expected and not started else "ignore"
    if "step" in event:
        return "result" if event["step"] == expected and started else "ignore"
    if event.get("done") is True and done == len(order):
        return "done"
    return "ignore"


def _run_once(
    steps: list[dict],
    skip: set[int],
    scratch: Path,
    limits: sandbox.Limits,
    sandboxed: bool,
    deadline: float,
) -> tuple[dict[int, dict], int | None, str]:
    """Run the steps not in ``skip``; return events by step, the step that broke, and why."""
    job = scratch / "job.json"
    job.write_text(
        json.dumps({"steps": steps, "skip": sorted(skip), "output_limit": limits.output_chars})
    )
    order = [s["step"] for s in steps if s["step"] not in skip]
    process, fd, group = sandbox.start(job, scratch, limits, sandboxed)
    events: dict[int, dict] = {}
    started = False
    buffer = b""
    reason = ""
    cell_deadline = time.monotonic() + limits.cell_seconds
    try:
        with os.fdopen(fd, "rb", buffering=0) as channel:
            while True:
                now = time.monotonic()
                wait = min(cell_deadline, deadline) - now
                if wait <= 0:
                    reason = (
                        f"timed out after {limits.cell_seconds:g} s"
                        if now < deadline
                        else f"the notebook ran out of time ({limits.notebook_seconds:g} s)"
                    )
                    break
                ready, _, _ = select.select([channel], [], [], wait)
                if not ready:
                    continue
                chunk = channel.read(65536)
                if not chunk:
                    reason = "the runner died"
                    break
                buffer += chunk
                if len(buffer) > 16 * 1024 * 1024:
                    reason = "sent too much data"
                    break
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    try:
                        event = json.loads(line)
                    except ValueError:
                        continue
                    kind = _accept(event, order, len(events), started)
                    if kind == "start":
                        started = True
                        cell_deadline = time.monotonic() + limits.cell_seconds
                    elif kind == "result":
                        events[event["step"]] = event
                        started = False
                    elif kind == "done":
                        return events, None, ""
        if reason == "the runner died":
            # Read how it ended before stop() kills what is left of it.
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=2)
            code = process.returncode
            if code is not None and code < 0:
                reason = f"the runner was killed by signal {-code}"
                if -code == 9:
                    reason += " (a memory or CPU limit?)"
            elif code is not None:
                reason = f"the runner exited with status {code}"
    finally:
        sandbox.stop(process, group)
    running = order[len(events)] if len(events) < len(order) else None
    return events, running, reason


MAX_SEED_FILE = 10 * 1024 * 1024
MAX_SEED_TOTAL = 100 * 1024 * 1024


def seed_scratch(scratch: Path, folders: tuple[Path, ...]) -> None:
    """Copy the regular files (not sub-folders, not links) of ``folders`` into ``scratch``.

    This is the submission's working folder: the released files and the learner's own,
    later folders winning. Large files are left out rather than copied.
    """
    total = 0
    for folder in folders:
        for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
            if entry.is_symlink() or not entry.is_file() or entry.name == "job.json":
                continue
            size = entry.stat().st_size
            if size > MAX_SEED_FILE or total + size > MAX_SEED_TOTAL:
                continue
            shutil.copyfile(entry, scratch / entry.name)
            total += size


def run(
    steps: list[dict], limits: sandbox.Limits, sandboxed: bool, seed: tuple[Path, ...] = ()
) -> tuple[dict[int, dict], dict[int, str]]:
    """Run all steps, restarting without a step that hangs or kills the runner."""
    skip: set[int] = set()
    broken: dict[int, str] = {}
    events: dict[int, dict] = {}
    deadline = time.monotonic() + limits.notebook_seconds
    for _attempt in range(MAX_RESTARTS + 1):
        scratch = Path(tempfile.mkdtemp(prefix="grade-"))
        seed_scratch(scratch, seed)
        try:
            got, failed_step, reason = _run_once(steps, skip, scratch, limits, sandboxed, deadline)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        events = {**events, **got}
        if failed_step is None and not reason:
            return events, broken
        if failed_step is None or time.monotonic() >= deadline:
            for s in steps:
                if s["step"] not in events and s["step"] not in broken:
                    broken[s["step"]] = reason or "not run"
            return events, broken
        broken[failed_step] = reason
        skip.add(failed_step)
        events = {}  # a restart re-runs everything before the broken step
    for s in steps:
        if s["step"] not in events and s["step"] not in broken:
            broken[s["step"]] = f"not run: the runner failed {MAX_RESTARTS + 1} times"
    return events, broken


def judge(
    plan: Plan,
    steps: list[dict],
    events: dict[int, dict],
    broken: dict[int, str],
    expected: dict[str, list],
) -> list[QuestionResult]:
    """Compare the values the sandbox returned with the expected ones, question by question."""
    results = []
    by_grade = {s["grade_id"]: s for s in steps if s["kind"] == "test"}
    failed_answers: dict[str, list[str]] = {}
    pending: list[str] = []
    for s in steps:
        if s["kind"] == "answer":
            error = events.get(s["step"], {}).get("error") or broken.get(s["step"])
            if error:
                pending.append(f"{s['grade_id']}: {str(error)[:300]}")
        elif s["kind"] == "test":
            failed_answers[s["grade_id"]], pending = pending, []
    for question in plan.questions:
        step = by_grade[question.grade_id]
        event = events.get(step["step"], {})
        values = event.get("values") if isinstance(event.get("values"), list) else []
        checks = []
        for n, check in enumerate(question.checks):
            got = values[n] if n < len(values) and isinstance(values[n], dict) else None
            if got is None:
                message = broken.get(step["step"], "not evaluated")
                checks.append(
                    CheckResult(check.what, check.hidden, False, f"{check.what}: {message}")
                )
                continue
            if "error" in got:
                checks.append(
                    CheckResult(
                        check.what, check.hidden, False, f"{check.what}: {str(got['error'])[:500]}"
                    )
                )
                continue
            try:
                actual = wire.decode(got.get("value"))
            except ValueError as err:
                checks.append(CheckResult(check.what, check.hidden, False, f"{check.what}: {err}"))
                continue
            try:
                _CHECKS[check.function](
                    actual, expected[question.grade_id][n], check.what, **check.options
                )
                checks.append(CheckResult(check.what, check.hidden, True, ""))
            except AssertionError as err:
                checks.append(CheckResult(check.what, check.hidden, False, str(err)[:500]))
        passed = bool(checks) and all(c.passed for c in checks)
        errors = failed_answers.get(question.grade_id, [])
        note = ("an answer cell failed: " + "; ".join(errors)) if errors else ""
        results.append(
            QuestionResult(
                question.grade_id,
                question.points,
                question.points if passed else 0.0,
                tuple(checks),
                note,
            )
        )
    return results


def grade_notebook(
    path: Path,
    plan: Plan,
    expected: dict[str, list],
    limits: sandbox.Limits,
    sandboxed: bool,
    files: tuple[Path, ...] = (),
) -> NotebookResult:
    """Grade one submitted notebook against its plan (``Ungradable`` if it can't be read).

    ``files``: folders whose files the notebook may open from its working folder (the
    released assignment's, then the submission's own).
    """
    started = time.monotonic()
    nb = read_submission(path)
    steps, manual, problems = assemble(plan, nb)
    events, broken = run(steps, limits, sandboxed, files)
    for step, reason in sorted(broken.items()):
        problems.append(f"{steps[step]['kind']} cell {steps[step]['grade_id']!r}: {reason}")
    questions = judge(plan, steps, events, broken, expected)
    cells_run = {
        s["grade_id"]: (events.get(s["step"], {}).get("error") or broken.get(s["step"]) or "ok")
        for s in steps
        if s["kind"] == "answer"
    }
    return NotebookResult(
        plan.notebook,
        tuple(questions),
        manual,
        tuple(problems),
        time.monotonic() - started,
        cells_run,
    )


def expected_values(plan: Plan, limits: sandbox.Limits, sandboxed: bool) -> dict[str, list]:
    """Every check's expected value, from the instructor's fixture cells alone.

    Runs through the same runner (no learner code is involved); any failure is an
    authoring error in the instructor's notebook and stops grading with its reason.
    """
    steps: list[dict] = []
    for step in plan.steps:
        if step.kind == "fixture":
            steps.append(
                {
                    "step": len(steps),
                    "kind": "fixture",
                    "grade_id": step.grade_id,
                    "source": step.source,
                }
            )
        elif step.kind == "test":
            question = plan.question(step.grade_id)
            steps.append(
                {
                    "step": len(steps),
                    "kind": "test",
                    "grade_id": step.grade_id,
                    "checks": [c.expected for c in question.checks],
                }
            )
    events, broken = run(steps, limits, sandboxed)
    expected: dict[str, list] = {}
    for s in steps:
        event = events.get(s["step"], {})
        if s["step"] in broken or event.get("error"):
            raise PlanError(
                f"{plan.notebook}: instructor cell {s['grade_id']!r} failed: "
                f"{broken.get(s['step']) or event.get('error')}"
            )
        if s["kind"] == "test":
            values = []
            for n, got in enumerate(event.get("values", [])):
                if "error" in got:
                    what = plan.question(s["grade_id"]).checks[n].what
                    raise PlanError(
                        f"{plan.notebook}: {s['grade_id']}: expected value of "
                        f"{what!r} failed: {got['error']}"
                    )
                values.append(wire.decode(got["value"]))
            expected[s["grade_id"]] = values
    return expected
