"""Practice benchmarks: the exam widget's next-question update, choosing the next due
flashcard among 10,000 reviews, and opening the progress view over a year of daily use
(about 20,000 answers). Each works in a temporary progress file, never the learner's."""

from __future__ import annotations

import contextlib
import io
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from aws_compute_course.practice import cards, progress
from aws_compute_course.practice.bank import course_bank
from aws_compute_course.practice.exam_view import ExamView
from aws_compute_course.practice.session import Practice
from aws_compute_course.practice.store import Store
from aws_compute_course.practice.study_view import ProgressView
from aws_compute_course.widgets import recorded_comms

DAY = 86_400.0
START = 1_767_225_600.0  # 2026-01-01: a fixed year of use


def _ms(samples: list[float]) -> dict:
    return {
        "n": len(samples),
        "median_ms": round(1000 * statistics.median(samples), 3),
        "p95_ms": round(1000 * float(np.percentile(samples, 95)), 3),
    }


@contextlib.contextmanager
def _scratch() -> Iterator[Path]:
    """A temporary Jupyter data directory, so nothing touches the learner's progress."""
    before = os.environ.get("JUPYTER_DATA_DIR")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JUPYTER_DATA_DIR"] = tmp
        try:
            yield Path(tmp)
        finally:
            if before is None:
                os.environ.pop("JUPYTER_DATA_DIR", None)
            else:
                os.environ["JUPYTER_DATA_DIR"] = before


def exam_next_question(n: int = 300) -> dict:
    """Next on a full exam (75 questions): the move, the redraw and the write to the file,
    to the messages the widgets send. Baseline: the redraw alone, without the write."""
    with _scratch(), recorded_comms() as log:
        clock = [START]
        view = ExamView(Practice(learner_name="bench", clock=lambda: clock[0]))
        view.start("full")
        moves, redraws, sent = [], [], []
        for i in range(n + 20):
            if view.exam.current == len(view.exam.items) - 1:
                view.exam.current = 0
            clock[0] += 1.0
            before = len(log)
            t0 = time.perf_counter()
            view.next()
            t1 = time.perf_counter()
            view._render()
            t2 = time.perf_counter()
            if i >= 20:
                moves.append(t1 - t0)
                redraws.append(t2 - t1)
                sent.append(sum(m.nbytes for m in log[before:]))
        view.practice.store.close()
    redraw = _ms(redraws)
    return {
        **_ms(moves),
        "redraw_only_median_ms": redraw["median_ms"],
        "redraw_only_p95_ms": redraw["p95_ms"],
        "bytes_sent_median": int(statistics.median(sent)),
    }


def _year_of_reviews(store: Store, deck: dict, reviews: int, seed: int) -> float:
    """Review the deck day by day through fsrs (ratings drawn with a fixed seed) until
    ``reviews`` reviews; write the cards and review log at once. Returns the last day."""
    rng = random.Random(seed)
    refs = list(deck)
    states: dict[str, object] = {}
    log: list[tuple[str, int, float]] = []
    day = START
    while len(log) < reviews:
        for ref in refs[: len(states) + 10]:  # ten new cards a day
            state = states.get(ref) or cards.fsrs.Card(
                card_id=cards._card_id(ref), due=cards._when(day)
            )
            if state.due.timestamp() <= day + DAY and len(log) < reviews:
                rating = rng.choices(list(cards.RATINGS.values()), weights=(1, 2, 6, 1))[0]
                states[ref], _ = cards.SCHEDULER.review_card(state, rating, cards._when(day))
                log.append((ref, int(rating), day))
        day += DAY
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO cards VALUES (?,?,?,?)",
            [(r, s.to_json(), s.due.timestamp(), START) for r, s in states.items()],
        )
        conn.executemany("INSERT INTO reviews (ref, rating, at) VALUES (?,?,?)", log)
    return day


def next_due_card(reviews: int = 10_000, n: int = 300) -> dict:
    """The next due card at n moments of the following month. Baseline: every card read
    and the most overdue chosen in Python (what the due-time index saves)."""
    with _scratch() as tmp:
        store = Store(tmp / "cards.sqlite3")
        deck = cards.deck(course_bank(), "bench")
        end = _year_of_reviews(store, deck, reviews, seed=17)
        moments = [end + DAY * 30 * i / n for i in range(n)]
        chosen, scanned = [], []
        for now in moments:
            t0 = time.perf_counter()
            cards.next_card(store, deck, now)
            t1 = time.perf_counter()
            rows = store.read("SELECT ref, card, due FROM cards")
            min((r for r in rows if r[2] <= now and r[0] in deck), key=lambda r: r[2], default=None)
            t2 = time.perf_counter()
            chosen.append(t1 - t0)
            scanned.append(t2 - t1)
        counts = store.read("SELECT (SELECT count(*) FROM cards), (SELECT count(*) FROM reviews)")
        store.close()
    scan = _ms(scanned)
    return {**_ms(chosen), "cards": counts[0][0], "reviews": counts[0][1],
            "scan_all_median_ms": scan["median_ms"], "scan_all_p95_ms": scan["p95_ms"]}  # fmt: skip


def progress_view(answers: int = 20_000, repeats: int = 15) -> dict:
    """Opening the progress view (queries, chart, widgets) over a year of daily use: about
    55 answers a day and an exam a week. Baseline: the two queries alone."""
    with _scratch():
        practice = Practice(learner_name="bench")
        bank = practice.bank
        rng = random.Random(23)
        attempts = [
            (item.id, item.topic, rng.random() < 0.7, START + DAY * 365 * k / answers, "practice")
            for k, item in enumerate(rng.choices(bank, k=answers))
        ]
        practice.store.add_attempts(attempts)
        with practice.store.write() as conn:
            conn.executemany(
                "INSERT INTO exams VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(f"e{w}", "short", "[]", START + w * 7 * DAY, 2880.0, 0, None,
                  START + w * 7 * DAY + 2000, rng.randint(8, 20), 20) for w in range(52)],
            )  # fmt: skip
        practice.store.close()
        views, queries = [], []
        for _ in range(repeats):
            fresh = Practice(learner_name="bench")
            t0 = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                view = ProgressView(fresh, export_dir=Path.cwd())
            t1 = time.perf_counter()
            progress.read(fresh.store, {i.topic for i in bank})
            t2 = time.perf_counter()
            views.append(t1 - t0)
            queries.append(t2 - t1)
            view.box.close()
            fresh.store.close()
    query = _ms(queries)
    return {**_ms(views), "answers": answers, "queries_median_ms": query["median_ms"],
            "queries_p95_ms": query["p95_ms"]}  # fmt: skip


def benchmarks() -> dict[str, Callable[[], dict]]:
    return {
        "practice.exam_next_question": exam_next_question,
        "practice.next_due_card_10k_reviews": next_due_card,
        "practice.progress_view_20k_answers": progress_view,
    }


if __name__ == "__main__":
    import json

    for name, fn in benchmarks().items():
        print(json.dumps({"bench": name, **fn()}), flush=True)
