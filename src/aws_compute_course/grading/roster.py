"""Who submitted: the folders under ``submitted/``, and the ids nbgrader can take.

Each entry of ``submitted/`` is one of: a student with a submission of the assignment (a
folder, or a symbolic link, which is listed so that grading can report it ungradable
rather than follow it); a student without one (not listed: they did not hand it in);
skipped with the reason (a name starting with '.', a file); or refused with the reason (an
id nbgrader cannot handle, e.g. one with a newline, which breaks its CSV export and
feedback). Ids and anything else a learner controls are printed through
:func:`printable`, so no control character reaches the terminal.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on shown as an escape."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def id_problem(student: str) -> str:
    """Why nbgrader cannot take ``student`` as a student id ('' when it can)."""
    bad = [c for c in student if unicodedata.category(c) == "Cc"]
    if bad:
        return (
            f"the id contains a control character ({repr(bad[0])[1:-1]}), which nbgrader's "
            "export and feedback cannot handle: rename the folder"
        )
    if student != student.strip():
        return "the id starts or ends with white space: rename the folder"
    return ""


@dataclass
class Roster:
    """The submissions of one assignment under ``submitted/``."""

    students: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (student id, why)


def _kind(path: Path) -> str:
    try:
        return stat.filemode(os.lstat(path).st_mode)[0]  # 'd', 'l', '-', ...
    except OSError:
        return ""


def scan(submitted: Path, assignment: str) -> Roster:
    """Read ``submitted/`` without following links (a linked folder is listed, not entered)."""
    roster = Roster()
    if not submitted.is_dir():
        return roster
    for entry in sorted(os.listdir(submitted)):
        path = submitted / entry
        kind = _kind(path)
        if entry.startswith("."):
            roster.skipped.append((entry, "its name starts with '.'"))
        elif kind not in ("d", "l"):
            roster.skipped.append((entry, "not a folder"))
        elif kind == "d" and _kind(path / assignment) == "":
            continue  # this student has not handed in this assignment
        elif problem := id_problem(entry):
            roster.refused.append((entry, problem))
        else:
            roster.students.append(entry)
    return roster
