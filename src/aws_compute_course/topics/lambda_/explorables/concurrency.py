"""Concurrency and throttling: a traffic curve against the account limit, reserved and
provisioned concurrency."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from aws_compute_course.facts import fact
from aws_compute_course.topics import lambda_ as L
from aws_compute_course.topics.lambda_.explorables.memory import BLUE, GREY, ORANGE, RED
from aws_compute_course.widgets import Explorer, View, explorable


def concurrency_readout(run: L.ConcurrencyRun) -> str:
    """The readout (HTML) for one simulated curve."""
    parts = [
        f"peak concurrency <b>{run.peak_concurrency:,.0f}</b> of {run.limit:,}",
        f"throttled <b>{run.total_throttled:,.0f}</b> requests "
        f"({run.throttled_percent:.1f}%): {run.throttled_by_limit.sum():,.0f} by the limit, "
        f"{run.throttled_by_scaling.sum():,.0f} by the scaling rate",
        f"cold starts <b>{run.total_cold_starts:,}</b>"
        + (f" ({run.provisioned:,} environments provisioned)" if run.provisioned else ""),
    ]
    return " · ".join(parts)


def concurrency_view(
    requests_per_second: np.ndarray,
    duration_ms: float,
    *,
    account_limit: int,
    reserved: int | None,
    provisioned: int,
) -> View:
    """Capacity, concurrency in use, throttled requests and cold starts per second, and the
    readout, for one set of limits (the model validates them).

    ``result`` is the model's :class:`..lambda_.ConcurrencyRun`.
    """
    run = L.simulate_concurrency(
        requests_per_second,
        duration_ms,
        account_limit=account_limit,
        reserved=reserved,
        provisioned=provisioned,
    )
    traces = {
        "capacity": {"y": run.capacity},
        "served": {"y": run.served},
        "throttled": {"y": run.throttled},
        "cold": {"y": run.cold_starts.astype(np.float64)},
    }
    return View(concurrency_readout(run), traces, result=run)


class ConcurrencyExplorer(Explorer):
    """A traffic curve against the account limit, reserved and provisioned concurrency.

    Reserved and provisioned concurrency can use the limit less what must stay unreserved
    (their sliders end there); reserving is a checkbox that enables its slider.
    """

    def __init__(
        self,
        requests_per_second: np.ndarray,
        *,
        duration_ms: float = 300.0,
        account_limit: int = L.CONCURRENCY_DEFAULT,
        title: str = "Concurrency and throttling over a traffic curve",
        note: str = "",
    ) -> None:
        self.rates = np.asarray(requests_per_second, dtype=float)
        self.duration_ms, self.title = duration_ms, title
        room = account_limit - L.UNRESERVED_MIN
        controls = {
            "limit": widgets.IntSlider(
                value=account_limit,
                min=100,
                max=5_000,
                step=100,
                description="Account limit",
                style={"description_width": "initial"},  # the default width cuts the label
            ),
            "provisioned": widgets.IntSlider(
                value=0,
                min=0,
                max=room,
                step=50,
                description="Provisioned",
                style={"description_width": "initial"},
            ),
            "use_reserved": widgets.Checkbox(value=False, description="Reserve", indent=False),
            "reserved": widgets.IntSlider(
                value=min(500, room), min=0, max=room, step=50, description="Reserved"
            ),
        }
        rows = [("limit", "provisioned"), ("use_reserved", "reserved")]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        seconds = np.arange(self.rates.size, dtype=np.float64)
        demand = L.simulate_concurrency(self.rates, self.duration_ms).demand
        fig = make_subplots(
            rows=2,
            cols=1,
            shared_xaxes=True,
            vertical_spacing=0.08,
            subplot_titles=("concurrency", "requests per second"),
        )
        for y, name, style, uid in (
            (demand, "needed (rate x duration)", {"color": GREY, "dash": "dot"}, "demand"),
            (None, "available (limit, scaling)", {"color": RED}, "capacity"),
            (None, "in use", {"color": BLUE}, "served"),
        ):
            fig.add_trace(go.Scatter(x=seconds, y=y, name=name, line=style, uid=uid), row=1, col=1)
        fig.add_trace(
            go.Scatter(x=seconds, y=self.rates, name="requests", line={"color": GREY}, uid="rps"),
            row=2,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=seconds, name="throttled", fill="tozeroy", line={"color": RED}, uid="throttled"
            ),
            row=2,
            col=1,
        )
        fig.add_trace(
            go.Bar(x=seconds, name="cold starts", marker_color=ORANGE, uid="cold"), row=2, col=1
        )
        fig.update_xaxes(title_text="seconds", row=2, col=1)
        fig.update_layout(
            title={"text": self.title},
            height=560,
            autosize=True,  # the output area's width: no fixed width
            legend={"orientation": "h", "y": -0.15},
            hovermode="x",
        )
        return fig

    def adjust(self, limit: int, use_reserved: bool, **_: object) -> dict:
        room = max(0, int(limit) - L.UNRESERVED_MIN)
        return {
            "reserved": {"max": room, "disabled": not use_reserved},
            "provisioned": {"max": room},
        }

    def view(self, limit: int, provisioned: int, use_reserved: bool, reserved: int) -> View:
        kept = int(reserved) if use_reserved else None
        top = kept if kept is not None else int(limit) - L.UNRESERVED_MIN
        return concurrency_view(
            self.rates,
            self.duration_ms,
            account_limit=int(limit),
            reserved=kept,
            provisioned=min(int(provisioned), max(top, 0)),  # provisioned comes out of reserved
        )


@explorable("lambda")
def concurrency_explorer(seed: int = 7, duration_ms: float = 300.0) -> ConcurrencyExplorer:
    """The course's concurrency explorer over a seeded ten-minute traffic spike."""
    rates = L.spiky_traffic(600, seed=seed)
    limit, rate = fact("lambda.concurrency_default"), fact("lambda.scaling_rate_per_10s")
    return ConcurrencyExplorer(
        rates,
        duration_ms=duration_ms,
        title=f"A traffic spike (synthetic, seed {seed}), {duration_ms:.0f} ms per request",
        note=(
            f"<p>Default account limit {limit.value:,} per Region (soft limit; "
            f"<a href='{limit.source}' target='_blank'>checked {limit.verified_on}</a>); each "
            f"function adds at most {rate.value:,} environments every 10 seconds "
            f"(<a href='{rate.source}' target='_blank'>checked {rate.verified_on}</a>). "
            "The model keeps environments warm for the whole curve; the traffic is synthetic."
            "</p>"
        ),
    )
