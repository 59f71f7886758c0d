"""The exam and its report as widgets: thin wiring over :class:`Practice` and :mod:`.report`.

One set of widgets serves every question (the prompt's HTML, a radio group or a row of
checkboxes, updated in place), so moving to the next question sends a few small messages
instead of building new widgets. The clock ticks in the browser (:class:`Countdown`, an
anywidget) from the deadline the kernel keeps on disk: a page reload shows the same time
left, and when it reaches zero the browser tells the kernel, which submits the exam.
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets
import traitlets

from aws_compute_course.practice.bank import shown, to_shown
from aws_compute_course.practice.exam import SHAPES, Exam, Report
from aws_compute_course.practice.report import report_html
from aws_compute_course.practice.session import Practice
from aws_compute_course.practice.store import ProgressUnavailable
from aws_compute_course.quiz import LETTERS
from aws_compute_course.widgets.cells import for_cell
from aws_compute_course.widgets.quiz import prompt_html

MAX_OPTIONS = 8


class Countdown(anywidget.AnyWidget):
    """Minutes and seconds left until ``deadline_ms`` (epoch ms); sets ``expired`` at zero."""

    _esm = """
    function render({ model, el }) {
      el.classList.add("aws-practice-countdown");
      const tick = () => {
        const left = Math.max(0, model.get("deadline_ms") - Date.now());
        const s = Math.floor(left / 1000);
        const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
        el.textContent = "Time left: " + (h ? h + " h " : "") + m + " min "
          + String(s % 60).padStart(2, "0") + " s";
        if (left === 0 && model.get("deadline_ms") > 0 && !model.get("expired")) {
          model.set("expired", true);
          model.save_changes();
        }
      };
      tick();
      const timer = setInterval(tick, 1000);
      model.on("change:deadline_ms", tick);
      return () => clearInterval(timer);
    }
    export default { render };
    """
    deadline_ms = traitlets.Float(0).tag(sync=True)
    expired = traitlets.Bool(False).tag(sync=True)


def _button(description: str, handler: object, **kwargs: object) -> widgets.Button:
    button = widgets.Button(description=description, **kwargs)
    button.on_click(lambda _b: handler())
    return button


class ExamView:
    """Start an exam, answer, flag, move, submit; then the report. ``box`` is shown."""

    def __init__(
        self, practice: Practice, shapes: dict[str, tuple[int, int]] | None = None
    ) -> None:
        self.practice = practice
        self.shapes = SHAPES if shapes is None else shapes
        self.exam: Exam | None = None
        self.report: Report | None = None
        self._loading = False
        self.status = widgets.HTML()
        self.prompt = widgets.HTML()
        self.clock = Countdown()
        self.radio = widgets.RadioButtons(options=[], value=None, orientation="horizontal")
        self.boxes = [
            widgets.Checkbox(description=LETTERS[i], indent=False, layout={"width": "auto"})
            for i in range(MAX_OPTIONS)
        ]
        self.checks = widgets.HBox(self.boxes)
        self.flag_button = _button("Flag for review", self.flag, icon="flag")
        self.jump = widgets.Dropdown(description="Go to", layout={"width": "14em"})
        nav = widgets.HBox([
            _button("Previous", self.previous), _button("Next", self.next),
            self.flag_button, self.jump,
            _button("Submit exam", self.submit, button_style="warning"),
        ])  # fmt: skip
        self.problem = widgets.HTML()
        self.fresh = _button(
            "Start fresh (keep a copy)", self.start_fresh, button_style="danger",
            layout={"width": "auto"},
        )  # fmt: skip
        self.fresh.layout.display = "none"
        self.exam_box = widgets.VBox(
            [self.status, self.clock, self.prompt, self.radio, self.checks, nav]
        )
        starts = [
            _button(
                f"Start {kind} exam ({n} questions, {m} min)",
                lambda k=kind: self.start(k),
                layout={"width": "auto"},
            )
            for kind, (n, m) in self.shapes.items()
        ]
        self.start_box = widgets.HBox(starts)
        self.report_view = widgets.HTML()
        self.box = widgets.VBox(
            [self.start_box, self.exam_box, self.report_view, self.problem, self.fresh]
        )
        self.radio.observe(self._chosen, names="value")
        for b in self.boxes:
            b.observe(self._chosen, names="value")
        self.jump.observe(self._jumped, names="value")
        self.clock.observe(lambda _c: self.clock.expired and self.submit(), names="expired")
        self._guarded(self._resume)

    # --- failures: say what happened, keep the exam, offer the way out ------------------

    def _guarded(self, action: object) -> None:
        try:
            action()
        except ProgressUnavailable as err:
            self.problem.value = f'<p class="aws-practice-problem"><b>⚠</b> {err}</p>'
            self.fresh.layout.display = None
        except TimeoutError:
            self._finish()

    def start_fresh(self) -> None:
        copy = self.practice.start_fresh(self.exam)
        kept = f" The old file is kept as {copy}." if copy else ""
        self.problem.value = f"<p>Started a fresh progress file.{kept}</p>"
        self.fresh.layout.display = "none"

    # --- exam flow -------------------------------------------------------------------

    def _resume(self) -> None:
        self.exam = self.practice.resume_exam()
        self._render()

    def start(self, kind: str) -> None:
        self.report = None
        start = self.practice.start_exam
        self._guarded(lambda: setattr(self, "exam", start(kind, self.shapes[kind])))
        self._render()

    def _move(self, index: int) -> None:
        if self.exam is not None and not self.exam.done:
            self.exam.goto(index, self.practice.clock())
            self._render()
            self.practice.save(self.exam)

    def next(self) -> None:
        if self.exam is not None:
            self._guarded(lambda: self._move(min(self.exam.current + 1, len(self.exam.items) - 1)))

    def previous(self) -> None:
        if self.exam is not None:
            self._guarded(lambda: self._move(max(self.exam.current - 1, 0)))

    def flag(self) -> None:
        def toggle() -> None:
            self.exam.toggle_flag(self.practice.clock())
            self._render()
            self.practice.save(self.exam)

        if self.exam is not None and not self.exam.done:
            self._guarded(toggle)

    def choose(self, shown_indices: set[int]) -> None:
        """Answer the current question with the options at these positions on screen."""
        if self.exam is not None and not self.exam.done:
            self._guarded(lambda: self.practice.answer(self.exam, shown_indices))
            self._render_status()

    def _chosen(self, _change: dict) -> None:
        if self._loading or self.exam is None:
            return
        if self.exam.item.question.multi:
            self.choose({i for i, b in enumerate(self.boxes) if b.value})
        else:
            self.choose(set() if self.radio.value is None else {self.radio.value})

    def _jumped(self, change: dict) -> None:
        if not self._loading and change["new"] is not None:
            self._guarded(lambda: self._move(change["new"]))

    def submit(self) -> None:
        if self.exam is not None:
            self._finish()

    def _finish(self) -> None:
        try:
            self.report = self.practice.submit(self.exam)
        except ProgressUnavailable as err:
            self.report = self.exam.submit(self.practice.clock())
            self.problem.value = f'<p class="aws-practice-problem"><b>⚠</b> {err}</p>'
            self.fresh.layout.display = None
        self._render()

    # --- drawing ---------------------------------------------------------------------

    def _render_status(self) -> None:
        exam = self.exam
        answered, flagged = len(exam.answers), len(exam.flagged)
        self.status.value = (
            f"<b>Question {exam.current + 1} of {len(exam.items)}</b> · {answered} answered · "
            f"{flagged} flagged for review"
        )
        marks = [
            f"{n + 1}{' ✓' if i.id in exam.answers else ''}{' ⚑' if i.id in exam.flagged else ''}"
            for n, i in enumerate(exam.items)
        ]
        self._loading = True
        try:
            self.jump.options = list(zip(marks, range(len(marks)), strict=True))
            self.jump.value = exam.current
        finally:
            self._loading = False

    def _render(self) -> None:
        done = self.exam is None or self.exam.done
        self.start_box.layout.display = None if done else "none"
        self.exam_box.layout.display = "none" if done else None
        if self.report is not None:
            self.report_view.value = report_html(self.report, self.practice.learner)
        if done:
            self.clock.deadline_ms = 0
            return
        exam, learner_name = self.exam, self.practice.learner
        question = shown(exam.item, learner_name)
        chosen = to_shown(exam.item, learner_name, exam.answers.get(exam.item.id, ()))
        self.clock.deadline_ms = exam.deadline * 1000
        self.clock.expired = False
        self._loading = True
        try:
            self.prompt.value = prompt_html(exam.current + 1, question)
            letters = LETTERS[: len(question.options)]
            self.radio.layout.display = "none" if question.multi else None
            self.checks.layout.display = None if question.multi else "none"
            if question.multi:
                for i, box in enumerate(self.boxes):
                    box.layout.display = None if i < len(letters) else "none"
                    box.value = i in chosen
            else:
                options = [(letter, i) for i, letter in enumerate(letters)]
                if self.radio.options != tuple(options):
                    self.radio.options = options
                self.radio.value = next(iter(chosen), None)
            flagged = exam.item.id in exam.flagged
            self.flag_button.description = "Unflag" if flagged else "Flag for review"
        finally:
            self._loading = False
        self._render_status()


def exam(
    practice: Practice | None = None, shapes: dict[str, tuple[int, int]] | None = None
) -> widgets.VBox:
    """The exam widget for this learner (resumes an exam left open); ``shapes`` names the
    exams offered, as (questions, minutes), by default ``SHAPES``."""
    view = ExamView(Practice() if practice is None else practice, shapes)
    return for_cell(view.box)
