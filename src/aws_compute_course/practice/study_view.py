"""Practice by topic, flashcards and the progress view as widgets: thin wiring over
:class:`Practice`, :mod:`.cards` and :mod:`.progress`.

Each view catches :class:`ProgressUnavailable` and shows its message with the way out
(a "Start fresh (keep a copy)" button), as the exam does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from html import escape
from pathlib import Path

import ipywidgets as widgets
import plotly.graph_objects as go

from aws_compute_course import topics
from aws_compute_course.practice import cards, progress
from aws_compute_course.practice.bank import Item, shown
from aws_compute_course.practice.session import Practice
from aws_compute_course.practice.store import ProgressUnavailable
from aws_compute_course.quiz import LETTERS
from aws_compute_course.widgets.cells import for_cell
from aws_compute_course.widgets.quiz import feedback_html, prompt_html


def _button(description: str, handler: Callable[[], None], **kwargs: object) -> widgets.Button:
    button = widgets.Button(description=description, **kwargs)
    button.on_click(lambda _b: handler())
    return button


class _Guarded:
    """A problem line and a 'Start fresh' button shared by the study views."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice
        self.problem = widgets.HTML()
        self.fresh = _button(
            "Start fresh (keep a copy)", self.start_fresh, button_style="danger",
            layout={"width": "auto"},
        )  # fmt: skip
        self.fresh.layout.display = "none"

    def guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except ProgressUnavailable as err:
            self.problem.value = f'<p class="aws-practice-problem"><b>⚠</b> {escape(str(err))}</p>'
            self.fresh.layout.display = None

    def start_fresh(self) -> None:
        copy = self.practice.start_fresh()
        kept = f" The old file is kept as {escape(copy)}." if copy else ""
        self.problem.value = f"<p>Started a fresh progress file.{kept}</p>"
        self.fresh.layout.display = "none"


class PracticeView(_Guarded):
    """A topic (weakest first), one question at a time, feedback after each."""

    def __init__(self, practice: Practice) -> None:
        super().__init__(practice)
        self.item: Item | None = None
        titles = {t.id: t.title for t in topics.all_topics()}
        self.topic = widgets.Dropdown(description="Topic", layout={"width": "28em"})
        self.prompt = widgets.HTML()
        self.radio = widgets.RadioButtons(options=[], value=None, orientation="horizontal")
        self.boxes = widgets.HBox()
        self.feedback = widgets.HTML()
        self.box = widgets.VBox([
            self.topic, self.prompt, self.radio, self.boxes,
            widgets.HBox([_button("Check", self.check), _button("Next question", self.next)]),
            self.feedback, self.problem, self.fresh,
        ])  # fmt: skip

        def order() -> None:
            accuracy = practice.topic_accuracy()
            self.topic.options = [
                (f"{titles.get(t, t)} ({c} of {n} right)" if n else f"{titles.get(t, t)} (new)", t)
                for t in practice.weakest_first()
                for c, n in [accuracy[t]]
            ]
            self.topic.value = self.topic.options[0][1] if self.topic.options else None

        self.guarded(order)
        self.topic.observe(lambda _c: self.next(), names="value")
        self.next()

    def next(self) -> None:
        if self.topic.value is None:
            return

        def pick() -> None:
            self.item = self.practice.next_practice(self.topic.value)

        self.guarded(pick)
        if self.item is None:
            return
        question = shown(self.item, self.practice.learner)
        self.prompt.value = prompt_html(1, question)
        letters = LETTERS[: len(question.options)]
        self.radio.layout.display = "none" if question.multi else None
        self.radio.options = [(letter, i) for i, letter in enumerate(letters)]
        self.radio.value = None
        self.boxes.children = (
            [
                widgets.Checkbox(description=x, indent=False, layout={"width": "auto"})
                for x in letters
            ]
            if question.multi
            else []
        )
        self.feedback.value = ""

    def chosen(self) -> set[int]:
        if self.boxes.children:
            return {i for i, b in enumerate(self.boxes.children) if b.value}
        return set() if self.radio.value is None else {self.radio.value}

    def check(self) -> None:
        if self.item is None:
            return
        chosen = self.chosen()
        self.feedback.value = feedback_html(shown(self.item, self.practice.learner), chosen)
        self.guarded(lambda: self.practice.practice_answer(self.item, chosen))


