"""The learner's progress on disk: one SQLite file per learner under the Jupyter data dir.

``<jupyter data dir>/aws_compute_course/progress-<learner>.sqlite3``: outside the
repository (``git pull`` and a workspace sync never touch it), per OS user on a JupyterHub
(each user has their own data directory) and per ``$AWS_COURSE_LEARNER`` name. Tests point
``JUPYTER_DATA_DIR`` at a temporary folder.

Two notebooks open at once share the file safely: WAL journalling, a busy timeout, and
every write one short ``BEGIN IMMEDIATE`` transaction. Nothing is created until the first
write, so opening the practice notebook without practising leaves no file.

A file that is corrupted, locked past the timeout or of another schema raises
:class:`ProgressUnavailable` with a message saying what happened and what to do;
:meth:`Store.start_fresh` moves the old file aside (kept as a copy) and starts an empty one.
Callers keep the current exam in memory and write it again afterwards, so no answer given
is lost.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from jupyter_core.paths import jupyter_data_dir

from aws_compute_course.quiz import learner

SCHEMA_VERSION = "1"
BUSY_TIMEOUT_S = 5.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS exams (
    exam_id TEXT PRIMARY KEY, kind TEXT NOT NULL, question_ids TEXT NOT NULL,
    started_at REAL NOT NULL, duration_s REAL NOT NULL, current INTEGER NOT NULL,
    entered_at REAL, submitted_at REAL, correct INTEGER, total INTEGER);
CREATE TABLE IF NOT EXISTS exam_answers (
    exam_id TEXT NOT NULL, question_id TEXT NOT NULL, chosen TEXT NOT NULL,
    flagged INTEGER NOT NULL, seconds REAL NOT NULL, PRIMARY KEY (exam_id, question_id));
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY, question_id TEXT NOT NULL, topic TEXT NOT NULL,
    correct INTEGER NOT NULL, at REAL NOT NULL, mode TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS attempts_topic ON attempts (topic, at);
CREATE TABLE IF NOT EXISTS cards (
    ref TEXT PRIMARY KEY, card TEXT NOT NULL, due REAL NOT NULL, introduced REAL NOT NULL);
CREATE INDEX IF NOT EXISTS cards_due ON cards (due);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY, ref TEXT NOT NULL, rating INTEGER NOT NULL, at REAL NOT NULL);
"""


class ProgressUnavailable(RuntimeError):
    """The progress file cannot be used; ``kind`` is ``corrupt``, ``locked`` or ``foreign``."""

    def __init__(self, path: Path, kind: str, detail: str) -> None:
        self.path, self.kind = path, kind
        what = {
            "corrupt": "is damaged and cannot be read",
            "locked": f"is locked (another notebook kept it busy for over {BUSY_TIMEOUT_S:.0f} s)",
            "foreign": "is not a progress file of this course",
        }[kind]
        retry = ", or close the other notebook and try again" if kind == "locked" else ""
        super().__init__(
            f"Your progress file {path} {what} ({detail}). The answers of the exam on screen "
            "are kept in memory. Way out: start fresh, which moves the old file aside as a "
            "copy (Store.start_fresh(), or the 'Start fresh' button) and saves the current "
            f"exam again{retry}."
        )


def default_path(learner_name: str | None = None) -> Path:
    """This learner's progress file under the Jupyter data directory."""
    name = learner() if learner_name is None else learner_name
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "learner"
    return Path(jupyter_data_dir()) / "aws_compute_course" / f"progress-{safe}.sqlite3"


