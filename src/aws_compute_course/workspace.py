"""A learner's workspace: their own copy of the course, kept in step with it without losing work.

``make lab`` serves the workspace (``workspace/`` in the checkout by default, which git
ignores; ``--workspace DIR`` or ``$AWS_COURSE_WORKSPACE`` elsewhere), never the tracked
``course/`` and ``exercises/``: a learner's answers and JupyterLab's autosaves stay out of
the files ``git pull``, ``make exercises`` and ``make test`` read and write.

Every start copies the course in (:func:`sync`) the way nbgitpuller merges a class's
repository into a student's copy, file by file, so nothing of the learner's is lost:

- a file the learner has not changed takes the course's new version;
- a file the learner changed is kept as it is, even when the course changed it too (the
  new version is named, and deleting one's copy brings it in on the next start);
- a file the learner deleted comes back (the way to start an exercise over);
- a new course file is added; where the learner already made a file of that name, theirs
  is first renamed ``<name>_<timestamp><suffix>``;
- a file the course dropped goes too, unless the learner changed it;
- files the learner made are never touched.

"Changed" means differing from the course version last copied in, whose SHA-256 per file
is recorded in ``.course-sync.json`` in the workspace (JupyterLab hides dot files).

    python -m aws_compute_course.workspace [--workspace DIR] sync
    python -m aws_compute_course.workspace [--workspace DIR] check [--topic T | --nb PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

COURSE_DIRS = ("course", "exercises")
# The start page links to ../README.md, so the workspace keeps the same layout around it.
COURSE_FILES = ("README.md",)
# Folders a workspace must stay out of: the course material itself and the instructor's.
TRACKED_DIRS = ("course", "exercises", "solutions")
RECORD = ".course-sync.json"
RECORD_FORMAT = 1
DEFAULT_DIR = "workspace"
ENV_VAR = "AWS_COURSE_WORKSPACE"
SKIPPED_DIRS = frozenset({".ipynb_checkpoints", "__pycache__"})
MAKEFILE_MARKER = "# Written by the course's `make lab` on every start"


class WorkspaceError(Exception):
    """A workspace that cannot be used as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Change:
    """What a sync did to one file (``path`` relative to the workspace)."""

    action: str  # added, restored, updated, kept, renamed, removed, orphaned
    path: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.action:<9} {self.path}" + (f"  ({self.detail})" if self.detail else "")


def default_workspace(root: Path, environ: dict[str, str] | None = None) -> Path:
    """``$AWS_COURSE_WORKSPACE`` when set, else ``workspace/`` in the checkout."""
    environ = os.environ if environ is None else environ
    chosen = environ.get(ENV_VAR, "").strip()
    return Path(chosen).expanduser() if chosen else root / DEFAULT_DIR


def checked_workspace(root: Path, workspace: Path) -> Path:
    """The workspace as an absolute path, or WorkspaceError when it would overlap the course."""
    root = root.resolve()
    ws = workspace.expanduser().resolve()
    if ws.exists() and not ws.is_dir():
        raise WorkspaceError(f"workspace {ws} exists and is not a directory")
    if ws == root or ws in root.parents:
        raise WorkspaceError(
            f"workspace {ws} contains the course checkout {root}: choose a folder of its own"
        )
    for name in TRACKED_DIRS:
        tracked = root / name
        if ws == tracked or tracked in ws.parents or ws in tracked.parents:
            raise WorkspaceError(
                f"workspace {ws} overlaps the course's {name}/ folder: choose a folder of its own"
            )
    return ws


def course_files(root: Path) -> dict[str, Path]:
    """Every file the workspace mirrors, by its path relative to the checkout (POSIX style)."""
    found = {name: root / name for name in COURSE_FILES if (root / name).is_file()}
    for folder in COURSE_DIRS:
        for dirpath, dirnames, filenames in os.walk(root / folder):
            # Checkpoints, caches and dot files are a tool's leftovers, not course material.
            dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS and d[0] != ".")
            for name in sorted(filenames):
                if not name.startswith("."):
                    path = Path(dirpath) / name
                    found[path.relative_to(root).as_posix()] = path
    return found


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_record(ws: Path) -> dict[str, str] | None:
    """The recorded hash per file, or None for a workspace never synced (no record yet)."""
    path = ws / RECORD
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if data.get("format") != RECORD_FORMAT or not isinstance(files, dict):
            raise ValueError(f"unknown format {data.get('format')!r}")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
            raise ValueError("entries must map paths to hashes")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise WorkspaceError(
            f"{path} is unreadable ({err}). Your files are fine: delete this record and start "
            "again, and every file that differs from the course is kept as your own."
        ) from err
    return files


