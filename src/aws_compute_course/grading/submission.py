"""Reading a submitted notebook once, within limits, and deciding what of it runs.

A submission is read from bytes exactly once: at most ``Limits.submission_mb`` of them and
``Limits.max_cells`` cells, else it is ungradable unread. Only what grading uses is kept of
each cell (its type, its source, and nbgrader's grade_id and flags when they have the right
types); outputs, attachments and any other metadata are dropped, so nothing a learner puts
there (JSON nested thousands deep, a string where nbgrader expects a dict) reaches the rest
of the grader.

In a course folder, submissions are opened below ``submitted/`` without following any
symbolic link (:class:`Folder`): a notebook, an assignment folder or a student folder that
is a link is ungradable, and no file outside ``submitted/<student>/`` is ever opened.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aws_compute_course.grading.plan import Plan
from aws_compute_course.testcells import grade_id

MB = 1024 * 1024
_FLAGS = ("grade", "solution", "locked", "task")


class Ungradable(Exception):
    """The submission cannot be graded at all (the reason is the message)."""


@dataclass(frozen=True)
class Submission:
    """The cells of a submitted notebook: type, source and sanitised nbgrader metadata."""

    cells: tuple[dict, ...]


# --- reading --------------------------------------------------------------------------------


def read_capped(fd: int, max_mb: int) -> bytes:
    """The contents of the open regular file ``fd``, refused unread if over ``max_mb``."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise Ungradable("not a regular file")
    limit = max_mb * MB
    if info.st_size > limit:
        raise Ungradable(f"the file is {info.st_size / MB:.1f} MB; the limit is {max_mb} MB")
    chunks, size = [], 0
    while size <= limit:  # it may have grown since fstat
        chunk = os.read(fd, min(limit + 1 - size, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise Ungradable(f"the file is over {max_mb} MB, the limit")
    return b"".join(chunks)


def read_path(path: Path, max_mb: int, max_cells: int) -> Submission:
    """Read a notebook the caller trusts the path of (a learner's own, a test's fixture)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as err:
        raise Ungradable(f"cannot read the file ({err.strerror})") from None
    try:
        return parse(read_capped(fd, max_mb), max_cells)
    finally:
        os.close(fd)


def _metadata(cell: dict) -> dict:
    """The nbgrader metadata grading uses, keeping only values of the right type."""
    metadata = cell.get("metadata")
    raw = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    if not isinstance(raw, dict):
        return {}
    kept = {k: raw[k] for k in _FLAGS if isinstance(raw.get(k), bool)}
    gid = raw.get("grade_id")
    if isinstance(gid, str) and gid:
        kept["grade_id"] = gid
    points = raw.get("points")
    if isinstance(points, int | float) and not isinstance(points, bool):
        kept["points"] = points
    return {"nbgrader": kept} if kept else {}


def _cell(raw: object, index: int, source_key: str) -> dict:
    if not isinstance(raw, dict) or not isinstance(raw.get("cell_type"), str):
        raise Ungradable(f"cell {index + 1} is not a JSON object with a cell type")
    source = raw.get(source_key, "")
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        source = "".join(source)
    if not isinstance(source, str):
        raise Ungradable(f"cell {index + 1} has a source that is not text")
    kind = raw["cell_type"]
    if kind == "heading":  # nbformat 3's headings are markdown in nbformat 4
        level = raw.get("level")
        source = "#" * (level if isinstance(level, int) and 0 < level < 7 else 1) + " " + source
        kind = "markdown"
    return {"cell_type": kind, "source": source, "metadata": _metadata(raw)}


def parse(data: bytes, max_cells: int) -> Submission:
    """Parse a submitted notebook's bytes (nbformat 3 or 4) into the cells grading uses."""
    try:
        raw = json.loads(data)
    except RecursionError:
        raise Ungradable("not readable: its JSON is nested too deeply") from None
    except UnicodeDecodeError:
        raise Ungradable("not valid JSON (not UTF-8 text: compressed or binary?)") from None
    except json.JSONDecodeError as err:
        raise Ungradable(f"not valid JSON ({err.msg} at line {err.lineno}): truncated?") from None
    version = raw.get("nbformat") if isinstance(raw, dict) else None
    if isinstance(version, bool) or not isinstance(version, int):
        raise Ungradable("not a Jupyter notebook (no nbformat version)")
    if version == 4:
        cells, source_key = raw.get("cells"), "source"
        if not isinstance(cells, list):
            raise Ungradable("the notebook has no list of cells")
    elif version == 3:
        sheets = raw.get("worksheets")
        sheets = sheets if isinstance(sheets, list) else []
        cells = [c for s in sheets if isinstance(s, dict) for c in s.get("cells") or []]
        source_key = "input"  # nbformat 3 code cells; other cells use "source", below
    else:
        raise Ungradable(f"nbformat {version} is not supported (only 3 and 4)")
    if len(cells) > max_cells:
        raise Ungradable(f"the notebook has {len(cells):,} cells; the limit is {max_cells:,}")
    parsed = []
    for index, cell in enumerate(cells):
        key = source_key if isinstance(cell, dict) and cell.get("cell_type") == "code" else "source"
        parsed.append(_cell(cell, index, key))
    return Submission(tuple(parsed))


# --- opening below submitted/ without following links --------------------------------------


def _is_link(name: str, dir_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _open_below(name: str, dir_fd: int, flags: int, shown: str) -> int:
    try:
        return os.open(name, flags | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dir_fd)
    except OSError as err:
        if _is_link(name, dir_fd):
            raise Ungradable(f"{shown} is a symbolic link (links are not followed)") from None
        if err.errno == errno.ENOENT:
            raise Ungradable(f"{shown} is missing") from None
        if err.errno == errno.ENOTDIR:
            raise Ungradable(f"{shown} is not a folder") from None
        raise Ungradable(f"cannot open {shown} ({err.strerror})") from None


@dataclass
class Folder:
    """A folder below a trusted one, opened component by component without following links.

    ``fd`` stays open (and keeps naming the same folder) until :meth:`close`.
    """

    fd: int
    shown: str
    _closed: bool = field(default=False, repr=False)

    @classmethod
    def open(cls, base: Path, parts: tuple[str, ...], shown: str) -> Folder:
        """Open ``base/parts...``; ``base`` itself may be a link (it is the instructor's)."""
        fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        where = shown
        try:
            for part in parts:
                where = f"{where}/{part}"
                inner = _open_below(part, fd, os.O_RDONLY | os.O_DIRECTORY, where)
                os.close(fd)
                fd = inner
        except BaseException:
            os.close(fd)
            raise
        return cls(fd, where)

    def read(self, name: str, max_mb: int, max_cells: int) -> Submission:
        """Read and parse notebook ``name`` in this folder (not through a link)."""
        fd = _open_below(name, self.fd, os.O_RDONLY, f"{self.shown}/{name}")
        try:
            try:
                data = read_capped(fd, max_mb)
            except Ungradable as err:
                raise Ungradable(f"{self.shown}/{name}: {err}") from None
        finally:
            os.close(fd)
        return parse(data, max_cells)

    def files(self) -> Iterator[tuple[str, int]]:
        """(name, open descriptor) of each regular file directly in the folder, not links."""
        for name in sorted(os.listdir(self.fd)):
            try:
                fd = os.open(
                    name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=self.fd
                )
            except OSError:
                continue  # a link, or gone
            try:
                if stat.S_ISREG(os.fstat(fd).st_mode):
                    yield name, fd
            finally:
                os.close(fd)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            os.close(self.fd)


@contextlib.contextmanager
def opened(base: Path, parts: tuple[str, ...], shown: str) -> Iterator[Folder]:
    folder = Folder.open(base, parts, shown)
    try:
        yield folder
    finally:
        folder.close()


# --- what runs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assembled:
    """The runner's steps for a submission, and what the autograded notebook shows of it."""

    steps: list[dict]
    answers: dict[str, str]  # grade_id -> the learner's source, for every answer cell found
    added: dict[str, tuple[str, ...]]  # grade_id of the cell above -> code the learner added
    problems: list[str]


def _learner_cells(plan: Plan, cells: tuple[dict, ...]) -> tuple[dict, dict, list[str]]:
    """The learner's cells by grade_id, the code cells added below each, and problems.

    A cell the learner added (no grade_id, one the assignment does not have, or a pasted
    copy of one already seen) runs where it stands, as Run All would run it: after the
    nearest cell above it that the assignment has, whatever kind that cell is.
    """
    known = {s.grade_id for s in plan.steps}
    answers: dict[str, dict] = {}
    added: dict[str, list[str]] = {"": []}
    problems: list[str] = []
    above = ""
    for cell in cells:
        gid = grade_id(cell)
        if gid in known and gid not in answers:
            answers[gid] = cell
            above = gid
            added.setdefault(above, [])
            continue
        if gid in answers:
            problems.append(f"cell {gid!r} appears more than once")
        if cell["cell_type"] == "code" and cell["source"].strip():
            added[above].append(cell["source"])
    return answers, added, problems


def assemble(plan: Plan, submission: Submission) -> Assembled:
    """The runner's steps for this submission, in the instructor's order."""
    answers, added, problems = _learner_cells(plan, submission.cells)
    steps: list[dict] = []

    def add(kind: str, gid: str, **payload: object) -> None:
        steps.append({"step": len(steps), "kind": kind, "grade_id": gid, **payload})

    def add_below(gid: str) -> None:
        for n, source in enumerate(added.get(gid, []), 1):
            add(
                "answer", f"added cell {n} below {gid}" if gid else f"added cell {n}", source=source
            )

    add_below("")
    for step in plan.steps:
        cell = answers.get(step.grade_id)
        if step.kind == "fixture":
            add("fixture", step.grade_id, source=step.source)
        elif step.kind == "answer":
            if cell is None:
                problems.append(f"answer cell {step.grade_id!r} is missing: scored as unanswered")
            elif cell["cell_type"] != "code":
                problems.append(f"answer cell {step.grade_id!r} is no longer code: not run")
            else:
                add("answer", step.grade_id, source=cell["source"])
        elif step.kind == "test":
            add(
                "test",
                step.grade_id,
                checks=[c.actual for c in plan.question(step.grade_id).checks],
            )
        add_below(step.grade_id)
    sources = {
        gid: cell["source"]
        for gid, cell in answers.items()
        if any(s.grade_id == gid and s.kind in ("answer", "manual") for s in plan.steps)
    }
    return Assembled(steps, sources, {k: tuple(v) for k, v in added.items() if v}, problems)