class Store:
    """The progress file of one learner. Reads of an absent file return nothing."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._conn: sqlite3.Connection | None = None

    # --- connection and failures ------------------------------------------------------

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._conn is not None:
            return self._conn
        if not create and not self.path.exists():
            return None
        with self._guard():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                # In WAL mode NORMAL survives a crash of the kernel (only a power cut can
                # lose the last commits) and spares an fsync per answer.
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.executescript(_SCHEMA)
                found = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if found is None:
                    conn.execute(
                        "INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,)
                    )
                elif found[0] != SCHEMA_VERSION:
                    raise ProgressUnavailable(self.path, "foreign", f"schema {found[0]!r}")
            except BaseException:
                conn.close()
                raise
        self._conn = conn
        return conn

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except ProgressUnavailable:
            self.close()
            raise
        except sqlite3.OperationalError as err:
            self.close()
            kind = "locked" if "locked" in str(err) or "busy" in str(err) else "corrupt"
            raise ProgressUnavailable(self.path, kind, str(err)) from err
        except sqlite3.DatabaseError as err:
            self.close()
            raise ProgressUnavailable(self.path, "corrupt", str(err)) from err

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, taken with the write lock at once (no upgrade deadlocks)."""
        conn = self._connect(create=True)
        assert conn is not None
        with self._guard():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def read(self, sql: str, args: tuple = ()) -> list[tuple]:
        """Rows of a query ([] when there is no file yet)."""
        conn = self._connect(create=False)
        if conn is None:
            return []
        with self._guard():
            return conn.execute(sql, args).fetchall()

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def start_fresh(self) -> Path | None:
        """Move the file (and its journal) aside as a dated copy; return the copy's path."""
        self.close()
        if not self.path.exists():
            return None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        copy = self.path.with_name(f"{self.path.stem}.old-{stamp}{self.path.suffix}")
        n = 1
        while copy.exists():
            copy = self.path.with_name(f"{self.path.stem}.old-{stamp}-{n}{self.path.suffix}")
            n += 1
        for suffix in ("-wal", "-shm"):
            side = Path(f"{self.path}{suffix}")
            if side.exists():
                side.rename(Path(f"{copy}{suffix}"))
        self.path.rename(copy)
        return copy

    def check(self) -> None:
        """Raise :class:`ProgressUnavailable` unless the file is whole (or absent)."""
        rows = self.read("PRAGMA quick_check")
        if rows and rows[0][0] != "ok":
            self.close()
            raise ProgressUnavailable(self.path, "corrupt", f"quick_check: {rows[0][0]}")

    # --- export and import ------------------------------------------------------------

    def export(self, dest: Path) -> Path:
        """A consistent copy of the progress in ``dest`` (taken while others may write)."""
        dest = Path(dest)
        conn = self._connect(create=True)
        assert conn is not None
        with self._guard(), contextlib.closing(sqlite3.connect(dest)) as out:
            conn.backup(out)
        return dest

    def import_from(self, source: Path) -> Path | None:
        """Replace the progress with ``source`` (a file :meth:`export` made), after checking
        it; the current progress is kept as a copy, whose path is returned."""
        source = Path(source)
        if not source.is_file():
            raise ValueError(f"no progress file at {source}")
        incoming = Store(source)
        try:
            incoming.check()
            found = incoming.read("SELECT value FROM meta WHERE key='schema'")
        except ProgressUnavailable as err:
            raise ValueError(f"{source} cannot be imported: {err.kind} ({err})") from None
        finally:
            incoming.close()
        if found != [(SCHEMA_VERSION,)]:
            raise ValueError(f"{source} is not a progress file of this course")
        copy = self.start_fresh()
        conn = self._connect(create=True)
        assert conn is not None
        with self._guard(), contextlib.closing(sqlite3.connect(source)) as src:
            src.backup(conn)
        return copy

    # --- exams -------------------------------------------------------------------------

    def save_exam(self, row: Mapping, answers: list[Mapping]) -> None:
        """Write an exam's state and all its answers (insert or replace) in one transaction."""
        with self.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO exams VALUES (?,?,?,?,?,?,?,?,?,?)",
                (row["exam_id"], row["kind"], json.dumps(row["question_ids"]), row["started_at"],
                 row["duration_s"], row["current"], row["entered_at"], row["submitted_at"],
                 row.get("correct"), row.get("total")),
            )  # fmt: skip
            conn.executemany(
                "INSERT OR REPLACE INTO exam_answers VALUES (?,?,?,?,?)",
                [(row["exam_id"], a["question_id"], json.dumps(sorted(a["chosen"])),
                  int(a["flagged"]), a["seconds"]) for a in answers],
            )  # fmt: skip

    def open_exam(self) -> tuple[dict, list[dict]] | None:
        """The newest exam not yet submitted, with its answers, or None."""
        rows = self.read(
            "SELECT exam_id, kind, question_ids, started_at, duration_s, current, entered_at,"
            " submitted_at FROM exams WHERE submitted_at IS NULL ORDER BY started_at DESC LIMIT 1"
        )
        if not rows:
            return None
        keys = ("exam_id", "kind", "question_ids", "started_at", "duration_s", "current",
                "entered_at", "submitted_at")  # fmt: skip
        row = dict(zip(keys, rows[0], strict=True))
        row["question_ids"] = json.loads(row["question_ids"])
        answers = [
            {"question_id": q, "chosen": json.loads(c), "flagged": bool(f), "seconds": s}
            for q, c, f, s in self.read(
                "SELECT question_id, chosen, flagged, seconds FROM exam_answers WHERE exam_id=?",
                (row["exam_id"],),
            )
        ]
        return row, answers

    def add_attempts(self, attempts: list[tuple[str, str, bool, float, str]]) -> None:
        """(question id, topic, correct, at, mode) rows for the progress statistics."""
        with self.write() as conn:
            conn.executemany(
                "INSERT INTO attempts (question_id, topic, correct, at, mode) VALUES (?,?,?,?,?)",
                [(q, t, int(c), at, m) for q, t, c, at, m in attempts],
            )