def write_atomically(path: Path, data: bytes, mode_from: Path | None = None) -> None:
    """Replace ``path`` with ``data`` in one step: a crash leaves the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode_from is not None:
            shutil.copymode(mode_from, tmp)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def backup_name(path: Path, now: float) -> Path:
    """``name_<YYYYmmddHHMMSS>.ext`` beside ``path`` (as nbgitpuller names it); never taken."""
    stamp = time.strftime("%Y%m%d%H%M%S", time.localtime(now))
    candidate = path.with_name(f"{path.stem}_{stamp}{path.suffix}")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}_{stamp}_{n}{path.suffix}")
        n += 1
    return candidate


def sync(root: Path, ws: Path, now: float | None = None) -> list[Change]:
    """Bring the course's files into the workspace without losing any of the learner's work.

    The caller makes sure no server is writing into the workspace meanwhile. Files are
    written first and the record last, so a sync cut short is finished by the next one.
    """
    now = time.time() if now is None else now
    ws.mkdir(parents=True, exist_ok=True)
    record = read_record(ws)
    # Without a record (a first start, or a lost record), a file already there counts as
    # the learner's own version of the course file: kept, never renamed or replaced.
    known = record is not None
    record = dict(record or {})
    changes: list[Change] = []
    files = course_files(root)
    for rel, source in files.items():
        data = source.read_bytes()
        new = digest(data)
        target = ws / rel
        base = record.get(rel)
        record[rel] = new
        if not target.exists():
            write_atomically(target, data, source)
            changes.append(Change("restored" if base else "added", rel))
            continue
        current = digest(target.read_bytes())
        if current == new:
            continue
        if base is None and known:
            # A file of the learner's own that a course update now brings too (nbgitpuller's
            # case 5): theirs moves aside, the course's comes in.
            moved = backup_name(target, now)
            target.rename(moved)
            write_atomically(target, data, source)
            changes.append(Change("renamed", rel, f"yours is now {moved.relative_to(ws)}"))
        elif current == base:
            write_atomically(target, data, source)
            changes.append(Change("updated", rel))
        elif base is None:
            changes.append(Change("kept", rel, "differs from the course's; yours is kept"))
        elif base != new:
            changes.append(
                Change(
                    "kept",
                    rel,
                    f"the course changed it too: its version is {source}; delete yours "
                    "and start again to take it",
                )
            )
    for rel in sorted(set(record) - set(files)):
        base = record.pop(rel)
        target = ws / rel
        if not target.exists():
            continue
        if digest(target.read_bytes()) == base:
            target.unlink()
            changes.append(Change("removed", rel, "no longer in the course"))
            _remove_empty_parents(target.parent, ws)
        else:
            changes.append(Change("orphaned", rel, "no longer in the course; yours is kept"))
    payload = {"format": RECORD_FORMAT, "files": dict(sorted(record.items()))}
    write_atomically(ws / RECORD, (json.dumps(payload, indent=1) + "\n").encode())
    return changes


def _remove_empty_parents(folder: Path, ws: Path) -> None:
    while folder != ws and ws in folder.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def write_makefile(ws: Path, python: str | None = None) -> bool:
    """Put a Makefile in the workspace so ``make check ...`` works in its terminals too.

    JupyterLab's terminals start in the workspace, and every notebook says to run
    ``make check NB=exercises/<topic>/<topic>.ipynb`` there. The file holds this machine's
    paths, so it is rewritten on every start; a learner's own Makefile is left alone.
    Returns whether it was written.
    """
    path = ws / "Makefile"
    if path.exists() and not path.read_text(errors="replace").startswith(MAKEFILE_MARKER):
        return False

    def quoted(word: str) -> str:
        return shlex.quote(word).replace("$", "$$")

    python = python or sys.executable
    command = f"{quoted(python)} -m aws_compute_course.workspace --workspace {quoted(str(ws))}"
    text = (
        f"{MAKEFILE_MARKER} (edits are lost):\n"
        "# `make check TOPIC=spot` or `make check NB=exercises/spot/spot.ipynb` self-checks\n"
        "# your copy of an exercise with the course's tools.\n"
        ".PHONY: check\n"
        "check:\n"
        f"\t@{command} check $(if $(TOPIC),--topic '$(TOPIC)') $(if $(NB),--nb '$(NB)')\n"
    )
    write_atomically(path, text.encode())
    return True


def exercise_topics(ws: Path) -> list[str]:
    """The topics with an exercise notebook in the workspace."""
    folder = ws / "exercises"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / f"{p.name}.ipynb").is_file())


def check_target(root: Path, ws: Path, topic: str | None, nb: str | None, cwd: Path) -> Path:
    """The notebook ``make check`` should run: the learner's copy unless a path says otherwise.

    ``topic`` names ``<ws>/exercises/<topic>/<topic>.ipynb``. ``nb`` is a path from ``cwd``;
    when it names the course's blank copy in the checkout's ``exercises/`` (as every
    notebook's instructions do, written for a terminal in the workspace), the learner's
    copy of it is meant.
    """
    if topic and nb:
        raise WorkspaceError("give TOPIC or NB, not both")
    if not topic and not nb:
        raise WorkspaceError(_usage(ws))
    if topic:
        if "/" in topic or topic.startswith(".") or not topic.strip():
            raise WorkspaceError(f"TOPIC must be a topic id such as spot, got {topic!r}")
        target = ws / "exercises" / topic / f"{topic}.ipynb"
        if not target.is_file():
            raise WorkspaceError(f"no exercise {topic!r} in your workspace. {_usage(ws)}")
        return target
    path = (cwd / Path(nb).expanduser()).resolve()
    blank = root.resolve() / "exercises"
    if blank in path.parents:
        mine = ws / path.relative_to(root.resolve())
        if mine.is_file():
            return mine
        raise WorkspaceError(
            f"{path} is the course's blank copy and your workspace has no {mine}; "
            "run `make lab` once to create your workspace"
        )
    if not path.is_file():
        raise WorkspaceError(f"no notebook at {path}")
    return path


def _usage(ws: Path) -> str:
    topics = exercise_topics(ws)
    if not topics:
        return f"usage: make check TOPIC=<topic>; there is no workspace at {ws} yet: run `make lab`"
    return f"usage: make check TOPIC=<topic> (one of: {', '.join(topics)}) or make check NB=<path>"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The learner's workspace: sync it, check work.")
    parser.add_argument("--workspace", type=Path, help=f"default ${ENV_VAR} or ./{DEFAULT_DIR}")
    parser.add_argument("--root", type=Path, help="the course checkout (default: this one)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("sync", help="copy the course in, keeping every change of yours")
    check = commands.add_parser("check", help="self-check your copy of an exercise")
    check.add_argument("--topic", help="an exercise's topic id, e.g. spot")
    check.add_argument("--nb", help="a notebook path instead")
    args = parser.parse_args(argv)

    from aws_compute_course.lab import repo_root  # here: lab imports this module

    root = (args.root or repo_root()).resolve()
    try:
        ws = checked_workspace(root, args.workspace or default_workspace(root))
        if args.command == "sync":
            for change in sync(root, ws):
                print(change)
            return 0
        target = check_target(root, ws, args.topic, args.nb, Path.cwd())
    except WorkspaceError as err:
        message = str(err)
        print(message if message.startswith("usage") else f"error: {message}", file=sys.stderr)
        return 2
    print(f"Checking {target}", flush=True)
    checker = Path(sys.executable).with_name("aws-course-check")
    return subprocess.run([str(checker), str(target)], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
