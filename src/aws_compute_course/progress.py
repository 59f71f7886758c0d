"""The learner's progress through the topics, for the start page.

Three things per built topic:

- **notebook run**: the learner's copy (``<workspace>/course/NN_<topic>.ipynb``, see
  :mod:`aws_compute_course.workspace`) has run a cell whose output the course does not
  store. The committed notebooks hold every other cell's output already, so only these
  cells (the explorables and quizzes, tagged ``nbval-ignore-output``, stored without
  output or execution count) tell a copy someone ran from one never opened.
- **exercise self-checked**: the last self-check of the topic's exercise. ``aws-course-check``
  (``make check``) records each result here, in
  ``<jupyter data dir>/aws_compute_course/selfcheck-<learner>.json``: outside the
  repository and the workspace, per OS user (each JupyterHub user has their own data
  directory) and per ``$AWS_COURSE_LEARNER`` name, as the practice notebook's progress file.
- **practice**: answers given in the practice notebook, through :data:`PRACTICE_HOOK`.

The practice hook: when ``course/10_practice.ipynb`` exists beside the start page, the
function named by :data:`PRACTICE_HOOK` (``module:function``) is called with no arguments
and returns ``{topic id: (answered correctly, answered)}`` for the topics practised. Until
that module exists, every topic's practice shows "not started". An error the hook raises
(a damaged progress file) is shown under the table, with the notebook and self-check
columns still filled in.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import nbformat
from jupyter_core.paths import jupyter_data_dir

from aws_compute_course.quiz import learner
from aws_compute_course.topics import Topic, all_topics, built
from aws_compute_course.workspace import RECORD as WORKSPACE_RECORD

FORMAT = 1
IGNORE_OUTPUT = "nbval-ignore-output"
PRACTICE_NOTEBOOK = "10_practice.ipynb"
#: ``module:function`` returning ``{topic id: (answered correctly, answered)}``.
PRACTICE_HOOK = "aws_compute_course.practice.summary:topic_scores"
NOT_STARTED = "not started"

PracticeSummary = Callable[[], Mapping[str, tuple[int, int]]]


class ProgressError(Exception):
    """The self-check record cannot be read; the message names the file and what is wrong."""


class SelfCheckReport(Protocol):
    """What a self-check report (:class:`aws_compute_course.selfcheck.Report`) offers here."""

    questions: tuple
    scored: tuple
    points_passed: float
    points_total: float
    all_passed: bool


# --- the self-check record ------------------------------------------------------------


def record_path(learner_name: str | None = None) -> Path:
    """This learner's self-check record under the Jupyter data directory."""
    name = learner() if learner_name is None else learner_name
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "learner"
    return Path(jupyter_data_dir()) / "aws_compute_course" / f"selfcheck-{safe}.json"


def read_selfchecks(path: Path | None = None) -> dict[str, dict]:
    """The last self-check per exercise (by notebook name without ``.ipynb``); {} when none."""
    path = record_path() if path is None else path
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        raise ProgressError(f"self-check record {path} cannot be read ({err})") from None
    checks = data.get("selfchecks") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(checks, dict):
        raise ProgressError(
            f"self-check record {path} is not a format-{FORMAT} record of this course"
        )
    return checks


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Two self-checks finishing at once must not lose each other's result."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def record_selfcheck(
    notebook: Path, report: SelfCheckReport, path: Path | None = None, now: float | None = None
) -> Path | None:
    """Record a self-check's result as the last one of ``notebook``'s exercise.

    Only a topic's exercise (``<topic id>.ipynb``) is recorded, as that topic's; returns
    the record's path, or None for any other notebook. A damaged record raises
    :class:`ProgressError` and is left as it is (writing over it would lose the results it
    holds); the file is replaced whole, so it is never half-written.
    """
    if Path(notebook).stem not in {t.id for t in all_topics()}:
        return None
    path = record_path() if path is None else path
    entry = {
        "checked_at": time.time() if now is None else now,
        "questions": len(report.scored),
        "passed": sum(q.status == "PASSED" for q in report.scored),
        "points_passed": report.points_passed,
        "points_total": report.points_total,
        "for_instructor": len(report.questions) - len(report.scored),
        "answered_for_instructor": sum(q.status == "ANSWERED" for q in report.questions),
        "all_passed": report.all_passed,
    }
    with _locked(path):
        checks = read_selfchecks(path)
        checks[Path(notebook).stem] = entry
        text = json.dumps({"format": FORMAT, "selfchecks": checks}, indent=1, sort_keys=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=path.parent, prefix=path.name, suffix=".tmp", delete=False
        ) as tmp:
            tmp.write(text + "\n")
        os.replace(tmp.name, path)
    return path


# --- what the start page shows ----------------------------------------------------------


