"""The throttling simulator: two partners' API keys through usage plans, a stage throttle
and the account's bucket; served and throttled requests and the buckets' tokens."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics import api_gateway as ag
from aws_compute_course.widgets import Explorer, View, explorable

SERVED_COLOR = "#2ca02c"
THROTTLED_COLOR = "#d62728"
PLAN_COLOR = "#1f77b4"
STAGE_COLOR = "#ff7f0e"
SECONDS = 120
KEYS = ("partner-a", "partner-b")


def partner_streams(pattern: str, seconds: int = SECONDS) -> dict[str, np.ndarray]:
    """Illustrative requests per second: partner-a follows ``pattern`` (80 a second, peaks
    of 400), partner-b sends a steady 40 a second."""
    a = ag.request_pattern(pattern, seconds, base_rps=80, peak_rps=400, period_s=30, seed=7)
    if pattern == "recorded":
        recorded = ag.parse_request_csv(ag.RECORDED_SAMPLE)
        a = np.resize(recorded["partner-a"], seconds)
        return {"partner-a": a, "partner-b": np.resize(recorded["partner-b"], seconds)}
    return {"partner-a": a, "partner-b": ag.request_pattern("steady", seconds, base_rps=40, seed=8)}


def _key_line(key: str, totals: dict[str, int], exhausted: int | None) -> str:
    t = totals
    parts = [f"<b>{key}</b>: {t['served']:,} of {t['arrivals']:,} served"]
    causes = [
        (t["plan_throttled"], "by its usage plan's rate"),
        (t["quota_refused"], "over its quota"),
        (t["stage_throttled"], "at the stage"),
        (t["account_throttled"], "at the account"),
    ]
    refused = [f"{n:,} {why}" for n, why in causes if n]
    parts.append("<b>429</b>: " + ", ".join(refused) if refused else "no 429s")
    if exhausted is not None:
        parts.append(f"quota ran out at second {exhausted}")
    return " · ".join(parts)


def throttle_readout(run: ag.ThrottleRun) -> str:
    """What happened, per key, in words (HTML)."""
    totals = run.per_key()
    lines = [_key_line(k, totals[k], run.quota_exhausted_at[k]) for k in run.keys]
    share = run.throttled_total / max(int(run.arrivals.sum()), 1)
    lines.append(f"all keys: <b>{run.throttled_total:,}</b> throttled ({share:.1%}) with 429")
    return "<br>".join(lines)


def throttle_view(
    streams: dict[str, np.ndarray],
    plan: ag.UsagePlan,
    stage: ag.Bucket,
) -> View:
    """Served and throttled per second, partner-a's plan tokens and the stage's tokens."""
    run = ag.simulate(streams, dict.fromkeys(streams, plan), stage=stage)
    return View(
        throttle_readout(run),
        {
            "served": {"y": run.served.sum(axis=0).astype(float)},
            "throttled": {"y": run.throttled.sum(axis=0).astype(float)},
            "arrivals": {"y": run.arrivals.sum(axis=0).astype(float)},
            "plan_tokens": {"y": run.plan_tokens[0]},
            "stage_tokens": {"y": run.stage_tokens},
        },
        result=run,
    )


class ThrottleExplorer(Explorer):
    """Sliders for a usage plan (rate, burst, daily quota) that each partner key gets, and
    for the stage's throttle; a request pattern for partner-a."""

    def __init__(self, *, seconds: int = SECONDS, note: str = "") -> None:
        self.seconds = seconds
        self.streams = {p: partner_streams(p, seconds) for p in ag.PATTERNS}
        # "initial": the description gets the room it needs (the default width cuts it)
        slider = {
            "layout": widgets.Layout(width="330px"),
            "continuous_update": False,
            "style": {"description_width": "initial"},
        }
        controls = {
            "plan_rate": widgets.IntSlider(
                100, min=0, max=500, step=10, description="Plan rate/s", **slider
            ),
            "plan_burst": widgets.IntSlider(
                200, min=0, max=1000, step=10, description="Plan burst", **slider
            ),
            "quota": widgets.IntSlider(
                8000, min=0, max=20000, step=500, description="Quota/day", **slider
            ),
            "quota_on": widgets.Checkbox(True, description="Daily quota", indent=False),
            "stage_rate": widgets.IntSlider(
                150, min=0, max=1000, step=10, description="Stage rate/s", **slider
            ),
            "stage_burst": widgets.IntSlider(
                100, min=0, max=2000, step=10, description="Stage burst", **slider
            ),
            "pattern": widgets.Dropdown(
                options=ag.PATTERNS, value="burst", description="partner-a"
            ),
        }
        rows = [
            ("plan_rate", "plan_burst"),
            ("quota", "quota_on"),
            ("stage_rate", "stage_burst"),
            ("pattern",),
        ]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        x = np.arange(self.seconds)
        return go.Figure(
            [
                go.Bar(x=x, name="served", marker_color=SERVED_COLOR, uid="served"),
                go.Bar(x=x, name="throttled (429)", marker_color=THROTTLED_COLOR, uid="throttled"),
                go.Scatter(
                    x=x,
                    name="sent",
                    mode="lines",
                    line={"color": "black", "width": 1},
                    uid="arrivals",
                ),
                go.Scatter(
                    x=x,
                    name="partner-a plan tokens",
                    mode="lines",
                    line={"color": PLAN_COLOR},
                    xaxis="x2",
                    yaxis="y2",
                    uid="plan_tokens",
                ),
                go.Scatter(
                    x=x,
                    name="stage tokens",
                    mode="lines",
                    line={"color": STAGE_COLOR},
                    xaxis="x2",
                    yaxis="y2",
                    uid="stage_tokens",
                ),
            ],
            layout={
                "title": {
                    "text": "Requests per second through the throttles (illustrative traffic)"
                },
                "barmode": "stack",
                "bargap": 0,
                "xaxis": {"anchor": "y", "matches": "x2", "showticklabels": False},
                "yaxis": {
                    "domain": [0.42, 1],
                    "title": {"text": "requests per second"},
                    "rangemode": "tozero",
                },
                "xaxis2": {"anchor": "y2", "title": {"text": "time (s)"}},
                "yaxis2": {"domain": [0, 0.32], "title": {"text": "tokens"}, "rangemode": "tozero"},
                "height": 480,
                "autosize": True,  # the output area's width: no fixed width
                "margin": {"t": 60, "b": 50},
                "legend": {"orientation": "h", "y": -0.15},
            },
        )

    def adjust(self, quota_on: bool, **_: object) -> dict:
        return {"quota": {"disabled": not quota_on}}

    def view(
        self,
        plan_rate: int,
        plan_burst: int,
        quota: int,
        quota_on: bool,
        stage_rate: int,
        stage_burst: int,
        pattern: str,
    ) -> View:
        plan = ag.UsagePlan(plan_rate, plan_burst, quota=quota if quota_on else None)
        return throttle_view(self.streams[pattern], plan, ag.Bucket(stage_rate, stage_burst))


@explorable("api_gateway")
def throttle_explorer() -> ThrottleExplorer:
    """The course's throttling simulator: two partners, two minutes, one second per bar."""
    return ThrottleExplorer(
        note=(
            "<p>Two partners call one API stage for two minutes, each with its own API key in "
            "the same usage plan. A request passes its partner's usage plan (quota, then its token "
            "bucket), then the stage's bucket, then the account's (the Region default, never "
            "reached here). The traffic is <b>illustrative</b>; the one-second token bucket is "
            "the course's model of AWS's documented algorithm.</p>"
        )
    )
