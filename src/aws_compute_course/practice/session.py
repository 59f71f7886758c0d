"""One learner's practice: exams that survive a restart, practice answers, missed questions.

:class:`Practice` ties the bank, the learner's option order and the progress file together;
the widgets call it and show what it returns. Every change to an exam is written through
at once (the timer and the answers survive a page reload and a kernel restart), and the
exam in memory stays the truth: when the file fails, :meth:`Practice.start_fresh` moves it
aside and writes the current exam again, so no answer already given is lost.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Iterable

from aws_compute_course.practice import cards
from aws_compute_course.practice.bank import Item, by_id, course_bank, to_authored
from aws_compute_course.practice.exam import Exam, Report, new_exam, restore
from aws_compute_course.practice.store import Store, default_path
from aws_compute_course.quiz import Verdict, grade, learner


class Practice:
    """The learner's exams, practice and cards over one progress file."""

    def __init__(
        self,
        store: Store | None = None,
        bank: tuple[Item, ...] | None = None,
        learner_name: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.learner = learner() if learner_name is None else learner_name
        self.store = Store(default_path(self.learner)) if store is None else store
        self.bank = course_bank() if bank is None else bank
        self.items = by_id(self.bank)
        self.clock = clock
        self._deck: dict[str, cards.Flashcard] | None = None

    @property
    def deck(self) -> dict[str, cards.Flashcard]:
        if self._deck is None:
            self._deck = cards.deck(self.bank, self.learner)
        return self._deck

    # --- exams -------------------------------------------------------------------------

    def resume_exam(self) -> Exam | None:
        """The exam left open (after a reload or restart), or None. One whose time ran out
        while the notebook was closed is submitted with the answers it has."""
        found = self.store.open_exam()
        if found is None:
            return None
        exam = restore(self.items, *found)
        if exam is not None and self.clock() >= exam.deadline:
            self.submit(exam)
            return None
        return exam

    def start_exam(self, kind: str, shape: tuple[int, int] | None = None) -> Exam:
        """A new exam; its seed comes from the learner and the exams taken, so each differs."""
        taken = self.store.read("SELECT count(*) FROM exams")
        salt = f"{self.learner}\0{taken[0][0] if taken else 0}".encode()
        seed = int.from_bytes(hashlib.sha256(salt).digest()[:8], "big")
        exam = new_exam(self.bank, kind, seed, self.clock(), uuid.uuid4().hex, shape)
        self.save(exam)
        return exam

    def answer(self, exam: Exam, shown_indices: Iterable[int]) -> None:
        """Record the answer to the current question, given as the positions on screen."""
        exam.answer(to_authored(exam.item, self.learner, shown_indices), self.clock())
        self.save(exam)

    def save(self, exam: Exam, report: Report | None = None) -> None:
        """Write the exam and every answer (raises ProgressUnavailable; the exam stays)."""
        row = {
            "exam_id": exam.exam_id, "kind": exam.kind,
            "question_ids": [i.id for i in exam.items], "started_at": exam.started_at,
            "duration_s": exam.duration_s, "current": exam.current,
            "entered_at": exam.entered_at, "submitted_at": exam.submitted_at,
            "correct": report.correct if report else None,
            "total": report.total if report else None,
        }  # fmt: skip
        answers = [
            {"question_id": i.id, "chosen": exam.answers.get(i.id, ()),
             "flagged": i.id in exam.flagged, "seconds": exam.seconds.get(i.id, 0.0)}
            for i in exam.items
            if i.id in exam.answers or i.id in exam.flagged or i.id in exam.seconds
        ]  # fmt: skip
        self.store.save_exam(row, answers)

    def submit(self, exam: Exam) -> Report:
        """Score the exam; record its attempts and make its missed questions cards."""
        report = exam.submit(self.clock())
        already = self.store.read(
            "SELECT 1 FROM exams WHERE exam_id=? AND correct IS NOT NULL", (exam.exam_id,)
        )
        self.save(exam, report)
        if not already:
            at = exam.submitted_at or self.clock()
            self.store.add_attempts(
                [(r.item.id, r.item.topic, r.correct, at, "exam") for r in report.results]
            )
            cards.add_missed(self.store, [r.item.id for r in report.results if not r.correct], at)
        return report

    def start_fresh(self, exam: Exam | None = None) -> str | None:
        """Move the progress file aside (kept as a copy), then write ``exam`` again."""
        copy = self.store.start_fresh()
        if exam is not None:
            self.save(exam, exam.submit(self.clock()) if exam.done else None)
        return None if copy is None else str(copy)

    # --- practice by topic --------------------------------------------------------------

    def topic_accuracy(self) -> dict[str, tuple[int, int]]:
        """topic -> (correct, answered) over every exam and practice answer to a question
        still in the bank; every topic of the bank is listed, (0, 0) when never answered."""
        accuracy = {t: (0, 0) for t in dict.fromkeys(i.topic for i in self.bank)}
        for qid, right, n in self.store.read(
            "SELECT question_id, sum(correct), count(*) FROM attempts GROUP BY question_id"
        ):
            item = self.items.get(qid)
            if item is not None:  # a question that left the course no longer counts
                c, total = accuracy[item.topic]
                accuracy[item.topic] = (c + right, total + n)
        return accuracy

    def weakest_first(self) -> list[str]:
        """Topics by accuracy, lowest first; a topic never answered counts as 0 %."""
        accuracy = self.topic_accuracy()
        return sorted(accuracy, key=lambda t: (accuracy[t][0] / max(1, accuracy[t][1]), t))

    def next_practice(self, topic: str) -> Item:
        """The topic's question answered least often, then longest ago (bank order breaks
        ties), so practice goes round the whole bank."""
        pool = [i for i in self.bank if i.topic == topic]
        if not pool:
            raise ValueError(f"topic must be one of {sorted({i.topic for i in self.bank})}")
        seen = {
            q: (n, last)
            for q, n, last in self.store.read(
                "SELECT question_id, count(*), max(at) FROM attempts WHERE topic=?"
                " GROUP BY question_id",
                (topic,),
            )
        }
        return min(pool, key=lambda i: seen.get(i.id, (0, 0.0)))

    def practice_answer(self, item: Item, shown_indices: Iterable[int]) -> Verdict:
        """Grade a practice answer (positions on screen), record it; a miss becomes a card."""
        authored = to_authored(item, self.learner, shown_indices)
        verdict = grade(item.question, authored)
        if verdict.answered:
            now = self.clock()
            self.store.add_attempts([(item.id, item.topic, verdict.correct, now, "practice")])
            if not verdict.correct:
                cards.add_missed(self.store, [item.id], now)
        return verdict
