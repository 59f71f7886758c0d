"""The questions practice draws from: every built topic's bank, shown in the learner's order.

The bank grows as topics land: :func:`course_bank` reads ``QUESTIONS`` from each built
topic's ``questions`` module (the topic registry says which are built). Options are shown
in the per-learner order of the notebook quizzes (:func:`aws_compute_course.quiz.shuffled`);
answers are stored as *authored* option indices, so a stored answer means the same option
whatever order a later course version shows.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from aws_compute_course import topics
from aws_compute_course.quiz import Question, display_order, shuffled, validate_bank


@dataclass(frozen=True)
class Item:
    """A question and the topic whose bank it comes from."""

    topic: str
    question: Question

    @property
    def id(self) -> str:
        return self.question.id


@cache
def course_bank() -> tuple[Item, ...]:
    """Every built topic's questions, in course order; ids unique across the course."""
    items = []
    for t in topics.built():
        module = importlib.import_module(f"{t.module}.questions")
        items.extend(Item(t.id, q) for q in module.QUESTIONS)
    validate_bank(i.question for i in items)
    return tuple(items)


def by_id(bank: Iterable[Item]) -> dict[str, Item]:
    return {i.id: i for i in bank}


def draw(bank: Sequence[Item], n: int, seed: int) -> tuple[Item, ...]:
    """``n`` questions, each topic in proportion to its share of the bank, in random order.

    Proportional allocation by largest remainder keeps a short exam as mixed as the real
    one; ``seed`` makes the draw reproducible.
    """
    if not 1 <= n <= len(bank):
        raise ValueError(f"n must be between 1 and the bank's {len(bank)} questions, got {n}")
    per_topic: dict[str, list[Item]] = {}
    for item in bank:
        per_topic.setdefault(item.topic, []).append(item)
    exact = {t: n * len(items) / len(bank) for t, items in per_topic.items()}
    counts = {t: int(x) for t, x in exact.items()}
    by_remainder = sorted(exact, key=lambda t: (counts[t] - exact[t], t))
    for t in by_remainder[: n - sum(counts.values())]:
        counts[t] += 1
    rng = random.Random(seed)
    drawn = [item for t, items in per_topic.items() for item in rng.sample(items, counts[t])]
    rng.shuffle(drawn)
    return tuple(drawn)


def shown(item: Item, learner_name: str) -> Question:
    """The question with its options in ``learner_name``'s order (the quizzes' order)."""
    return shuffled(item.question, learner_name)


def to_authored(item: Item, learner_name: str, shown_indices: Iterable[int]) -> frozenset[int]:
    """Shown option indices as the authored indices they stand for."""
    order = display_order(item.question, learner_name)
    return frozenset(order[i] for i in shown_indices)


def to_shown(item: Item, learner_name: str, authored: Iterable[int]) -> frozenset[int]:
    """Authored option indices as the positions ``learner_name`` sees them in.

    An index the question no longer has (it lost an option in a later version) is dropped.
    """
    order = display_order(item.question, learner_name)
    position = {a: s for s, a in enumerate(order)}
    return frozenset(position[a] for a in authored if a in position)


def teaching_link(topic_id: str) -> tuple[str, str]:
    """(text, relative href) of the notebook section that teaches a topic's questions.

    The practice notebook sits beside the course notebooks, so a relative link opens the
    topic's notebook at its scenario questions; the explorables are in that notebook.
    """
    t = topics.topic(topic_id)
    name = t.notebook.split("/")[-1]
    return f"{t.title} notebook ({name})", f"{name}#Scenario-questions"