class CardsView(_Guarded):
    """The next due card: its front, Show answer, then Again / Hard / Good / Easy."""

    def __init__(self, practice: Practice) -> None:
        super().__init__(practice)
        self.current: tuple[cards.Flashcard, object] | None = None
        self.due = widgets.HTML()
        self.front = widgets.HTML()
        self.back = widgets.HTML()
        self.ratings = widgets.HBox([
            _button(name, lambda n=name: self.rate(n)) for name in cards.RATINGS
        ])  # fmt: skip
        self.show = _button("Show answer", self.reveal)
        self.box = widgets.VBox(
            [self.due, self.front, self.show, self.back, self.ratings, self.problem, self.fresh]
        )
        self.guarded(self.load)

    def load(self) -> None:
        now = self.practice.clock()
        n = cards.due_today(self.practice.store, self.practice.deck, now)
        self.due.value = f"<b>Due today: {n} card{'s' if n != 1 else ''}</b>"
        self.current = cards.next_card(self.practice.store, self.practice.deck, now)
        self.back.value = ""
        self.ratings.layout.display = "none"
        if self.current is None:
            self.front.value = "<p>Nothing is due now. Come back later.</p>"
            self.show.layout.display = "none"
        else:
            text = escape(self.current[0].front)
            self.front.value = f'<div style="white-space: pre-line">{text}</div>'
            self.show.layout.display = None

    def reveal(self) -> None:
        if self.current is not None:
            text = escape(self.current[0].back)
            self.back.value = f'<div style="white-space: pre-line"><hr>{text}</div>'
            self.ratings.layout.display = None

    def rate(self, rating: str) -> None:
        if self.current is None:
            return
        card, state = self.current

        def review() -> None:
            cards.review(self.practice.store, card, state, rating, self.practice.clock())
            self.load()

        self.guarded(review)


class ProgressView(_Guarded):
    """History chart, and reset (asks first), export and import of the progress file."""

    def __init__(self, practice: Practice, export_dir: Path | None = None) -> None:
        super().__init__(practice)
        self.export_dir = Path.cwd() if export_dir is None else Path(export_dir)
        self.summary = widgets.HTML()
        self.chart = widgets.Output()
        self.confirm = widgets.HBox([
            widgets.HTML("Delete all your progress? (A copy is kept.)"),
            _button("Yes, reset", self.reset, button_style="danger"),
            _button("No", lambda: setattr(self.confirm.layout, "display", "none")),
        ])  # fmt: skip
        self.confirm.layout.display = "none"
        self.upload = widgets.FileUpload(accept=".sqlite3", multiple=False, description="Import")
        self.upload.observe(lambda _c: self.import_upload(), names="value")
        actions = widgets.HBox([
            _button("Refresh", self.refresh), _button("Export", self.export),
            self.upload, _button("Reset…", lambda: setattr(self.confirm.layout, "display", None)),
        ])  # fmt: skip
        self.box = widgets.VBox(
            [self.summary, self.chart, actions, self.confirm, self.problem, self.fresh]
        )
        self.guarded(self.refresh)

    def figure(self) -> go.Figure:
        history = progress.read(self.practice.store, {i.topic for i in self.practice.bank})
        exams = len(history.exams)
        self.summary.value = (
            f"<p>{exams} exam{'s' if exams != 1 else ''} submitted, {history.answers} answers "
            f"recorded. Progress file: <code>{escape(str(self.practice.store.path))}</code></p>"
        )
        return progress.figure(history)

    def refresh(self) -> None:
        fig = self.figure()
        self.chart.clear_output(wait=True)
        with self.chart:
            fig.show()

    def export(self) -> None:
        dest = self.export_dir / time.strftime("aws-course-progress-%Y%m%d-%H%M%S.sqlite3")

        def export() -> None:
            self.practice.store.export(dest)
            link = f'<a href="{escape(dest.name)}">{escape(str(dest))}</a>'
            self.problem.value = f"<p>Exported to {link}.</p>"

        self.guarded(export)

    def import_upload(self) -> None:
        if not self.upload.value:
            return
        upload = self.upload.value[0]
        incoming = self.export_dir / f".import-{upload['name']}"
        incoming.write_bytes(bytes(upload["content"]))
        try:
            copy = self.practice.store.import_from(incoming)
            self.problem.value = (
                f"<p>Imported {escape(upload['name'])}; the previous progress is kept as "
                f"{escape(str(copy))}.</p>"
            )
        except ValueError as err:
            self.problem.value = f'<p class="aws-practice-problem"><b>⚠</b> {escape(str(err))}</p>'
        finally:
            incoming.unlink(missing_ok=True)
        self.guarded(self.refresh)

    def reset(self) -> None:
        copy = self.practice.store.start_fresh()
        self.confirm.layout.display = "none"
        self.problem.value = f"<p>Progress reset. The old file is kept as {escape(str(copy))}.</p>"
        self.guarded(self.refresh)


def practice_by_topic(practice: Practice | None = None) -> widgets.VBox:
    return for_cell(PracticeView(Practice() if practice is None else practice).box)


def flashcards(practice: Practice | None = None) -> widgets.VBox:
    return for_cell(CardsView(Practice() if practice is None else practice).box)


def progress_view(practice: Practice | None = None) -> widgets.VBox:
    return for_cell(ProgressView(Practice() if practice is None else practice).box)
