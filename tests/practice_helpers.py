"""Shared pieces of the practice tests: a small bank of two topics and a clock to set."""

from __future__ import annotations

from aws_compute_course.practice.bank import Item
from aws_compute_course.quiz import Option, Question

START = 1_800_000_000.0
"""A fixed 'now' (2027-01-15): tests never read the real clock."""


class Clock:
    """A clock the test moves: ``clock()`` is now, ``clock.t += 30`` is thirty seconds on."""

    def __init__(self, t: float = START) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def question(qid: str, correct: int = 0, multi: bool = False) -> Question:
    """Four options, ``correct`` right (and the next one too when ``multi``)."""
    right = {correct, (correct + 1) % 4} if multi else {correct}
    return Question(
        qid,
        f"Prompt of {qid}." + (" Choose two." if multi else ""),
        tuple(
            Option(f"option {i} of {qid}", i in right, f"why option {i} of {qid} is so")
            for i in range(4)
        ),
        multi=multi,
    )


def small_bank() -> tuple[Item, ...]:
    """12 'ec2' questions and 6 'spot' ones (one of them choose-two)."""
    ec2 = [Item("ec2", question(f"ec2-{n}", n % 4)) for n in range(12)]
    spot = [Item("spot", question(f"spot-{n}", n % 4, multi=n == 0)) for n in range(6)]
    return tuple(ec2 + spot)
