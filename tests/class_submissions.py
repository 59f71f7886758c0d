"""Making the class of ``tests/grading_fixtures/class/`` (shared by the tests that grade it).

Submissions that are not committed as notebooks are made at run time by :func:`make`:
symbolic links and named pipes (which git should not hold), files too big to commit.
:class:`PipeWatch` is a named pipe that records whether anything opened it;
:func:`daemons_left` finds the class-8 fixtures' processes still running.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "grading_fixtures" / "class"
DAEMON_MARKER = "AWS_COURSE_DAEMON_FIXTURE_"
SECRET = "C"  # what the file behind c3_reads_linked_files' link holds: Q5's right answer


class PipeWatch:
    """A named pipe that records whether anything ever opened it for reading."""

    def __init__(self, path: Path) -> None:
        self.path = path
        os.mkfifo(path)
        self.opened = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.01):
            try:  # opening for writing without blocking succeeds only while a reader has it
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                continue
            self.opened = True
            os.close(fd)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def notebook_text(padding: int = 0, cells: int = 0) -> str:
    nb = json.loads((ROOT / "tests/grading_fixtures/spot/correct.ipynb").read_text())
    nb["cells"] += [{"cell_type": "raw", "metadata": {}, "source": ""} for _ in range(cells)]
    if padding:
        output = {"output_type": "stream", "name": "stdout", "text": "x" * padding}
        nb["cells"][1]["outputs"] = [output]
    return json.dumps(nb)


def make(kind: str, folder: Path, course: Path, outside: Path, pipes: list) -> None:
    """Build a case's submission at run time (``folder`` is submitted/<student>/spot)."""
    solutions = course / "solutions" / "spot"
    if kind == "deep_file":
        nb = json.loads(notebook_text())
        nb["cells"][0]["metadata"]["deep"] = "DEEP"
        folder.mkdir(parents=True)
        deep = "[" * 100_000 + "]" * 100_000
        (folder / "spot.ipynb").write_text(json.dumps(nb).replace('"DEEP"', deep))
    elif kind == "notebook_link_to_solutions":
        folder.mkdir(parents=True)
        target = os.path.relpath(solutions / "spot.ipynb", folder)
        (folder / "spot.ipynb").symlink_to(target)
    elif kind == "folder_link_to_solutions":
        folder.parent.mkdir(parents=True)
        folder.symlink_to(solutions, target_is_directory=True)
    elif kind == "student_link":
        other = course / "autograder" / "submitted" / "correct"
        folder.parent.symlink_to(other, target_is_directory=True)
    elif kind == "notebook_link_to_pipe":
        folder.mkdir(parents=True)
        pipes.append(PipeWatch(outside / "pipe-for-notebook"))
        (folder / "spot.ipynb").symlink_to(pipes[-1].path)
    elif kind == "linked_files":
        folder.mkdir(parents=True)
        shutil.copy(FIXTURES / "c3_reads_linked_files.ipynb", folder / "spot.ipynb")
        (outside / "secret.txt").write_text(SECRET)
        (folder / "secret.txt").symlink_to(outside / "secret.txt")
        pipes.append(PipeWatch(outside / "pipe-for-data"))
        (folder / "pipe").symlink_to(pipes[-1].path)
    elif kind == "notebook_pipe":
        folder.mkdir(parents=True)
        os.mkfifo(folder / "spot.ipynb")
    elif kind == "notebook_folder":
        (folder / "spot.ipynb").mkdir(parents=True)
    elif kind == "big_file":
        folder.mkdir(parents=True)
        (folder / "spot.ipynb").write_text(notebook_text(padding=4 * 1024 * 1024))
    elif kind == "many_cells":
        folder.mkdir(parents=True)
        (folder / "spot.ipynb").write_text(notebook_text(cells=600))
    elif kind == "million_cells":
        folder.mkdir(parents=True)
        (folder / "spot.ipynb").write_text(notebook_text(cells=1_000_000))
    elif kind == "under_caps":
        folder.mkdir(parents=True)
        text = notebook_text(padding=2 * 1024 * 1024, cells=400)
        (folder / "spot.ipynb").write_text(text)
    elif kind == "file_in_submitted":
        folder.parent.parent.mkdir(parents=True, exist_ok=True)
        folder.parent.write_text("not a submission")
    else:
        raise ValueError(f"unknown make {kind!r}")


def daemons_left(wait: float = 5.0) -> list[str]:
    """Processes of the class-8 fixtures still alive (after a grace period)."""
    deadline = time.monotonic() + wait
    while True:
        found = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                cmdline = Path("/proc", pid, "cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if DAEMON_MARKER.encode() in cmdline and b"-c" in cmdline:
                found.append(f"{pid}: {cmdline.decode(errors='replace')[:120]}")
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)
