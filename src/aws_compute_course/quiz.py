"""Scenario questions in the exam's style: each option carries its own explanation.

A question is data (``Question`` of ``Option``); ``grade`` turns a learner's choice into a
``Verdict`` that says, per option, whether it was chosen, whether it is correct and why.
Widgets, notebooks and nbgrader tests all grade through here, so they agree.

**Order.** Banks are authored with their correct answers spread over the positions, and the
course shows every question's options in an order shuffled per learner and question
(:func:`shuffled`): a stable hash of the learner's name (:func:`learner`: the OS user name,
or ``$AWS_COURSE_LEARNER`` when set) and the question id, so a re-run shows the same order,
two learners usually see different ones, and each explanation travels with its option.
Assignments are not shuffled: the letters a learner sees there are the letters graded.

**The standard.** :func:`bank_problems` lists what keeps a topic's bank from the exam's
standard (at least ``MIN_QUESTIONS``; no answer position or "longest option" giveaway;
at least half multi-constraint scenarios of ``SCENARIO_WORDS`` words with one of the exam's
``QUALIFIERS``; at least ``MIN_CHOOSE_N`` choose-two/choose-three questions; an obsolete
feature as a distractor at most ``MAX_OBSOLETE`` times; an explanation for every option).
The question-standard and conformance tests run it over every topic's bank.
"""

from __future__ import annotations

import getpass
import hashlib
import operator
import os
import re
import string
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

LETTERS = string.ascii_uppercase
"""Options are labelled A, B, C, ... as on the exam."""


@dataclass(frozen=True)
class Option:
    """One answer to a question, right or wrong, with the reason it is right or wrong.

    ``obsolete`` marks a distractor that is wrong because the feature it relies on no longer
    exists or has been retired (Spot blocks, Scheduled Reserved Instances, a limit of the
    2021 notes): a giveaway the standard allows at most ``MAX_OBSOLETE`` times per topic.
    """

    text: str
    correct: bool
    explanation: str
    obsolete: bool = False


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
        if option.obsolete and option.correct:
            return f"option {i} ({option.text!r}) is marked both correct and obsolete"
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


# --- the order a learner sees ------------------------------------------------------------

LEARNER_ENV = "AWS_COURSE_LEARNER"
"""Environment variable that overrides the learner name used to shuffle options."""


