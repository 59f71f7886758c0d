"""Scenario questions in the exam's style: each option carries its own explanation.

A question is data (``Question`` of ``Option``); ``grade`` turns a learner's choice into a
``Verdict`` that says, per option, whether it was chosen, whether it is correct and why.
Widgets, notebooks and nbgrader tests all grade through here, so they agree.
"""

from __future__ import annotations

import operator
import string
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

LETTERS = string.ascii_uppercase
"""Options are labelled A, B, C, ... as on the exam."""


@dataclass(frozen=True)
class Option:
    """One answer to a question, right or wrong, with the reason it is right or wrong."""

    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Question:
    """A scenario question: one correct option, or several when ``multi`` is true."""

    id: str
    prompt: str
    options: tuple[Option, ...]
    multi: bool = False

    def __post_init__(self) -> None:
        # Accept any sequence, store a tuple: the dataclass stays hashable and immutable.
        object.__setattr__(self, "options", tuple(self.options))
        problem = _problem(self)
        if problem:
            raise ValueError(f"question {self.id!r}: {problem}")

    @property
    def correct_indices(self) -> frozenset[int]:
        """Indices of the correct options."""
        return frozenset(i for i, option in enumerate(self.options) if option.correct)


def _problem(q: Question) -> str | None:
    """What is wrong with a question, or None when it is well formed."""
    if not q.id.strip():
        return "id must not be empty"
    if not q.prompt.strip():
        return "prompt must not be empty"
    if len(q.options) < 2:
        return f"needs at least 2 options, got {len(q.options)}"
    if len(q.options) > len(LETTERS):
        return f"has {len(q.options)} options; at most {len(LETTERS)} can be lettered A-Z"
    for i, option in enumerate(q.options):
        if not isinstance(option, Option):
            return f"option {i} must be an Option, got {type(option).__name__}"
        if not option.text.strip():
            return f"option {i} has empty text"
        if not option.explanation.strip():
            return f"option {i} ({option.text!r}) has an empty explanation"
    duplicates = sorted(t for t, n in Counter(o.text for o in q.options).items() if n > 1)
    if duplicates:
        return f"duplicate option text {duplicates}"
    n_correct = sum(o.correct for o in q.options)
    if n_correct == 0:
        return "no option is marked correct"
    if n_correct > 1 and not q.multi:
        return f"{n_correct} options are marked correct; set multi=True or mark only one"
    return None


@dataclass(frozen=True)
class OptionResult:
    """How one option fared: whether the learner chose it, whether it is correct, and why."""

    text: str
    chosen: bool
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Verdict:
    """The outcome of answering one question."""

    question_id: str
    correct: bool
    options: tuple[OptionResult, ...]

    @property
    def answered(self) -> bool:
        """True when at least one option was chosen."""
        return any(o.chosen for o in self.options)


def _indices(question: Question, chosen: int | Iterable[int]) -> frozenset[int]:
    """The chosen indices as a set, checked against the question's options."""
    items = list(chosen) if isinstance(chosen, Iterable) else [chosen]
    n = len(question.options)
    picked = set()
    for item in items:
        if isinstance(item, bool):
            raise TypeError(
                f"question {question.id!r}: chosen must be option indices, got {item!r}"
            )
        index = operator.index(item)
        if not 0 <= index < n:
            raise ValueError(
                f"question {question.id!r}: chosen index {index} is out of range 0..{n - 1}"
            )
        picked.add(index)
    if len(picked) > 1 and not question.multi:
        raise ValueError(
            f"question {question.id!r} takes one answer, got {len(picked)}: {sorted(picked)}"
        )
    return frozenset(picked)


def grade(question: Question, chosen: int | Iterable[int]) -> Verdict:
    """Grade a choice: one index, or a set of indices (empty means not answered).

    The answer is correct when exactly the correct options are chosen; a multi-answer
    question earns no partial credit, as on the exam.
    """
    picked = _indices(question, chosen)
    return Verdict(
        question_id=question.id,
        correct=picked == question.correct_indices,
        options=tuple(
            OptionResult(o.text, i in picked, o.correct, o.explanation)
            for i, o in enumerate(question.options)
        ),
    )


def validate_bank(questions: Iterable[Question]) -> tuple[Question, ...]:
    """The questions as a tuple, after checking that their ids are unique."""
    bank = tuple(questions)
    if not bank:
        raise ValueError("a question bank needs at least one question, got none")
    for q in bank:
        if not isinstance(q, Question):
            raise TypeError(f"a question bank holds Question objects, got {type(q).__name__}")
    duplicates = sorted(i for i, n in Counter(q.id for q in bank).items() if n > 1)
    if duplicates:
        raise ValueError(f"duplicate question id(s) {duplicates}")
    return bank
