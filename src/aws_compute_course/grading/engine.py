"""Grade one submitted notebook: assemble what to run, run it in the sandbox, judge outside.

The cells that run are the instructor's, in the instructor's order, except answer cells,
which are the learner's (matched by nbgrader grade_id), and cells the learner added, which
run where they stand (:mod:`submission`). Test cells are not run from the submission at
all: their checks come from the instructor's notebook (:mod:`plan`), the sandbox evaluates
only each check's ``actual`` expression, and the comparison with the expected value
happens here, one check at a time: whatever one check's value does to the comparison, it
fails that check only.

A cell that hangs, or a runner that dies (``os._exit``, a crash, a memory bomb), costs
that cell only: the runner is restarted without it (at most :data:`MAX_RESTARTS` times),
every result already produced is kept, and the cells that must run again to rebuild the
notebook's state are not charged to the notebook's time limit, which counts each cell's
first run only. A re-run cell may take at most twice its first run plus a second.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import select
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from aws_compute_course.grading import sandbox, wire
from aws_compute_course.grading.judge import CheckResult, QuestionResult, judge
from aws_compute_course.grading.plan import Plan, PlanError
from aws_compute_course.grading.submission import (
    Folder,
    Submission,
    Ungradable,
    assemble,
    read_path,
)

__all__ = ["CheckResult", "NotebookResult", "QuestionResult", "Ungradable", "grade_notebook"]

MAX_RESTARTS = 3
MAX_CHANNEL_BYTES = 16 * 1024 * 1024  # unread data the grader holds from one runner


@dataclass(frozen=True)
class NotebookResult:
    """The automatic grade of one notebook, and what happened while running it."""

    notebook: str
    questions: tuple[QuestionResult, ...]
    manual_answers: dict[str, str]
    problems: tuple[str, ...] = ()
    seconds: float = 0.0
    cells_run: dict[str, str] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)  # grade_id -> learner's source
    added: dict[str, tuple[str, ...]] = field(default_factory=dict)  # below grade_id -> code

    @property
    def score(self) -> float:
        return sum(q.score for q in self.questions)

    @property
    def max_score(self) -> float:
        return sum(q.points for q in self.questions)


# --- the scratch folder ---------------------------------------------------------------------


MAX_SEED_FILE = 10 * 1024 * 1024
MAX_SEED_TOTAL = 100 * 1024 * 1024


def seed_scratch(scratch: Path, sources: tuple[Path | Folder, ...]) -> None:
    """Copy the regular files (not sub-folders, not links) of ``sources`` into ``scratch``.

    This is the submission's working folder: the released files and the learner's own,
    later sources winning. A :class:`Folder` (a submission's) is read through its open
    descriptor, never through a link; large files are left out rather than copied.
    """
    total = 0
    for source in sources:
        folder = source if isinstance(source, Folder) else _trusted(source)
        if folder is None:
            continue
        try:
            for name, fd in folder.files():
                size = os.fstat(fd).st_size
                if size > MAX_SEED_FILE or total + size > MAX_SEED_TOTAL:
                    continue
                with open(scratch / name, "wb") as out, open(fd, "rb", closefd=False) as src:
                    shutil.copyfileobj(src, out)
                total += size
        finally:
            if folder is not source:
                folder.close()


def _trusted(path: Path) -> Folder | None:
    try:
        return Folder(os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC), str(path))
    except OSError:
        return None


# --- running --------------------------------------------------------------------------------


def _accept(event: object, order: list[int], done: int, started: bool) -> str:
    """What an event on the channel is, given the steps so far: 'start', 'result', 'done'.

    Lines are signed (:mod:`wire`), so these are the runner's own; the order is checked
    anyway, so that a runner whose memory the submission rewrote can claim no more than
    its own code could return.
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


@dataclass
class _Clock:
    """The notebook's time: each step's first run is charged, re-runs are not."""

    limits: sandbox.Limits
    charged: float = 0.0
    first_run: dict[int, float] = field(default_factory=dict)  # step -> seconds it took

    def allowance(self, step: int) -> tuple[float, str, bool]:
        """How long ``step`` may run now, the reason to give when it runs out, and whether
        that is the notebook's time (nothing more runs) rather than the cell's."""
        cell = self.limits.cell_seconds
        if step in self.first_run:
            rerun = min(cell, 2 * self.first_run[step] + 1.0)
            return rerun, f"timed out when run again after a restart ({rerun:.1f} s)", False
        left = self.limits.notebook_seconds - self.charged
        if left < cell:
            why = f"the notebook ran out of time ({self.limits.notebook_seconds:g} s of cells)"
            return max(left, 0.0), why, True
        return cell, f"timed out after {cell:g} s", False

    def ran(self, step: int, seconds: float) -> None:
        if step not in self.first_run:
            self.first_run[step] = seconds
            self.charged += seconds


@dataclass
class _Attempt:
    """What one start of the runner produced."""

    events: dict[int, dict] = field(default_factory=dict)
    broken_step: int | None = None
    reason: str = ""
    out_of_time: bool = False  # the notebook's time ran out: no restart
    forged: int = 0  # lines on the channel the runner did not sign


def _start(job: dict, scratch: Path, limits: sandbox.Limits, sandboxed: bool, key: bytes):
    process, fd, groups = sandbox.start(scratch, limits, sandboxed)

    def feed() -> None:  # in a thread: a runner that never reads cannot block the grader
        # OSError: it died at once; its channel will say so.
        with contextlib.suppress(OSError), process.stdin:
            process.stdin.write(key + json.dumps(job).encode())

    threading.Thread(target=feed, daemon=True).start()
    return process, fd, groups


def _run_once(
    steps: list[dict], skip: set[int], scratch: Path, limits: sandbox.Limits, sandboxed: bool,
    clock: _Clock,
) -> _Attempt:  # fmt: skip
    """Run the steps not in ``skip``, until they are done or one hangs or kills the runner."""
    key = secrets.token_bytes(wire.KEY_BYTES)
    job = {"steps": steps, "skip": sorted(skip), "output_limit": limits.output_chars}
    order = [s["step"] for s in steps if s["step"] not in skip]
    process, fd, groups = _start(job, scratch, limits, sandboxed, key)
    got = _Attempt()
    counter, started_at, buffer = 0, None, b""
    # Until the first step starts: the runner's own start-up, bounded by the cell limit.
    deadline, why = time.monotonic() + limits.cell_seconds, "the runner did not start in time"
    final = False
    try:
        with os.fdopen(fd, "rb", buffering=0) as channel:
            while True:
                wait = deadline - time.monotonic()
                if wait <= 0:
                    got.reason, got.out_of_time = why, final
                    break
                if not select.select([channel], [], [], wait)[0]:
                    continue
                chunk = channel.read(65536)
                if not chunk:
                    got.reason = _death(process)
                    break
                buffer += chunk
                if len(buffer) > MAX_CHANNEL_BYTES:
                    got.reason = "sent too much data"
                    break
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    payload = wire.verify(key, counter, line)
                    if payload is None:
                        got.forged += 1
                        continue
                    counter += 1
                    try:
                        event = json.loads(payload)
                    except (ValueError, RecursionError):
                        event = None
                    done = len(got.events)
                    kind = _accept(event, order, done, started_at is not None)
                    if kind == "start":
                        started_at = time.monotonic()
                        allowed, why, final = clock.allowance(event["start"])
                        deadline = started_at + allowed
                    elif kind == "result":
                        clock.ran(event["step"], time.monotonic() - started_at)
                        got.events[event["step"]] = event
                        started_at = None
                        deadline, why = time.monotonic() + limits.cell_seconds, "the runner hung"
                        final = False
                    elif kind == "done":
                        return got
    finally:
        sandbox.stop(process, groups)
    if len(got.events) < len(order):
        got.broken_step = order[len(got.events)]
        if started_at is not None and got.broken_step not in clock.first_run:
            clock.ran(got.broken_step, time.monotonic() - started_at)
    return got


def _death(process: subprocess.Popen) -> str:
    """How the runner ended, read before stop() kills what is left of it."""
    try:
        code = process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        return "the runner died"
    if code < 0:
        return f"the runner was killed by signal {-code}" + (
            " (a memory or CPU limit?)" if -code == 9 else ""
        )
    return f"the runner exited with status {code}"


def run(
    steps: list[dict], limits: sandbox.Limits, sandboxed: bool, seed: tuple = ()
) -> tuple[dict[int, dict], dict[int, str], int]:
    """Run all steps, restarting without a step that hangs or kills the runner.

    Returns the events by step, the reason each broken or unrun step gives, and how many
    forged lines the channel received.
    """
    clock = _Clock(limits)
    events: dict[int, dict] = {}
    broken: dict[int, str] = {}
    forged = 0
    for _attempt in range(MAX_RESTARTS + 1):
        # Tests already evaluated keep their values; cells run again to rebuild the state.
        skip = set(broken) | {
            s["step"] for s in steps if s["kind"] == "test" and s["step"] in events
        }
        scratch = Path(tempfile.mkdtemp(prefix="grade-"))
        try:
            seed_scratch(scratch, seed)
            got = _run_once(steps, skip, scratch, limits, sandboxed, clock)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        forged += got.forged
        events = {**got.events, **events}  # a step's first result stands
        if got.broken_step is None and not got.reason:
            return events, broken, forged
        if got.broken_step is None or got.out_of_time:
            for s in steps:
                if s["step"] not in events and s["step"] not in broken:
                    broken[s["step"]] = got.reason or "not run"
            return events, broken, forged
        broken[got.broken_step] = got.reason
    for s in steps:
        if s["step"] not in events and s["step"] not in broken:
            broken[s["step"]] = f"not run: the runner failed {MAX_RESTARTS + 1} times"
    return events, broken, forged


# --- one notebook ---------------------------------------------------------------------------


def grade_notebook(
    source: Path | Submission,
    plan: Plan,
    expected: dict[str, list],
    limits: sandbox.Limits,
    sandboxed: bool,
    files: tuple[Path | Folder, ...] = (),
) -> NotebookResult:
    """Grade one submitted notebook against its plan (``Ungradable`` if it can't be read).

    ``source``: the submission already read, or the path of one to read (within
    ``limits``' size and cell caps). ``files``: folders whose files the notebook may open
    from its working folder (the released assignment's, then the submission's own).
    """
    started = time.monotonic()
    if not isinstance(source, Submission):
        source = read_path(Path(source), limits.submission_mb, limits.max_cells)
    work = assemble(plan, source)
    events, broken, forged = run(work.steps, limits, sandboxed, files)
    problems = list(work.problems)
    for step, reason in sorted(broken.items()):
        problems.append(
            f"{work.steps[step]['kind']} cell {work.steps[step]['grade_id']!r}: {reason}"
        )
    if forged:
        problems.append(
            f"the result channel got {forged} line(s) the runner did not write: ignored"
        )
    questions = judge(plan, work.steps, events, broken, expected)
    cells_run = {
        s["grade_id"]: (events.get(s["step"], {}).get("error") or broken.get(s["step"]) or "ok")
        for s in work.steps
        if s["kind"] == "answer"
    }
    manual = {gid: work.answers.get(gid, "") for gid, _points in plan.manual}
    return NotebookResult(
        plan.notebook,
        tuple(questions),
        manual,
        tuple(problems),
        time.monotonic() - started,
        cells_run,
        work.answers,
        work.added,
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
            checks = [c.expected for c in plan.question(step.grade_id).checks]
            steps.append(
                {"step": len(steps), "kind": "test", "grade_id": step.grade_id, "checks": checks}
            )
    events, broken, _ = run(steps, limits, sandboxed)
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
                what = plan.question(s["grade_id"]).checks[n].what
                try:
                    if "error" in got:
                        raise ValueError(got["error"])
                    values.append(wire.decode(got["value"]))
                except (ValueError, KeyError) as err:
                    raise PlanError(
                        f"{plan.notebook}: {s['grade_id']}: expected value of {what!r} "
                        f"failed: {err}"
                    ) from None
            expected[s["grade_id"]] = values
    return expected
