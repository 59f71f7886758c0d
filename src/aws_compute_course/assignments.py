"""Student copies from instructor sources: generate them with nbgrader, and check they are current.

``solutions/<assignment>/<notebook>.ipynb`` are the nbgrader sources; ``exercises/<assignment>/``
holds the student copies nbgrader generates from them, committed and never edited by hand.

    python -m aws_compute_course.assignments [--root DIR] generate [--assignment ID] [--into DIR]
    python -m aws_compute_course.assignments [--root DIR] stale [--assignment ID]

``generate`` rewrites ``exercises/`` (or writes ``DIR/<assignment>/`` with ``--into``);
``stale`` regenerates into a temporary directory and compares byte for byte with
``exercises/``, exiting 1 when anything differs. ``--root`` names another course dir with
the same layout (the tests use a tiny one). Both first check every source notebook
(valid JSON and nbformat, and the test-cell convention with its ``# Hidden checks: N``
comments, read by :mod:`aws_compute_course.testcells` exactly as the grader and the
self-check read it). Bad input exits 2 with a one-line message.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

# The nbgrader cell helpers are re-exported: other tools read cells through this module.
from aws_compute_course.testcells import (
    ConventionError,
    cell_points,
    declared_hidden_checks,
    graded_cells,
    hidden_check_feedback,
    is_test_cell,
    nbgrader_meta,
)

SOURCE_DIR = "solutions"
RELEASE_DIR = "exercises"
# Files a learner's JupyterLab or Python leave behind; never part of a student copy.
IGNORED_DIRS = frozenset({".ipynb_checkpoints", "__pycache__"})
NBGRADER_TIMEOUT_S = 300


__all__ = [
    "RELEASE_DIR",
    "SOURCE_DIR",
    "AssignmentError",
    "Staleness",
    "assignment_ids",
    "cell_points",
    "check_sources",
    "compare_trees",
    "declared_hidden_checks",
    "generate",
    "hidden_check_counts",
    "is_test_cell",
    "load_notebook",
    "main",
    "nbgrader_env",
    "nbgrader_meta",
    "repo_root",
    "run_nbgrader",
    "staleness",
]


class AssignmentError(Exception):
    """Bad input to the assignment pipeline; the message names the file or assignment."""


def repo_root() -> Path:
    """The course checkout: the one holding this package's source, or else the cwd."""
    checkout = Path(__file__).resolve().parents[2]
    return checkout if (checkout / "nbgrader_config.py").is_file() else Path.cwd()


# --- notebooks and nbgrader cell metadata -------------------------------------------------


