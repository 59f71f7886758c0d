"""A timed exam: drawn questions, answers that can change, flags, a clock, a score.

The exam is plain data with a clock passed in (``now``, seconds since the epoch), so
drawing, timing and scoring are tested without widgets or waiting. No feedback is given
until :meth:`Exam.submit` (or the clock runs out). Answers are kept as *authored* option
indices (:mod:`aws_compute_course.practice.bank`); the widget converts from what it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from aws_compute_course.practice.bank import Item, draw
from aws_compute_course.quiz import grade

SHAPES: dict[str, tuple[int, int]] = {"full": (75, 180), "short": (20, 48)}
"""Exam shapes: (questions, minutes). ``full`` is the real exam's; ``short`` keeps its pace
(2.4 minutes a question)."""


@dataclass
class Exam:
    """One sitting: its questions in order, the learner's answers, flags and time per question."""

    exam_id: str
    kind: str
    items: tuple[Item, ...]
    started_at: float
    duration_s: float
    answers: dict[str, frozenset[int]] = field(default_factory=dict)
    flagged: set[str] = field(default_factory=set)
    seconds: dict[str, float] = field(default_factory=dict)
    current: int = 0
    entered_at: float | None = None
    submitted_at: float | None = None

    def __post_init__(self) -> None:
        if not self.items:
            raise ValueError(f"exam {self.exam_id!r} has no questions")
        if self.duration_s <= 0:
            raise ValueError(f"duration_s must be positive, got {self.duration_s}")
        if self.entered_at is None:
            self.entered_at = self.started_at

    @property
    def deadline(self) -> float:
        return self.started_at + self.duration_s

    @property
    def item(self) -> Item:
        return self.items[self.current]

    @property
    def done(self) -> bool:
        return self.submitted_at is not None

    def time_left(self, now: float) -> float:
        """Seconds until the clock runs out (0 once it has)."""
        return max(0.0, self.deadline - now)

    def _open(self, now: float) -> None:
        if self.done:
            raise ValueError(f"exam {self.exam_id!r} was submitted; start a new one")
        if now >= self.deadline:
            self.submit(now)
            raise TimeoutError("time is up: the exam was submitted with the answers given")

    def _leave(self, now: float) -> None:
        """Charge the time since entering the current question to it."""
        spent = max(0.0, min(now, self.deadline) - (self.entered_at or now))
        qid = self.item.id
        self.seconds[qid] = self.seconds.get(qid, 0.0) + spent
        self.entered_at = now

    def answer(self, authored: Iterable[int], now: float) -> None:
        """Set (or change, or with an empty set clear) the answer to the current question."""
        self._open(now)
        chosen = frozenset(authored)
        grade(self.item.question, chosen)  # refuses an index out of range or two for one
        if chosen:
            self.answers[self.item.id] = chosen
        else:
            self.answers.pop(self.item.id, None)

    def toggle_flag(self, now: float) -> bool:
        """Flag the current question for review, or unflag it; returns the new state."""
        self._open(now)
        qid = self.item.id
        self.flagged.symmetric_difference_update({qid})
        return qid in self.flagged

    def goto(self, index: int, now: float) -> None:
        """Move to question ``index`` (0-based), charging the time spent where we were."""
        self._open(now)
        if not 0 <= index < len(self.items):
            raise ValueError(f"index must be in 0..{len(self.items) - 1}, got {index}")
        self._leave(now)
        self.current = index

    def submit(self, now: float) -> Report:
        """End the exam (idempotent) and score it."""
        if not self.done:
            self._leave(now)
            self.submitted_at = min(now, self.deadline)
        return score(self)


@dataclass(frozen=True)
class Result:
    """One question of a scored exam."""

    item: Item
    chosen: frozenset[int]
    correct: bool
    seconds: float
    flagged: bool


@dataclass(frozen=True)
class Report:
    """A scored exam: per question, per topic and overall."""

    exam_id: str
    results: tuple[Result, ...]
    elapsed_s: float

    @property
    def correct(self) -> int:
        return sum(r.correct for r in self.results)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.total

    def per_topic(self) -> dict[str, tuple[int, int]]:
        """topic -> (correct, questions), in the order topics first appear."""
        out: dict[str, tuple[int, int]] = {}
        for r in self.results:
            right, n = out.get(r.item.topic, (0, 0))
            out[r.item.topic] = (right + r.correct, n + 1)
        return out


def score(exam: Exam) -> Report:
    """Grade every question; an unanswered one is wrong, as on the exam."""
    results = tuple(
        Result(
            item,
            exam.answers.get(item.id, frozenset()),
            grade(item.question, exam.answers.get(item.id, ())).correct,
            round(exam.seconds.get(item.id, 0.0), 3),
            item.id in exam.flagged,
        )
        for item in exam.items
    )
    end = exam.submitted_at if exam.submitted_at is not None else exam.deadline
    return Report(exam.exam_id, results, max(0.0, end - exam.started_at))


def new_exam(
    bank: tuple[Item, ...], kind: str, seed: int, now: float, exam_id: str,
    shape: tuple[int, int] | None = None,
) -> Exam:  # fmt: skip
    """An exam of ``kind`` (one of ``SHAPES``, or ``shape`` = (questions, minutes))."""
    if shape is None:
        if kind not in SHAPES:
            raise ValueError(f"kind must be one of {sorted(SHAPES)}, got {kind!r}")
        shape = SHAPES[kind]
    n, minutes = shape
    if minutes <= 0:
        raise ValueError(f"minutes must be positive, got {minutes}")
    return Exam(exam_id, kind, draw(bank, min(n, len(bank)), seed), now, 60.0 * minutes)


def restore(
    bank_by_id: Mapping[str, Item], row: Mapping, answers: Iterable[Mapping]
) -> Exam | None:
    """An exam rebuilt from the store's rows; questions whose id disappeared are left out
    (None when none is left)."""
    items = tuple(bank_by_id[q] for q in row["question_ids"] if q in bank_by_id)
    if not items:
        return None
    exam = Exam(row["exam_id"], row["kind"], items, row["started_at"], row["duration_s"])
    exam.submitted_at = row["submitted_at"]
    exam.current = min(row["current"], len(items) - 1)
    exam.entered_at = row["entered_at"] or row["started_at"]
    for a in answers:
        item = bank_by_id.get(a["question_id"])
        if item is None or item not in items:
            continue
        chosen = frozenset(a["chosen"])
        try:
            grade(item.question, chosen)
        except ValueError:
            # The question changed shape (fewer options, or one answer where two were
            # allowed) since it was answered: the old answer means nothing now.
            chosen = frozenset()
        if chosen:
            exam.answers[item.id] = chosen
        if a["flagged"]:
            exam.flagged.add(item.id)
        if a["seconds"]:
            exam.seconds[item.id] = a["seconds"]
    return exam
