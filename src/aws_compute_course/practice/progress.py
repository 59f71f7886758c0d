"""What the progress view shows: exam scores over time and per-topic accuracy by week.

Each is one aggregate query over the progress file (a year of daily use, about 20,000
answers, is read in a few milliseconds); the figure is built from the results, not the rows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from aws_compute_course import topics
from aws_compute_course.practice.store import Store

WEEK_S = 7 * 86_400


@dataclass(frozen=True)
class Progress:
    """Submitted exams (when, percent, kind) and per-topic accuracy per week."""

    exams: tuple[tuple[float, float, str], ...]
    weekly: dict[str, tuple[tuple[float, float, int], ...]]
    """topic -> (week start, percent correct, answers) per week with answers."""
    answers: int


def read(store: Store, known_topics: set[str] | None = None) -> Progress:
    """The history in the file; topics no longer in the course are left out."""
    exams = tuple(
        (at, 100.0 * c / n, kind)
        for at, c, n, kind in store.read(
            "SELECT submitted_at, correct, total, kind FROM exams"
            " WHERE correct IS NOT NULL AND total > 0 ORDER BY submitted_at"
        )
    )
    weekly: dict[str, list[tuple[float, float, int]]] = {}
    rows = store.read(
        "SELECT topic, CAST(at / ? AS INTEGER) AS week, sum(correct), count(*) FROM attempts"
        " GROUP BY topic, week ORDER BY topic, week",
        (WEEK_S,),
    )
    total = 0
    for topic, week, right, n in rows:
        if known_topics is not None and topic not in known_topics:
            continue
        weekly.setdefault(topic, []).append((week * WEEK_S, 100.0 * right / n, n))
        total += n
    return Progress(exams, {t: tuple(v) for t, v in weekly.items()}, total)


def _date(at: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(at))


def figure(progress: Progress) -> go.Figure:
    """Exam scores (top) and each topic's weekly accuracy (bottom), with units on the axes."""
    fig = make_subplots(
        rows=2, cols=1, vertical_spacing=0.16,
        subplot_titles=("Exam scores", "Accuracy per topic, by week (exams and practice)"),
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=[_date(at) for at, _, _ in progress.exams],
            y=[round(p, 1) for _, p, _ in progress.exams],
            text=[kind for _, _, kind in progress.exams],
            mode="lines+markers", name="exam score",
            hovertemplate="%{x}: %{y}% (%{text})<extra></extra>",
        ),
        row=1, col=1,
    )  # fmt: skip
    titles = {t.id: t.title for t in topics.all_topics()}
    for topic, weeks in progress.weekly.items():
        fig.add_trace(
            go.Scatter(
                x=[_date(at) for at, _, _ in weeks], y=[round(p, 1) for _, p, _ in weeks],
                customdata=[n for _, _, n in weeks], mode="lines+markers",
                name=titles.get(topic, topic),
                hovertemplate="week of %{x}: %{y}% of %{customdata} answers<extra></extra>",
            ),
            row=2, col=1,
        )  # fmt: skip
    fig.update_yaxes(title_text="score (%)", range=[0, 100], row=1, col=1)
    fig.update_yaxes(title_text="correct (%)", range=[0, 100], row=2, col=1)
    fig.update_xaxes(title_text="date", row=2, col=1)
    fig.update_layout(height=560, margin={"t": 40, "b": 40}, legend={"orientation": "h"})
    return fig