def load_notebook(path: Path) -> nbformat.NotebookNode:
    """Read and validate a notebook, raising AssignmentError that names the file and problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AssignmentError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise AssignmentError(f"{path}: is a directory, not a notebook") from None
    except (OSError, UnicodeDecodeError) as err:
        raise AssignmentError(f"{path}: cannot be read ({err})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise AssignmentError(f"{path}: not valid JSON ({err})") from None
    if not isinstance(data, dict) or data.get("nbformat") != 4:
        raise AssignmentError(f"{path}: not a Jupyter notebook (no nbformat 4 header)")
    try:
        nb = nbformat.reads(text, as_version=4)  # also joins multi-line sources
        nbformat.validate(nb)
    except Exception as err:  # nbformat raises several types; all mean "not a valid notebook"
        first_line = str(getattr(err, "message", err)).splitlines()[0]
        raise AssignmentError(f"{path}: not a valid notebook ({first_line})") from None
    return nb


def hidden_check_counts(source_nb_path: Path) -> dict[str, int]:
    """Check a source notebook against the test-cell convention; count each test's hidden checks.

    Returns grade_id -> number of check calls inside hidden blocks (0 when none). Raises
    ValueError naming the notebook and cell when a cell breaks the convention
    (:func:`aws_compute_course.testcells.graded_cells`, the parser the grader and the
    self-check use too).
    """
    try:
        nb = load_notebook(Path(source_nb_path))
    except AssignmentError as err:
        raise ValueError(str(err)) from None
    try:
        tests = graded_cells(nb.cells)
        hidden_check_feedback(nb.metadata)
    except ConventionError as err:
        raise ValueError(f"{source_nb_path}: {err}") from None
    return {t.grade_id: sum(c.hidden for c in t.checks) for t in tests}


# --- generating student copies ------------------------------------------------------------


def assignment_ids(root: Path) -> list[str]:
    """The assignments in ``root/solutions``: folders holding at least one notebook."""
    source = root / SOURCE_DIR
    if not source.is_dir():
        raise AssignmentError(f"{source}: no such directory (the instructor sources)")
    return sorted(
        p.name
        for p in source.iterdir()
        if p.is_dir() and not p.name.startswith((".", "_")) and any(p.glob("*.ipynb"))
    )


def _selected(root: Path, assignment: str | None) -> list[str]:
    known = assignment_ids(root)
    if assignment is None:
        return known
    if assignment not in known:
        choices = ", ".join(known) or "none"
        raise AssignmentError(
            f"unknown assignment {assignment!r}: {root / SOURCE_DIR} has {choices}"
        )
    return [assignment]


def check_sources(root: Path, ids: list[str]) -> None:
    """Validate every source notebook of the assignments; raise AssignmentError on the first."""
    for assignment in ids:
        for path in sorted((root / SOURCE_DIR / assignment).glob("*.ipynb")):
            try:
                hidden_check_counts(path)
            except ValueError as err:
                raise AssignmentError(str(err)) from None


def nbgrader_env() -> dict[str, str]:
    """Environment for nbgrader subprocesses.

    nbgrader creates and upgrades the gradebook by running ``alembic`` from PATH, so the
    venv's bin directory must be on it even when the venv is not activated.
    """
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return {**os.environ, "PATH": path, "PLOTLY_RENDERER": "plotly_mimetype"}


def run_nbgrader(
    args: list[str], course_root: Path, timeout: float | None = NBGRADER_TIMEOUT_S
) -> subprocess.CompletedProcess[str]:
    """Run an nbgrader command on a course dir, with this repo's config; raise on failure."""
    command = [sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={course_root}"]
    if not any(a.startswith("--CourseDirectory.db_url=") for a in args):
        # The config's gradebook belongs to the repo's own grading area; a course root given
        # here gets its own, or a run on a temporary course would write to the repo's.
        grading = Path(course_root) / "autograder"
        grading.mkdir(parents=True, exist_ok=True)
        command.append(f"--CourseDirectory.db_url=sqlite:///{grading / 'gradebook.db'}")
    try:
        # cwd is the repo so nbgrader reads its nbgrader_config.py; the root override wins.
        done = subprocess.run(
            command,
            cwd=repo_root(),
            env=nbgrader_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise AssignmentError(f"nbgrader {args[0]} took longer than {timeout} s") from None
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise AssignmentError(f"nbgrader {args[0]} failed (exit {done.returncode}):\n{tail}")
    return done


def generate(root: Path, assignment: str | None = None, into: Path | None = None) -> list[Path]:
    """Generate student copies of one or all assignments; return the files written.

    They go to ``root/exercises/<id>/``, or to ``into/<id>/`` when ``into`` is given. nbgrader
    always runs in a temporary course dir without a gradebook, so a failure leaves the
    existing copies untouched and nothing is recorded in ``autograder/gradebook.db``.
    """
    ids = _selected(root, assignment)
    check_sources(root, ids)
    dest = Path(into) if into is not None else root / RELEASE_DIR
    written: list[Path] = []
    if not ids:
        return written
    with tempfile.TemporaryDirectory(prefix="aws-course-generate-") as tmp:
        course = Path(tmp)
        for aid in ids:
            shutil.copytree(
                root / SOURCE_DIR / aid,
                course / SOURCE_DIR / aid,
                ignore=shutil.ignore_patterns(*IGNORED_DIRS, "*.pyc"),
            )
        run_nbgrader(["generate_assignment", assignment or "*", "--no-db", "--force"], course)
        for aid in ids:
            target = dest / aid
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(course / RELEASE_DIR / aid, target)
            written += sorted(p for p in target.rglob("*") if p.is_file())
    return written


@dataclass(frozen=True)
class Staleness:
    """How ``exercises/`` differs from what the sources generate (paths relative to it)."""

    modified: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        return not (self.modified or self.missing or self.extra)

    def lines(self, release: str = RELEASE_DIR) -> list[str]:
        """One human-readable line per differing file."""
        return (
            [
                f"modified: {release}/{p} differs from what its source generates"
                for p in self.modified
            ]
            + [f"missing:  {release}/{p} is generated but not committed" for p in self.missing]
            + [f"extra:    {release}/{p} has no source in {SOURCE_DIR}/" for p in self.extra]
        )


def _files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    files = {}
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if path.is_file() and not IGNORED_DIRS & set(relative.parts) and path.suffix != ".pyc":
            files[relative.as_posix()] = path
    return files


def compare_trees(expected: Path, actual: Path, prefix: str = "") -> Staleness:
    """Compare two folders byte for byte: ``actual`` is what is committed.

    Reported paths are relative to the folders, with ``prefix`` in front.
    """
    want, have = _files(expected), _files(actual)
    want = {prefix + k: v for k, v in want.items()}
    have = {prefix + k: v for k, v in have.items()}
    return Staleness(
        modified=tuple(
            sorted(
                k for k in want.keys() & have.keys() if want[k].read_bytes() != have[k].read_bytes()
            )
        ),
        missing=tuple(sorted(want.keys() - have.keys())),
        extra=tuple(sorted(have.keys() - want.keys())),
    )


def staleness(root: Path, assignment: str | None = None) -> Staleness:
    """Regenerate into a temporary dir and compare with ``root/exercises``."""
    with tempfile.TemporaryDirectory(prefix="aws-course-stale-") as tmp:
        fresh = Path(tmp)
        generate(root, assignment, into=fresh)
        if assignment is None:
            return compare_trees(fresh, root / RELEASE_DIR)
        return compare_trees(
            fresh / assignment, root / RELEASE_DIR / assignment, prefix=f"{assignment}/"
        )


# --- command line -------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m aws_compute_course.assignments",
        description="Generate student copies (exercises/) from nbgrader sources (solutions/).",
    )
    parser.add_argument("--root", type=Path, default=None, help="course dir (default: the repo)")
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="write student copies")
    gen.add_argument("--assignment", help="only this assignment id")
    gen.add_argument("--into", type=Path, help="write DIR/<assignment>/ instead of exercises/")
    stale = commands.add_parser(
        "stale", help="exit 1 when exercises/ is not what solutions/ generate"
    )
    stale.add_argument("--assignment", help="only this assignment id")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    args = _parser().parse_args(argv)
    root = (args.root or repo_root()).resolve()
    try:
        if args.command == "generate":
            written = generate(root, args.assignment, args.into)
            for path in written:
                print(f"wrote {_display(path)}")
            if not written:
                print(f"no assignments in {_display(root / SOURCE_DIR)}: nothing to generate")
            return 0
        found = staleness(root, args.assignment)
    except AssignmentError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if found.current:
        print(f"{RELEASE_DIR}/ is current")
        return 0
    print("\n".join(found.lines()))
    print(f"student copies are stale: run `make exercises` and commit {RELEASE_DIR}/")
    return 1


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