def learner() -> str:
    """Whose order to show: ``$AWS_COURSE_LEARNER`` when set, else the OS user name."""
    name = os.environ.get(LEARNER_ENV, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "learner"


def display_order(question: Question, learner_name: str) -> tuple[int, ...]:
    """The authored option indices in the order ``learner_name`` sees them.

    Each option gets a SHA-256 of (learner, question id, option index); sorting by it is a
    permutation that is the same on every run, machine and Python version, independent of
    the other questions, and different for most learners.
    """

    def key(i: int) -> bytes:
        return hashlib.sha256(f"{learner_name}\0{question.id}\0{i}".encode()).digest()

    return tuple(sorted(range(len(question.options)), key=key))


def shuffled(question: Question, learner_name: str) -> Question:
    """The question with its options in ``learner_name``'s order (same id, prompt, ``multi``).

    Grade the shown question with the shown indices: each option keeps its explanation.
    """
    order = display_order(question, learner_name)
    return Question(
        question.id, question.prompt, tuple(question.options[i] for i in order), question.multi
    )


# --- the exam's standard for a topic's bank ---------------------------------------------

MIN_QUESTIONS = 15
"""Questions a topic's course bank needs at least."""
MAX_POSITION_SHARE = 0.40
"""No authored position may hold more than this share of a topic's correct options."""
MAX_LONGEST_SHARE = 0.40
"""The correct option may be the longest in at most this share of a topic's questions."""
SCENARIO_WORDS = (80, 200)
"""Words in the prompt of a multi-constraint scenario, as on the exam."""
MIN_SCENARIO_SHARE = 0.5
"""At least this share of a topic's questions are multi-constraint scenarios."""
MIN_CHOOSE_N = 2
"""Choose-two or choose-three questions a topic needs at least."""
MAX_OBSOLETE = 1
"""Distractors marked ``obsolete`` a topic may use at most."""
MIN_OPTIONS = 4
"""Options every question offers at least (the exam's four or more)."""
MIN_EXPLANATION_WORDS = 6
"""Words an explanation needs at least: it has to say why, for this scenario."""

QUALIFIERS = (
    "MOST cost-effective",
    "LEAST expensive",
    "LOWEST cost",
    "LEAST operational overhead",
    "LEAST amount of operational effort",
    "LEAST development effort",
    "MOST operationally efficient",
    "MOST resilient",
    "HIGHEST availability",
    "LOWEST latency",
    "FEWEST changes",
    "LEAST downtime",
    "MOST secure",
    "MOST scalable",
    "FASTEST",
)
"""The exam's qualifiers, written as the exam writes them (the capitalised word counts)."""

CHOOSE = {2: "Choose two.", 3: "Choose three."}
"""What the prompt of a choose-N question says, by the number of correct options."""

_CHOOSE_ANY = re.compile(r"\bChoose (two|three)\.")


def prompt_words(question: Question) -> int:
    """Words in the prompt (whitespace-separated)."""
    return len(question.prompt.split())


def qualifier(question: Question) -> str | None:
    """The first of ``QUALIFIERS`` the prompt uses, or None."""
    return next((q for q in QUALIFIERS if q in question.prompt), None)


def is_scenario(question: Question) -> bool:
    """A multi-constraint scenario: ``SCENARIO_WORDS`` words in the prompt and a qualifier."""
    low, high = SCENARIO_WORDS
    return low <= prompt_words(question) <= high and qualifier(question) is not None


def choose_n(question: Question) -> int | None:
    """2 or 3 for a well-formed choose-two/choose-three question, else None."""
    n = len(question.correct_indices)
    if question.multi and n in CHOOSE and CHOOSE[n] in question.prompt:
        return n
    return None


def longest_is_correct(question: Question) -> bool:
    """True when a correct option is at least as long (in characters) as every wrong one."""
    right = max(len(o.text) for o in question.options if o.correct)
    wrong = [len(o.text) for o in question.options if not o.correct]
    return not wrong or right >= max(wrong)


def obsolete_distractors(bank: Iterable[Question]) -> list[str]:
    """``question-id: option text`` of every wrong option marked obsolete."""
    return [f"{q.id}: {o.text}" for q in bank for o in q.options if o.obsolete and not o.correct]


def _question_problems(q: Question) -> list[str]:
    problems = []
    if len(q.options) < MIN_OPTIONS:
        problems.append(f"{q.id}: {len(q.options)} options; at least {MIN_OPTIONS} are needed")
    for i, o in enumerate(q.options):
        if len(o.explanation.split()) < MIN_EXPLANATION_WORDS:
            problems.append(
                f"{q.id}: option {LETTERS[i]} ({o.text[:40]!r}) has no real explanation "
                f"({o.explanation!r}: fewer than {MIN_EXPLANATION_WORDS} words)"
            )
    said = _CHOOSE_ANY.search(q.prompt)
    n = len(q.correct_indices)
    if q.multi and choose_n(q) is None:
        problems.append(
            f"{q.id}: a multi-answer question must have 2 or 3 correct options and say so "
            f"({CHOOSE.get(n, 'Choose two.')!r}); it has {n} correct"
        )
    elif not q.multi and said:
        problems.append(f"{q.id}: says {said.group(0)!r} but is not multi=True")
    return problems


def _share(count: int, total: int) -> str:
    return f"{count} of {total} ({count / total:.0%})"


def bank_problems(bank: Iterable[Question]) -> list[str]:
    """Every way a topic's question bank falls short of the exam's standard ([] when none).

    The rules, and the constants that set them: at least ``MIN_QUESTIONS`` questions of at
    least ``MIN_OPTIONS`` options; in the authored order no position holds more than
    ``MAX_POSITION_SHARE`` of the correct options; a correct option is the longest in at
    most ``MAX_LONGEST_SHARE`` of the questions; at least ``MIN_SCENARIO_SHARE`` are
    multi-constraint scenarios (:func:`is_scenario`); at least ``MIN_CHOOSE_N`` are
    choose-two or choose-three (``multi=True``, the prompt says "Choose two." or "Choose
    three." and exactly that many are correct); at most ``MAX_OBSOLETE`` distractors are
    marked obsolete; every option explains itself in ``MIN_EXPLANATION_WORDS`` words or more.
    """
    questions = validate_bank(bank)
    total = len(questions)
    problems: list[str] = []
    if total < MIN_QUESTIONS:
        problems.append(f"{total} questions; the standard asks for at least {MIN_QUESTIONS}")
    for q in questions:
        problems.extend(_question_problems(q))

    positions = Counter(i for q in questions for i in q.correct_indices)
    answers = sum(positions.values())
    for i, count in sorted(positions.items()):
        if count > MAX_POSITION_SHARE * answers:
            problems.append(
                f"position {LETTERS[i]} holds {_share(count, answers)} of the correct options; "
                f"at most {MAX_POSITION_SHARE:.0%} may"
            )
    longest = [q.id for q in questions if longest_is_correct(q)]
    if len(longest) > MAX_LONGEST_SHARE * total:
        problems.append(
            f"the correct option is the longest in {_share(len(longest), total)} questions; "
            f"at most {MAX_LONGEST_SHARE:.0%} may be ({', '.join(longest)})"
        )
    scenarios = sum(is_scenario(q) for q in questions)
    if scenarios < MIN_SCENARIO_SHARE * total:
        low, high = SCENARIO_WORDS
        problems.append(
            f"{_share(scenarios, total)} questions are multi-constraint scenarios ({low}-{high} "
            f"words with a qualifier such as {QUALIFIERS[0]!r}); at least "
            f"{MIN_SCENARIO_SHARE:.0%} must be"
        )
    multis = sum(choose_n(q) is not None for q in questions)
    if multis < MIN_CHOOSE_N:
        problems.append(
            f"{multis} choose-two or choose-three questions; at least {MIN_CHOOSE_N} are needed"
        )
    obsolete = obsolete_distractors(questions)
    if len(obsolete) > MAX_OBSOLETE:
        problems.append(
            f"{len(obsolete)} distractors rely on an obsolete feature; at most {MAX_OBSOLETE} "
            f"may: {'; '.join(obsolete)}"
        )
    return problems


def bank_summary(bank: Iterable[Question]) -> dict[str, object]:
    """The figures the standard looks at, for reports: counts, shares and positions."""
    questions = validate_bank(bank)
    positions = Counter(LETTERS[i] for q in questions for i in q.correct_indices)
    return {
        "questions": len(questions),
        "scenarios": sum(is_scenario(q) for q in questions),
        "choose_n": sum(choose_n(q) is not None for q in questions),
        "positions": dict(sorted(positions.items())),
        "longest_correct": sum(longest_is_correct(q) for q in questions),
        "obsolete": len(obsolete_distractors(questions)),
        "prompt_words": (
            min(prompt_words(q) for q in questions),
            max(prompt_words(q) for q in questions),
        ),
    }
