"""Hostile and broken Spot submissions, graded by the grading engine.

``tests/grading_fixtures/spot/`` holds one notebook per case, each made from the student copy
of the Spot assignment with mostly right answers (so that an attack that worked would inflate
the score visibly and a robustness failure would lose points visibly); ``cases.json`` gives
each one's expected outcome, reasoned from what its answers earn when the attack cannot work:
an automatic score out of 14, or "ungradable" with part of the reason. A case may set its
own ``memory_mb`` (a small limit is quicker to exceed) or ``cell_seconds`` (a case that hangs
waits out the cell limit; a shorter one ends it sooner); ``unconfined_hazard`` says what a case
does to a grader without our limits and sandbox (e.g. plain ``nbgrader autograde``).

A case's ``needs`` lists what its expected outcome depends on: ``sandbox`` for attacks on the
isolation itself (reading the solutions, writing outside the scratch folder, the network,
signalling the parent), which succeed by design without bubblewrap (partial isolation);
``memory_cgroup`` for memory held by several processes or in /tmp, which only a memory cgroup
for the whole submission bounds. Where the engine reports that it lacks one, the case is
skipped with that reason.

Each case is graded once per session, in cases.json's order, and the outcome is shared by its
own test and by the loop test, which then grades the correct submission again: the whole set
runs in one loop, in one process, with the correct submission graded before and after it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import site
import socket
import tempfile
import time
from pathlib import Path

import pytest

from aws_compute_course.grading import engine, sandbox
from aws_compute_course.grading import plan as planmod

pytestmark = [
    pytest.mark.notebooks,
    pytest.mark.filterwarnings("ignore:Cell is missing an id field"),  # no_cell_ids.ipynb
]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "grading_fixtures" / "spot"
CASES: dict[str, dict] = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
CORRECT = "correct.ipynb"
MAX_SCORE = 14
# Generous for a loaded CI machine: the hanging cases wait out the cell limit.
LIMITS = sandbox.Limits(cell_seconds=10, notebook_seconds=60, memory_mb=1024)
SANDBOXED, MODE = sandbox.isolation()
# Fixtures that write outside their scratch folder name their files with this prefix.
MARKER = "GRADING_FIXTURE_MARKER"

# Cases the engine gets wrong today (see the report); strict, so that a fix shows up as XPASS.
ENGINE_BUGS: dict[str, str] = {}
# Of those, the ones where grade_notebook raises instead of returning a result.
ENGINE_CRASHES: set[str] = set()


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What grading one fixture gave, and what it left behind."""

    result: engine.NotebookResult | None
    error: Exception | None  # Ungradable, or anything else grade_notebook raised
    leaked: tuple[str, ...]  # marker files found outside the sandbox (then deleted)
    left: tuple[str, ...]  # scratch folders, processes or fixture changes that survived
    seconds: float


_OUTCOMES: dict[str, Outcome] = {}


def _missing(case: dict) -> str:
    """Why this machine cannot give the case's expected outcome ('' when it can)."""
    for need in case.get("needs", []):
        if need == "sandbox" and not SANDBOXED:
            return f"needs the bubblewrap sandbox ({MODE})"
        if need == "memory_cgroup" and "memory cgroup" not in MODE:
            return f"needs a memory cgroup for the whole submission ({MODE})"
        if need not in ("sandbox", "memory_cgroup"):
            raise ValueError(f"unknown need {need!r}")
    return ""


def _params() -> list:
    params = []
    for name, case in CASES.items():
        marks = []
        if _missing(case):
            marks.append(pytest.mark.skip(reason=_missing(case)))
        if name in ENGINE_BUGS:
            marks.append(pytest.mark.xfail(strict=True, reason=ENGINE_BUGS[name]))
        params.append(pytest.param(name, marks=marks, id=name.removesuffix(".ipynb")))
    return params


@pytest.fixture(scope="module")
def graded():
    """The instructor's plan and expected values, computed once."""
    plan = planmod.plan_file(ROOT / "solutions" / "spot" / "spot.ipynb")
    return plan, engine.expected_values(plan, LIMITS, SANDBOXED)


@pytest.fixture(scope="module")
def scratch_root(tmp_path_factory):
    """Where the engine's scratch folders go while the fixtures are graded."""
    return tmp_path_factory.mktemp("scratch")


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def _remove_markers() -> tuple[str, ...]:
    """Delete the marker files an attack managed to write where it should not; list them."""
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in (".git", ".venv")]
        found += [Path(folder, f) for f in files if f.startswith(MARKER)]
    for folder in (*site.getsitepackages(), "/tmp", os.path.expanduser("~")):
        found += Path(folder).glob(f"{MARKER}*")
    for path in found:
        path.unlink(missing_ok=True)
    return tuple(sorted(str(p) for p in found))


