"""Invocation models: every delivery of a few events, retries, and where each event ended up."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import ipywidgets as widgets
import plotly.graph_objects as go

from aws_compute_course.topics import lambda_ as L
from aws_compute_course.topics.lambda_.explorables.memory import GREEN, GREY, ORANGE, PURPLE, RED
from aws_compute_course.widgets import Explorer, View, explorable

PATTERNS = {
    "all succeed": {},
    "event 3 fails once": {3: 1},
    "event 3 always fails (poison)": {3: None},
    "events 2 and 6 fail twice": {2: 2, 6: 2},
}
"""Failure patterns the replay explorer offers: event id -> failing deliveries."""
OUTCOME_COLORS = {
    "processed": GREEN,
    "error_to_caller": RED,
    "on_failure_destination": ORANGE,
    "dlq": PURPLE,
    "dropped": GREY,
    "blocked": "#8c564b",
}
BATCHED = ("sqs", "sqs_fifo", "stream")
OUTCOME_X = -1.5
"""Where the outcome column sits on the x axis (left of invocation 0)."""
SOURCE_LABELS = {
    "sync": "synchronous (caller waits)",
    "async": "asynchronous (event)",
    "sqs": "SQS queue",
    "sqs_fifo": "SQS FIFO queue",
    "stream": "Kinesis / DynamoDB stream",
}
"""What the Source dropdown shows for each of the model's sources."""
"""The sources that deliver batches (the others invoke once per event)."""


def replay_options(
    source: L.Source, *, partial_batch: bool, bisect: bool, failure_target: bool, batch_size: int
) -> dict[str, object]:
    """The replay options one explorer state stands for (the toggles that apply to it)."""
    if source == "sync":
        return {"client_retries": 1}
    if source == "async":
        return {"on_failure": "sqs"} if failure_target else {}
    if source in ("sqs", "sqs_fifo"):
        return {
            "batch_size": batch_size,
            "partial_batch": partial_batch,
            "max_receive_count": 3 if failure_target else None,
        }
    return {
        "batch_size": batch_size,
        "partial_batch": partial_batch,
        "bisect": bisect,
        "max_retries": 2 if failure_target else None,
        "on_failure": "sqs" if failure_target else None,
    }


def replay_view(
    source: L.Source,
    failures: dict[int, int | None],
    *,
    n_events: int = 8,
    keys: Sequence[str] | None = None,
    **options: object,
) -> View:
    """Every delivery (invocation step x event; green when its invocation succeeded, red
    when it failed), each event's outcome, and a readout.

    ``result`` is the model's :class:`..lambda_.Replay`.
    """
    run = L.replay(source, n_events, failures, keys=keys, **options)
    xs, ys, colors = [], [], []
    for step, events, ok in run.invocations[["step", "events", "ok"]].itertuples(index=False):
        for e in events:
            xs.append(int(step))
            ys.append(int(e))
            colors.append(GREEN if ok else RED)
    ev = run.events
    counts = ", ".join(f"{n} {o.replace('_', ' ')}" for o, n in run.counts.items() if n)
    retried, reordered = run.retried, run.reordered
    readout = " · ".join(
        [
            f"<b>{source}</b> " + escape(", ".join(f"{k}={v}" for k, v in options.items())),
            counts,
            f"delivered more than once: {retried or 'none'}",
            f"reordered: {reordered or 'none'}",
        ]
    )
    traces = {
        "deliveries": {"x": tuple(xs), "y": tuple(ys), "marker.color": tuple(colors)},
        "outcomes": {
            "x": (OUTCOME_X,) * len(ev),
            "y": tuple(int(e) for e in ev.index),
            "marker.color": tuple(OUTCOME_COLORS[o] for o in ev["outcome"]),
            "text": tuple(
                f"{o.replace('_', ' ')}{': ' + n if n else ''}"
                for o, n in zip(ev["outcome"], ev["note"], strict=True)
            ),
        },
    }
    # The outcome column sits left of invocation 0: label it, not with an axis tick of -1.
    steps = range(int(run.invocations["step"].max()) + 1) if len(run.invocations) else ()
    axis = {
        "xaxis.tickvals": (OUTCOME_X, *map(float, steps)),
        "xaxis.ticktext": ("outcome", *map(str, steps)),
    }
    return View(readout, traces, axis, result=run)


class ReplayExplorer(Explorer):
    """Pick an invocation model and a failure pattern; see retries and where events end up.

    Batch size and partial batch responses apply to the batching sources, bisecting to
    streams: their controls are disabled for the others.
    """

    def __init__(self, *, n_events: int = 8) -> None:
        self.n_events = n_events
        self.keys = [f"key {e % 2}" for e in range(n_events)]  # two shards / message groups
        controls = {
            "source": widgets.Dropdown(
                options=[(SOURCE_LABELS[s], s) for s in L.SOURCES],
                value="sqs",
                description="Source",
            ),
            "pattern": widgets.Dropdown(
                options=list(PATTERNS),
                value="event 3 always fails (poison)",
                description="Failures",
            ),
            "batch": widgets.IntSlider(value=2, min=1, max=8, description="Batch size"),
            "partial": widgets.Checkbox(value=False, description="partial batch response"),
            "bisect": widgets.Checkbox(value=False, description="bisect (streams)"),
            "target": widgets.Checkbox(value=True, description="DLQ / destination / retry limit"),
        }
        rows = [("source", "pattern", "batch"), ("partial", "bisect", "target")]
        super().__init__(controls, rows=rows)

    def initial_figure(self) -> go.Figure:
        return go.Figure(
            [
                go.Scatter(
                    mode="markers",
                    marker={"size": 11, "symbol": "square"},
                    name="deliveries (green: batch ok, red: failed)",
                    uid="deliveries",
                ),
                go.Scatter(
                    mode="markers",
                    marker={"size": 14, "symbol": "circle"},
                    hovertemplate="event %{y}: %{text}<extra></extra>",
                    name="outcome",
                    uid="outcomes",
                ),
            ],
            layout={
                "title": {"text": "Which invocation carried each event, and where it ended up"},
                "xaxis": {"title": {"text": "invocation"}},
                "yaxis": {"title": {"text": "event"}, "autorange": "reversed", "dtick": 1},
                "height": 380,
                "autosize": True,  # the output area's width: no fixed width
                "legend": {"orientation": "h", "y": -0.25},
            },
        )

    def adjust(self, source: str, **_: object) -> dict:
        return {
            "batch": {"disabled": source not in BATCHED},
            "partial": {"disabled": source not in BATCHED},
            "bisect": {"disabled": source != "stream"},
        }

    def view(
        self, source: L.Source, pattern: str, batch: int, partial: bool, bisect: bool, target: bool
    ) -> View:
        options = replay_options(
            source, partial_batch=partial, bisect=bisect, failure_target=target, batch_size=batch
        )
        keys = self.keys if source in ("stream", "sqs_fifo") else None
        return replay_view(source, PATTERNS[pattern], n_events=self.n_events, keys=keys, **options)


@explorable("lambda")
def replay_explorer() -> ReplayExplorer:
    """The course's replay explorer: 8 events, two shards or message groups when ordered."""
    return ReplayExplorer()
