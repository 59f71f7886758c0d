"""The progress file: where it lives, what survives a restart, and what happens when it is
damaged, locked or shared by two notebooks at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from practice_helpers import START, Clock, small_bank

from aws_compute_course.practice import store as practice_store
from aws_compute_course.practice.session import Practice
from aws_compute_course.practice.store import ProgressUnavailable, Store

BANK = small_bank()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Never the real Jupyter data directory."""
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    return tmp_path / "jupyter-data"


def practice(bank=BANK, clock=None, name="alice") -> Practice:
    return Practice(bank=bank, learner_name=name, clock=clock or Clock())


def test_one_file_per_learner_under_the_jupyter_data_dir(data_dir):
    assert practice_store.default_path("alice") == (
        data_dir / "aws_compute_course" / "progress-alice.sqlite3"
    )
    # A name that is not a safe file name cannot escape the folder.
    assert practice_store.default_path("../bob smith").name == "progress-.._bob_smith.sqlite3"
    assert practice().store.path != practice(name="bob").store.path
    assert ROOT not in practice().store.path.parents


def test_nothing_is_written_until_the_learner_acts(data_dir):
    p = practice()
    assert p.resume_exam() is None and p.topic_accuracy() == {"ec2": (0, 0), "spot": (0, 0)}
    assert not data_dir.exists()
    p.start_exam("short")
    assert p.store.path.exists()


def test_an_open_exam_survives_a_restart_with_its_clock():
    clock = Clock()
    first = practice(clock=clock)
    exam = first.start_exam("custom", shape=(5, 10))
    first.answer(exam, {2})
    clock.t += 30
    exam.goto(3, clock())
    exam.toggle_flag(clock())
    first.save(exam)
    first.store.close()
    clock.t += 100  # the kernel restarted, 100 s later
    again = practice(clock=clock).resume_exam()
    assert again is not None and again.exam_id == exam.exam_id
    assert [i.id for i in again.items] == [i.id for i in exam.items]
    assert again.answers == exam.answers and again.flagged == exam.flagged
    assert again.current == 3 and again.time_left(clock()) == 600 - 130
    assert again.seconds == {exam.items[0].id: 30.0}


def test_an_exam_whose_time_ran_out_while_away_is_submitted():
    clock = Clock()
    p = practice(clock=clock)
    exam = p.start_exam("custom", shape=(3, 1))
    p.answer(exam, {0})
    clock.t += 61
    assert practice(clock=clock).resume_exam() is None
    assert p.store.read("SELECT total FROM exams") == [(3,)]
    assert len(p.store.read("SELECT * FROM attempts")) == 3


def test_a_question_id_that_disappears_is_ignored():
    p = practice()
    exam = p.start_exam("custom", shape=(18, 30))
    for index in range(len(exam.items)):
        exam.goto(index, START)
        p.answer(exam, {0})
    gone = exam.items[0].id
    later = practice(bank=tuple(i for i in BANK if i.id != gone)).resume_exam()
    assert later is not None and len(later.items) == 17 and gone not in later.answers
    p.submit(exam)
    without = practice(bank=tuple(i for i in BANK if i.id != gone))
    assert sum(n for _, n in without.topic_accuracy().values()) == 17
    assert sum(n for _, n in p.topic_accuracy().values()) == 18
    topic = exam.items[0].topic
    assert all(without.next_practice(topic).id != gone for _ in range(3))


def corrupt(path: Path) -> None:
    path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def test_a_corrupted_file_says_so_and_starting_fresh_keeps_every_answer():
    p = practice()
    exam = p.start_exam("custom", shape=(4, 10))
    p.answer(exam, {1})
    p.store.close()
    corrupt(p.store.path)
    exam.goto(1, START + 5)
    with pytest.raises(ProgressUnavailable, match=r"is damaged .* start fresh") as err:
        p.answer(exam, {2})
    assert err.value.kind == "corrupt" and str(p.store.path) in str(err.value)
    # The answer is in the exam on screen even though it could not be saved.
    assert set(exam.answers) == {exam.items[0].id, exam.items[1].id}
    copy = Path(p.start_fresh(exam))
    assert copy.read_bytes().startswith(b"this is not a database")
    again = practice().resume_exam()
    assert again is not None and again.answers == exam.answers


def test_a_file_of_another_schema_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema', '99')")
    with pytest.raises(ProgressUnavailable, match="not a progress file of this course"):
        Store(path).add_attempts([("q", "ec2", True, START, "practice")])


def test_a_locked_file_says_so(monkeypatch):
    monkeypatch.setattr(practice_store, "BUSY_TIMEOUT_S", 0.05)
    p = practice()
    p.start_exam("short")
    blocker = sqlite3.connect(p.store.path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        fresh = practice()
        with pytest.raises(ProgressUnavailable, match=r"is locked .* close the other notebook"):
            fresh.start_exam("short")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


WRITER = textwrap.dedent(
    """
    import sys
    from aws_compute_course.practice.store import Store
    store = Store(sys.argv[1])
    for n in range(int(sys.argv[3])):
        store.add_attempts([(f"{sys.argv[2]}-{n}", "ec2", n % 2 == 0, float(n), "practice")])
        store.save_exam({"exam_id": sys.argv[2], "kind": "short", "question_ids": ["a"],
                         "started_at": 0.0, "duration_s": 60.0, "current": n % 3,
                         "entered_at": 0.0, "submitted_at": None},
                        [{"question_id": "a", "chosen": [n % 4], "flagged": False,
                          "seconds": float(n)}])
    """
)


def test_two_notebooks_writing_at_once_do_not_corrupt_the_file(tmp_path):
    path = tmp_path / "shared.sqlite3"
    Store(path).add_attempts([])  # created once, as the first notebook would
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "150"])
        for name in ("left", "right")
    ]
    assert [w.wait(120) for w in writers] == [0, 0]
    store = Store(path)
    assert store.read("PRAGMA integrity_check") == [("ok",)]
    assert store.read("SELECT count(*) FROM attempts") == [(300,)]
    assert store.read("SELECT exam_id, seconds FROM exam_answers ORDER BY exam_id") == [
        ("left", 149.0),
        ("right", 149.0),
    ]


def test_export_and_import_round_trip_keeping_a_copy(tmp_path):
    p = practice()
    p.store.add_attempts([("ec2-0", "ec2", True, START, "practice")])
    exported = p.store.export(tmp_path / "mine.sqlite3")
    other = practice(name="bob")
    other.store.add_attempts([("spot-1", "spot", False, START, "practice")])
    copy = other.store.import_from(exported)
    assert other.topic_accuracy() == {"ec2": (1, 1), "spot": (0, 0)}
    assert Store(copy).read("SELECT question_id FROM attempts") == [("spot-1",)]
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("hello")
    with pytest.raises(ValueError, match="cannot be imported: corrupt"):
        other.store.import_from(bad)
    assert other.topic_accuracy() == {"ec2": (1, 1), "spot": (0, 0)}  # untouched
    with pytest.raises(ValueError, match="no progress file at"):
        other.store.import_from(tmp_path / "absent.sqlite3")