def _processes_using(scratch: Path, wait: float = 5.0) -> list[str]:
    """Processes whose command line names ``scratch`` (after a grace period)."""
    deadline = time.monotonic() + wait
    while True:
        found = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                cmdline = Path("/proc", pid, "cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if str(scratch).encode() in cmdline:
                found.append(f"process {pid}: {cmdline.decode(errors='replace')[:200]}")
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


@contextlib.contextmanager
def _listening(port: int | None):
    """A TCP listener on 127.0.0.1:port for the network case (nothing when port is None)."""
    if port is None:
        yield
        return
    with socket.socket() as server:
        try:
            server.bind(("127.0.0.1", port))
        except OSError as err:
            pytest.skip(f"cannot listen on 127.0.0.1:{port} ({err.strerror})")
        server.listen()
        yield


def _limit_overrides(case: dict) -> dict:
    """Limits a case sets for itself (e.g. a smaller memory_mb, to exceed it quickly)."""
    return {k: case[k] for k in ("memory_mb", "cell_seconds") if k in case}


def _grade(name: str, graded, scratch_root: Path) -> Outcome:
    """Grade one fixture now, with scratch folders under ``scratch_root``."""
    plan, expected = graded
    limits = dataclasses.replace(LIMITS, **_limit_overrides(CASES[name]))
    before = _fingerprint(FIXTURES)
    result, error = None, None
    started = time.monotonic()
    saved, tempfile.tempdir = tempfile.tempdir, str(scratch_root)
    try:
        with _listening(CASES[name].get("listen_port")):
            result = engine.grade_notebook(FIXTURES / name, plan, expected, limits, SANDBOXED)
    except Exception as err:  # recorded: a crash must not hide what else went wrong
        error = err
    finally:
        tempfile.tempdir = saved
        leaked = _remove_markers()
    seconds = time.monotonic() - started
    left = [f"scratch folder {p.name}" for p in scratch_root.iterdir()]
    left += _processes_using(scratch_root)
    if _fingerprint(FIXTURES) != before:
        left.append("the fixtures folder changed")
    return Outcome(result, error, leaked, tuple(left), seconds)


def _outcome(name: str, graded, scratch_root: Path) -> Outcome:
    """The fixture's outcome, graded on first use."""
    if name not in _OUTCOMES:
        _OUTCOMES[name] = _grade(name, graded, scratch_root)
    return _OUTCOMES[name]


def _mismatch(name: str, outcome: Outcome) -> str:
    """How the outcome differs from cases.json ('' when it matches)."""
    case = CASES[name]
    result, error = outcome.result, outcome.error
    if error is not None and not isinstance(error, engine.Ungradable):
        return f"grading raised {type(error).__name__}: {error}"
    if case["expect"] == "ungradable":
        if error is None:
            return f"expected ungradable, got {result.score}/{result.max_score}"
        if case["reason_contains"].lower() not in str(error).lower():
            return f"ungradable, but the reason lacks {case['reason_contains']!r}: {error}"
        return ""
    if error is not None:
        return f"expected {case['score']}/{MAX_SCORE}, got ungradable: {error}"
    if (result.score, result.max_score) != (case["score"], MAX_SCORE):
        lost = {q.grade_id: q.score for q in result.questions if q.score < q.points}
        return (
            f"expected {case['score']}/{MAX_SCORE}, got {result.score:g}/{result.max_score:g}; "
            f"below full marks: {lost}; problems: {list(result.problems)}"
        )
    return ""


def test_cases_file_matches_the_fixtures():
    notebooks = {p.name for p in FIXTURES.iterdir() if p.name != "cases.json"}
    assert notebooks == set(CASES)
    assert next(iter(CASES)) == CORRECT  # graded first, and again after all the others
    assert CASES[CORRECT]["expect"] == "score"
    assert CASES[CORRECT]["score"] == MAX_SCORE
    for name, case in CASES.items():
        assert case["expect"] in ("score", "ungradable"), name
        assert case["why"].strip(), name
        _missing(case)  # raises on a need it does not know
        if case["expect"] == "score":
            assert 0 <= case["score"] <= MAX_SCORE, name
        else:
            assert case["reason_contains"].strip(), name
    assert set(ENGINE_BUGS) <= set(CASES)
    assert ENGINE_CRASHES.issubset(ENGINE_BUGS)


@pytest.mark.parametrize("name", _params())
def test_fixture_is_graded_as_expected(name, graded, scratch_root):
    outcome = _outcome(name, graded, scratch_root)
    assert not outcome.leaked, f"{name} wrote outside its sandbox: {outcome.leaked}"
    assert not outcome.left, f"{name} left behind: {outcome.left}"
    if outcome.error is not None and not isinstance(outcome.error, engine.Ungradable):
        raise outcome.error
    assert not _mismatch(name, outcome), f"{name}: {_mismatch(name, outcome)}"


def test_whole_set_in_one_loop_never_raises_or_interferes(graded, scratch_root):
    """The correct submission, every case in one loop, the correct one again: nothing leaks."""
    first = _outcome(CORRECT, graded, scratch_root)
    names = [name for name, case in CASES.items() if name != CORRECT and not _missing(case)]
    outcomes = {name: _outcome(name, graded, scratch_root) for name in names}
    last = _grade(CORRECT, graded, scratch_root)

    assert first.error is None and last.error is None
    assert first.result.score == last.result.score == MAX_SCORE
    assert [(q.grade_id, q.score) for q in last.result.questions] == [
        (q.grade_id, q.score) for q in first.result.questions
    ]
    raised = {
        name: f"{type(o.error).__name__}: {o.error}"
        for name, o in outcomes.items()
        if o.error is not None and not isinstance(o.error, engine.Ungradable)
    }
    assert set(raised) == ENGINE_CRASHES, f"grading raised: {raised}"
    wrong = {name: _mismatch(name, o) for name, o in outcomes.items() if _mismatch(name, o)}
    assert set(wrong) <= set(ENGINE_BUGS), f"outcomes differ from cases.json: {wrong}"
    leaked = {name: o.leaked for name, o in outcomes.items() if o.leaked}
    assert set(leaked) <= set(ENGINE_BUGS), f"wrote outside the sandbox: {leaked}"
    left = {name: o.left for name, o in outcomes.items() if o.left}
    assert not left and not last.left, f"left behind: {left or last.left}"
    bound = LIMITS.notebook_seconds + 10  # the notebook's wall time, then teardown
    slow = {name: round(o.seconds, 1) for name, o in outcomes.items() if o.seconds > bound}
    assert not slow, f"took longer than {bound:g} s: {slow}"
