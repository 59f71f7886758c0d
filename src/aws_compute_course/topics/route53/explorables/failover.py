"""The failover timeline: after the primary fails, how long clients keep reaching it."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from aws_compute_course.topics import route53
from aws_compute_course.widgets import Explorer, View, explorable

PRIMARY_COLOR = "#d62728"
SECONDARY_COLOR = "#2ca02c"
MARK_COLOR = "#7f7f7f"
ALIAS = "alias to a load balancer (target's TTL)"
OWN_TTL = "A or CNAME record (its own TTL)"
TTL_SLIDER_MAX = 300
HORIZON_S = 1.1 * (route53.THRESHOLD_MAX * route53.STANDARD_INTERVAL + 4 + TTL_SLIDER_MAX) + 10
"""End of the time axis: past the slowest configuration the sliders allow."""


def failover_readout(t: route53.FailoverTimeline, check: route53.EndpointCheck, kind: str) -> str:
    """The readout (HTML): detection, caching, and the seconds of traffic lost."""
    best, worst = route53.detection_bounds(check)
    ttl_words = (
        f"the alias answer is cached for the load balancer's <b>{t.ttl_s} s</b>"
        if kind == ALIAS
        else f"resolvers cache the answer for the record's TTL of <b>{t.ttl_s} s</b>"
    )
    return (
        f"Route 53 marks the primary unhealthy after <b>{t.detect_s:.0f} s</b> "
        f"({check.failure_threshold} failed check(s) {check.interval_s} s apart, each failing "
        f"after the {check.timeout_s}-s connect timeout, seen by {check.checkers_to_flip_down} "
        f"of {check.checkers} checkers; {best:.0f}-{worst:.0f} s depending on their timing). "
        f"Then {ttl_words}: the last client moves to the secondary at <b>{t.moved_s:.0f} s</b> "
        f"(worst case {t.worst_moved_s:.0f} s). Clients sent about "
        f"<b>{t.stale_seconds:.0f} s</b> of traffic to the failed primary."
    )


def failover_view(interval_s: int, failure_threshold: int, ttl_s: int, kind: str = OWN_TTL) -> View:
    """Traffic to primary and secondary over time for one configuration (``result``: the
    model's :class:`..route53.FailoverTimeline`)."""
    cached = route53.effective_ttl(
        "alias" if kind == ALIAS else "a", None if kind == ALIAS else ttl_s
    )
    check = route53.EndpointCheck(interval_s, failure_threshold)
    t = route53.failover_timeline(interval_s, failure_threshold, cached, horizon_s=HORIZON_S)
    marks_x = [t.detect_s, t.detect_s, None, t.moved_s, t.moved_s]
    return View(
        failover_readout(t, check, kind),
        {
            "primary": {"x": t.times, "y": 100 * t.primary},
            "secondary": {"x": t.times, "y": 100 * t.secondary},
            "marks": {"x": marks_x, "y": [0, 100, None, 0, 100]},
        },
        result=t,
    )


class FailoverExplorer(Explorer):
    """Failure threshold, interval and TTL sliders; the traffic split after the failure."""

    def __init__(
        self, *, failure_threshold: int = 3, interval_s: int = 30, ttl_s: int = 60, note: str = ""
    ) -> None:
        controls = {
            "failure_threshold": widgets.IntSlider(
                value=failure_threshold, min=1, max=route53.THRESHOLD_MAX, description="Threshold"
            ),
            "interval_s": widgets.SelectionSlider(
                options=list(route53.INTERVALS),
                value=interval_s,
                description="Interval (s)",
                style={"description_width": "initial"},
            ),
            "ttl_s": widgets.IntSlider(
                value=ttl_s, min=0, max=TTL_SLIDER_MAX, step=10, description="TTL (s)"
            ),
            "kind": widgets.Dropdown(
                options=[OWN_TTL, ALIAS], value=OWN_TTL, description="Record",
                layout=widgets.Layout(width="420px"),
            ),
        }  # fmt: skip
        super().__init__(
            controls, rows=[("failure_threshold", "interval_s", "ttl_s"), ("kind",)], note=note
        )

    def initial_figure(self) -> go.Figure:
        line = {"mode": "lines", "line": {"width": 3}}
        return go.Figure(
            [
                go.Scatter(
                    name="to the failed primary", uid="primary", line_color=PRIMARY_COLOR, **line
                ),
                go.Scatter(
                    name="to the secondary", uid="secondary", line_color=SECONDARY_COLOR, **line
                ),
                go.Scatter(
                    name="marked unhealthy · last cache expired",
                    uid="marks",
                    mode="lines",
                    line={"color": MARK_COLOR, "dash": "dot", "width": 1},
                    hoverinfo="skip",
                ),
            ],
            layout={
                "title": {"text": "Traffic after the primary fails at t = 0"},
                "xaxis": {"title": {"text": "seconds after the failure"}, "range": [0, HORIZON_S]},
                "yaxis": {"title": {"text": "share of client traffic (%)"}, "range": [-2, 102]},
                "height": 380,
                "autosize": True,  # the output area's width: no fixed width
                "margin": {"t": 60, "b": 40},
                "legend": {"orientation": "h", "y": -0.22},
            },
        )  # fmt: skip

    def adjust(self, failure_threshold: int, interval_s: int, ttl_s: int, kind: str) -> dict:
        return {"ttl_s": {"disabled": kind == ALIAS}}

    def view(self, failure_threshold: int, interval_s: int, ttl_s: int, kind: str) -> View:
        return failover_view(interval_s, failure_threshold, ttl_s, kind)


@explorable("route53")
def failover_explorer() -> FailoverExplorer:
    """The course's failover timeline (active-passive failover records)."""
    return FailoverExplorer(
        note=(
            "<p>Active-passive failover: the primary fails at t = 0. Route 53's health "
            "checkers must first agree it is down, then every resolver that cached the old "
            "answer keeps sending its clients there until its copy expires. The checker "
            "count (16) and the resolvers' timing are the model's assumptions; "
            "clients that cache longer than the TTL are left out.</p>"
        )
    )
