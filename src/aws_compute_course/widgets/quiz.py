"""Scenario questions as widgets: choose, press Check, read why every option is right or wrong.

``feedback_html`` does the work and is tested headless; ``quiz`` only wires widgets to it.
Option texts are shown in the question's HTML, where long sentences wrap; the radio buttons
and checkboxes carry only the letters, because ipywidgets cuts long labels to one line.

``quiz`` shows each question's options in the learner's own order
(:func:`aws_compute_course.quiz.shuffled`: stable per learner and question, so a re-run shows
the same order). The letters on screen, the choice and the feedback all refer to that shown
order, and every explanation stays with its option.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

import ipywidgets as widgets

from aws_compute_course.quiz import (
    CHOOSE,
    LETTERS,
    Question,
    grade,
    learner,
    shuffled,
    validate_bank,
)
from aws_compute_course.widgets.cells import for_cell

_RIGHT = "#1a7f37"
_WRONG = "#cf222e"


def _letters(indices: Iterable[int]) -> str:
    """'A', 'A and C', 'A, B and D'."""
    names = [LETTERS[i] for i in sorted(indices)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def prompt_html(number: int, question: Question) -> str:
    """The question as HTML: its number, the prompt and the lettered options."""
    n = len(question.correct_indices)
    says_how_many = n in CHOOSE and CHOOSE[n] in question.prompt
    how_many = f" <i>(Choose {n}.)</i>" if question.multi and not says_how_many else ""
    options = "".join(f"<li>{escape(o.text)}</li>" for o in question.options)
    return (
        f'<div style="white-space: pre-line"><b>Question {number}.</b> '
        f"{escape(question.prompt)}{how_many}</div>"
        f'<ol type="A" style="margin-top: 0.3em">{options}</ol>'
    )


def feedback_html(question: Question, chosen: int | Iterable[int]) -> str:
    """Whether the choice is right, then for every option whether it is correct and why.

    With nothing chosen it only asks for an answer, so pressing Check does not give the
    explanations away.
    """
    verdict = grade(question, chosen)
    if not verdict.answered:
        ask = "one or more answers" if question.multi else "an answer"
        return f"<p>Choose {ask}, then press <b>Check</b>.</p>"
    picked = [i for i, o in enumerate(verdict.options) if o.chosen]
    if verdict.correct:
        headline = f'<p style="color: {_RIGHT}"><b>✓ Correct.</b></p>'
    else:
        answer = "answers are" if len(question.correct_indices) > 1 else "answer is"
        headline = (
            f'<p style="color: {_WRONG}"><b>✗ Not quite.</b> You chose {_letters(picked)}; '
            f"the {answer} {_letters(question.correct_indices)}.</p>"
        )
    items = []
    for i, o in enumerate(verdict.options):
        mark, color, word = ("✓", _RIGHT, "correct") if o.correct else ("✗", _WRONG, "wrong")
        yours = " · your choice" if o.chosen else ""
        items.append(
            f'<li style="margin: 0.4em 0"><b style="color: {color}">{mark} {LETTERS[i]}.</b> '
            f"{escape(o.text)} <i>({word}{yours})</i><br>{escape(o.explanation)}</li>"
        )
    return (
        f'<div class="aws-quiz-feedback">{headline}'
        f'<ul style="list-style: none; padding-left: 0">{"".join(items)}</ul></div>'
    )


def _choices(
    question: Question,
) -> tuple[widgets.Widget, list[widgets.Widget], Callable[[], set[int]]]:
    """The choice widget, the widgets whose value changes, and a reader of the chosen set."""
    letters = LETTERS[: len(question.options)]
    if question.multi:
        boxes = [
            widgets.Checkbox(
                value=False, description=letter, indent=False, layout=widgets.Layout(width="auto")
            )
            for letter in letters
        ]
        return (
            widgets.HBox(boxes),
            boxes,
            lambda: {i for i, box in enumerate(boxes) if box.value},
        )
    radio = widgets.RadioButtons(
        options=[(letter, i) for i, letter in enumerate(letters)],
        value=None,
        orientation="horizontal",
    )
    return radio, [radio], lambda: set() if radio.value is None else {radio.value}


def _question_box(number: int, question: Question) -> widgets.VBox:
    """Prompt, choices, Check button and feedback area for one question."""
    choice, watched, chosen = _choices(question)
    check = widgets.Button(description="Check")
    feedback = widgets.HTML()

    def on_check(_button: widgets.Button) -> None:
        feedback.value = feedback_html(question, chosen())

    def on_change(_change: dict) -> None:
        # Feedback for the previous choice would now describe a different answer.
        feedback.value = ""

    check.on_click(on_check)
    for w in watched:
        w.observe(on_change, names="value")
    return widgets.VBox([widgets.HTML(prompt_html(number, question)), choice, check, feedback])


def quiz(
    questions: Iterable[Question], *, learner_name: str | None = None, shuffle: bool = True
) -> widgets.VBox:
    """A box of questions, numbered from 1; each is a VBox of prompt, choices, Check, feedback.

    Options appear in ``learner_name``'s order (default: :func:`aws_compute_course.quiz.learner`,
    the OS user name or ``$AWS_COURSE_LEARNER``); ``shuffle=False`` shows the authored order.
    """
    bank = validate_bank(questions)
    if shuffle:
        name = learner() if learner_name is None else learner_name
        bank = tuple(shuffled(q, name) for q in bank)
    # Closed when its cell runs again: a re-run would otherwise leave every old box alive.
    return for_cell(widgets.VBox([_question_box(n, q) for n, q in enumerate(bank, start=1)]))