@dataclass(frozen=True)
class TopicProgress:
    """One built topic's row on the start page."""

    topic: Topic
    notebook: str  # "run", "not run", "no copy" or "" (not in a workspace)
    selfcheck: dict | None
    practice: tuple[int, int] | None  # (answered correctly, answered); None: not started


def notebook_run(path: Path) -> bool:
    """Whether the learner ran a cell of this notebook that the course stores unexecuted."""
    nb = nbformat.read(path, as_version=4)
    return any(
        cell.cell_type == "code"
        and IGNORE_OUTPUT in cell.metadata.get("tags", [])
        and (cell.get("execution_count") is not None or cell.get("outputs"))
        for cell in nb.cells
    )


def _notebook_state(workspace: Path | None, topic: Topic) -> str:
    if workspace is None:
        return ""
    path = workspace / topic.notebook
    if not path.is_file():
        return "no copy"
    try:
        return "run" if notebook_run(path) else "not run"
    except (OSError, ValueError):  # not a notebook any more (edited outside JupyterLab)
        return "unreadable"


def _load_hook(hook: str) -> PracticeSummary | None:
    module_name, _, function = hook.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name and module_name.startswith(err.name):
            return None  # the practice summary is not there yet
        raise
    return getattr(module, function, None)


def practice_scores(
    course_dir: Path, hook: str = PRACTICE_HOOK
) -> tuple[dict[str, tuple[int, int]], str]:
    """Practice answers per topic, and a note when they cannot be read ({} if none)."""
    if not (course_dir / PRACTICE_NOTEBOOK).is_file():
        return {}, ""
    scores = {}
    try:
        summary = _load_hook(hook)
        for topic_id, (right, answered) in (summary() if summary else {}).items():
            if not 0 <= right <= answered:
                raise ValueError(f"topic {topic_id!r}: {right!r} right of {answered!r} answered")
            if answered:
                scores[topic_id] = (int(right), int(answered))
    except Exception as err:  # the page shows any failure in words, never a traceback
        return {}, f"Practice scores cannot be shown ({hook}): {err}"
    return scores, ""


def find_workspace(course_dir: Path) -> Path | None:
    """The learner workspace whose ``course/`` folder is ``course_dir``, if it is one."""
    workspace = course_dir.resolve().parent
    return workspace if (workspace / WORKSPACE_RECORD).is_file() else None


def course_progress(
    course_dir: Path, record: Path | None = None, hook: str = PRACTICE_HOOK
) -> tuple[list[TopicProgress], list[str]]:
    """Each built topic's progress, and notes on anything that could not be read."""
    notes = []
    try:
        checks = read_selfchecks(record)
    except ProgressError as err:
        checks = {}
        notes.append(f"{err}; the next `make check` will not write over it: move it away.")
    practice, note = practice_scores(course_dir, hook)
    notes += [note] if note else []
    workspace = find_workspace(course_dir)
    rows = [
        TopicProgress(t, _notebook_state(workspace, t), checks.get(t.id), practice.get(t.id))
        for t in built()
    ]
    if workspace is None:
        notes.append(
            "This page is not in your workspace, so which notebooks you ran is not shown: "
            "open it from `make lab`."
        )
    return rows, notes


def _selfcheck_text(check: dict | None) -> str:
    if check is None:
        return "not yet"
    day = time.strftime("%Y-%m-%d", time.localtime(check["checked_at"]))
    text = (
        f"{day}: {check['passed']} of {check['questions']} pass "
        f"({check['points_passed']:g} of {check['points_total']:g} points)"
    )
    if check["for_instructor"]:
        text += f", {check['answered_for_instructor']} of {check['for_instructor']} answered"
    return text


def _practice_text(score: tuple[int, int] | None) -> str:
    return NOT_STARTED if score is None else f"{score[0]} of {score[1]} right"


def progress_markdown(rows: list[TopicProgress], notes: list[str]) -> str:
    """The start page's progress table, with a line of totals and any notes."""
    lines = [
        "| # | Topic | Notebook | Exercise self-check (last) | Practice |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        t = row.topic
        cells = (row.notebook or "—", _selfcheck_text(row.selfcheck), _practice_text(row.practice))
        lines.append(f"| {t.number:02d} | {t.title} | {' | '.join(cells)} |")
    ran = sum(r.notebook == "run" for r in rows)
    checked = sum(r.selfcheck is not None for r in rows)
    practised = sum(r.practice is not None for r in rows)
    lines += [
        "",
        f"**{len(rows)} topics**: notebooks run {ran}, exercises self-checked {checked}, "
        f"topics practised {practised}.",
    ]
    lines += [f"\n{note}" for note in notes]
    return "\n".join(lines)


def show(course_dir: Path | None = None):
    """The progress table for the start page (run from the folder the page is in)."""
    from IPython.display import Markdown  # here: the self-check imports this module too

    rows, notes = course_progress(Path.cwd() if course_dir is None else course_dir)
    return Markdown(progress_markdown(rows, notes))
