"""Lambda explorables: memory and cost, concurrency and throttling, traffic shifts, replays.

Each explorable has a pure view function from widget state to figure data and readout
(``memory_view``, ``concurrency_view``, ``deployment_view``, ``replay_view``; tested
headless, every number from :mod:`..awslambda`) and a thin class that wires ipywidgets to
a ``go.FigureWidget`` updated in place inside ``batch_update``.

In the course notebook::

    memory_explorer()          # memory on x: vCPU share, duration, cost per million calls
    concurrency_explorer()     # a traffic spike against the limit, reserved, provisioned
    deployment_explorer()      # alias weights over time for every CodeDeploy type
    replay_explorer()          # events and failures through each invocation model
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from aws_compute_course.facts import fact
from aws_compute_course.topics import lambda_ as L
from aws_compute_course.widgets import Explorer

_BLUE = "#1f77b4"
_ORANGE = "#ff7f0e"
_GREEN = "#2ca02c"
_RED = "#d62728"
_GREY = "#7f7f7f"
_PURPLE = "#9467bd"


def _money(x: float) -> str:
    return f"${x:,.2f}" if x >= 1 else f"${x:.4f}"


# --- memory, duration and cost ------------------------------------------------------------


@dataclass(frozen=True)
class MemoryView:
    """What the memory explorer shows for one workload, architecture and budget."""

    duration_ms: np.ndarray
    """Duration at each swept setting; NaN (a gap in the line) where it times out."""
    cost_per_million: np.ndarray
    """USD per million invocations at each setting; NaN where it times out."""
    cheapest: int
    cheapest_point: tuple[float, float]
    """(duration, cost) at the cheapest setting."""
    fastest: int | None
    """The fastest setting within the budget; None when nothing fits it."""
    fastest_point: tuple[float | None, float | None]
    budget_line: tuple[float, float]
    sweep: L.MemorySweep
    """The model's result: every number in the readout comes from here."""
    readout: str


def memory_readout(sweep: L.MemorySweep, budget: float, cheapest: int, fastest: int | None) -> str:
    """The readout (HTML) for one sweep."""
    best = sweep.at(cheapest)
    parts = [
        f"cheapest: <b>{cheapest:,} MB</b> ({best['vcpu']:.2f} vCPU, "
        f"{best['duration_ms']:,.0f} ms, <b>{_money(best['cost_per_million'])}</b> per million)"
    ]
    if fastest is None:
        parts.append(f"nothing runs within <b>{_money(budget)}</b> per million")
    else:
        row = sweep.at(fastest)
        parts.append(
            f"fastest within {_money(budget)} per million: <b>{fastest:,} MB</b> "
            f"({row['duration_ms']:,.0f} ms, {_money(row['cost_per_million'])})"
        )
    timeouts = int(sweep.times_out.sum())
    if timeouts:
        parts.append(f"{timeouts:,} settings exceed the 900-s timeout")
    return " · ".join(parts)


def memory_view(
    workload: L.Workload, architecture: L.Architecture, budget_per_million: float
) -> MemoryView:
    """Figure data and readout: a full sweep of every memory setting for ``workload``."""
    sweep = L.memory_sweep(workload, architecture)
    budget = float(budget_per_million)
    cheapest = sweep.cheapest()
    fastest = sweep.fastest_within(budget)
    gap = sweep.times_out
    duration = np.where(gap, np.nan, sweep.duration_ms)
    cost = np.where(gap, np.nan, sweep.cost_per_million)
    best = sweep.at(cheapest)
    fast = sweep.at(fastest) if fastest is not None else None
    return MemoryView(
        duration_ms=duration,
        cost_per_million=cost,
        cheapest=cheapest,
        cheapest_point=(best["duration_ms"], best["cost_per_million"]),
        fastest=fastest,
        fastest_point=(None, None)
        if fast is None
        else (fast["duration_ms"], fast["cost_per_million"]),
        budget_line=(budget, budget),
        sweep=sweep,
        readout=memory_readout(sweep, budget, cheapest, fastest),
    )


class MemoryExplorer(Explorer):
    """Memory on the x axis: vCPU share, then duration and cost per million for a workload.

    Sliders set the workload (CPU time at one vCPU, I/O wait, threads), the architecture
    and a budget; every change re-sweeps all memory settings and edits the figure in place.
    """

    def __init__(
        self,
        workload: L.Workload,
        *,
        architecture: L.Architecture = "x86",
        budget_per_million: float = 25.0,
        title: str = "Lambda memory: vCPU share, duration and cost",
        note: str = "",
    ) -> None:
        self.memory_needed_mb = workload.memory_needed_mb
        view = memory_view(workload, architecture, budget_per_million)  # validates first
        x = view.sweep.memory_mb
        all_memory = np.arange(L.MEMORY_MIN_MB, L.MEMORY_MAX_MB + 1)
        fig = make_subplots(
            rows=3,
            cols=1,
            shared_xaxes=True,
            vertical_spacing=0.06,
            subplot_titles=("vCPU share", "duration (ms)", "USD per million invocations"),
        )
        fig.add_trace(
            go.Scatter(
                x=all_memory,
                y=all_memory / L.MB_PER_VCPU,
                name="vCPU share (course model)",
                line={"color": _BLUE},
                uid="vcpu",
            ),
            row=1,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=[L.MB_PER_VCPU, L.MEMORY_MAX_MB],
                y=[1, L.VCPU_MAX],
                mode="markers",
                marker={"color": _BLUE, "size": 9, "symbol": "circle-open"},
                name="documented by AWS",
                uid="documented",
            ),
            row=1,
            col=1,
        )
        line = {"mode": "lines", "showlegend": False}
        fig.add_trace(
            go.Scatter(x=x, y=view.duration_ms, line={"color": _PURPLE}, uid="duration", **line),
            row=2,
            col=1,
        )
        fig.add_trace(
            go.Scatter(x=x, y=view.cost_per_million, line={"color": _GREY}, uid="cost", **line),
            row=3,
            col=1,
        )
        for label, color, symbol, uid in (
            ("cheapest", _GREEN, "star", "cheapest"),
            ("fastest within budget", _ORANGE, "diamond", "fastest"),
        ):
            for row in (2, 3):
                fig.add_trace(
                    go.Scatter(
                        x=[None],
                        y=[None],
                        mode="markers",
                        marker={"color": color, "size": 13, "symbol": symbol},
                        name=label,
                        showlegend=row == 3,
                        uid=f"{uid}_{row}",
                    ),
                    row=row,
                    col=1,
                )
        fig.add_trace(
            go.Scatter(
                x=[x[0], x[-1]],
                y=view.budget_line,
                mode="lines",
                line={"color": _ORANGE, "dash": "dot"},
                name="budget",
                uid="budget",
            ),
            row=3,
            col=1,
        )
        for row in (1, 2, 3):
            fig.add_vline(
                x=L.NOTES_2021_MEMORY_MAX_MB, line={"color": _RED, "dash": "dash"}, row=row, col=1
            )
        fig.add_annotation(
            x=L.NOTES_2021_MEMORY_MAX_MB,
            y=L.VCPU_MAX,
            text="the 2021 notes' 3 GB ceiling",
            showarrow=False,
            xanchor="left",
            font={"color": _RED},
            row=1,
            col=1,
        )
        fig.update_yaxes(type="log", row=2, col=1)
        fig.update_xaxes(title_text="memory (MB)", row=3, col=1)
        fig.update_layout(
            title={"text": title},
            height=720,
            legend={"orientation": "h", "y": -0.1},
            hovermode="x",
            margin={"t": 80},
        )
        self.figure = go.FigureWidget(fig)
        data = self.figure.data
        self._duration, self._cost = data[2], data[3]
        self._cheap = (data[4], data[5])
        self._fast = (data[6], data[7])
        self._budget = data[8]
        self._set_markers(view)
        slider = {"continuous_update": True, "layout": widgets.Layout(width="420px")}
        self.cpu = widgets.FloatLogSlider(
            value=workload.cpu_ms,
            base=10,
            min=0,
            max=5,
            step=0.01,
            description="CPU ms",
            readout_format=",.0f",
            **slider,
        )
        self.io = widgets.FloatSlider(
            value=workload.io_ms, min=0, max=2000, step=10, description="I/O ms", **slider
        )
        self.threads = widgets.IntSlider(
            value=workload.threads, min=1, max=L.VCPU_MAX, description="Threads", **slider
        )
        self.architecture = widgets.ToggleButtons(
            options=[("x86", "x86"), ("Arm (Graviton)", "arm")], value=architecture
        )
        self.budget = widgets.FloatSlider(
            value=budget_per_million,
            min=0.5,
            max=200,
            step=0.5,
            description="Budget $/M",
            **slider,
        )
        self.readout = widgets.HTML(view.readout)
        for control in (self.cpu, self.io, self.threads, self.architecture, self.budget):
            control.observe(self._on_change, names="value")
        parts = [widgets.HTML(note)] if note else []
        controls = widgets.VBox(
            [
                widgets.HBox([self.cpu, self.io]),
                widgets.HBox([self.threads, self.budget]),
                self.architecture,
            ]
        )
        self.widget = widgets.VBox([*parts, self.figure, controls, self.readout])

    def _set_markers(self, view: MemoryView) -> None:
        (duration, cost), (fast_d, fast_c) = view.cheapest_point, view.fastest_point
        fast_x = None if view.fastest is None else view.fastest
        self._cheap[0].x, self._cheap[0].y = (view.cheapest,), (duration,)
        self._cheap[1].x, self._cheap[1].y = (view.cheapest,), (cost,)
        self._fast[0].x, self._fast[0].y = (fast_x,), (fast_d,)
        self._fast[1].x, self._fast[1].y = (fast_x,), (fast_c,)

    def update(
        self,
        workload: L.Workload,
        architecture: L.Architecture = "x86",
        budget_per_million: float = 25.0,
    ) -> MemoryView:
        """Show one workload: duration, cost, markers, budget line and readout."""
        if workload.memory_needed_mb != self.memory_needed_mb:
            raise ValueError(
                f"workload.memory_needed_mb must stay {self.memory_needed_mb} in this explorer "
                f"(its x axis), got {workload.memory_needed_mb}"
            )
        view = memory_view(workload, architecture, budget_per_million)
        # Only y values change: the x axis (memory settings) is never re-sent.
        with self.figure.batch_update():
            self._duration.y = view.duration_ms
            self._cost.y = view.cost_per_million
            self._set_markers(view)
            self._budget.y = view.budget_line
        self.readout.value = view.readout
        return view

    def _on_change(self, _change: dict) -> None:
        workload = L.Workload(
            cpu_ms=float(self.cpu.value),
            io_ms=float(self.io.value),
            threads=int(self.threads.value),
            memory_needed_mb=self.memory_needed_mb,
        )
        self.update(workload, self.architecture.value, float(self.budget.value))


def memory_explorer(
    cpu_ms: float = 800.0, io_ms: float = 50.0, threads: int = 1, budget: float = 25.0
) -> MemoryExplorer:
    """The course's memory explorer, with prices from the snapshot cited in its note."""
    x86, arm = L.duration_price("x86"), L.duration_price("arm")
    vcpu = fact("lambda.memory_per_vcpu_mb")
    return MemoryExplorer(
        L.Workload(cpu_ms=cpu_ms, io_ms=io_ms, threads=threads),
        budget_per_million=budget,
        title="Every Lambda memory setting: vCPU share, duration and cost (workload model)",
        note=(
            "<p>AWS documents <b>1,769 MB = 1 vCPU</b> and <b>up to 6 vCPUs at 10,240 MB</b> "
            f"(<a href='{vcpu.source}' target='_blank'>checked {vcpu.verified_on}</a>); the "
            "straight line between (5.79 at the top) is the <b>course's model</b>. The "
            "workload is illustrative: a CPU part that speeds up with vCPUs (up to the "
            "threads it can use) and an I/O part that doesn't. Prices per GB-second: x86 "
            f"${x86.price}, Arm ${arm.price}, plus ${L.request_price().price} per million "
            f"requests ({escape(x86.cite())}), no free tier.</p>"
        ),
    )


# --- concurrency and throttling -----------------------------------------------------------


@dataclass(frozen=True)
class ConcurrencyView:
    """What the concurrency explorer shows for one setting of the limits."""

    demand: np.ndarray
    capacity: np.ndarray
    served: np.ndarray
    throttled: np.ndarray
    cold_starts: np.ndarray
    run: L.ConcurrencyRun
    readout: str


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
) -> ConcurrencyView:
    """Figure data and readout for one set of limits (the model validates them)."""
    run = L.simulate_concurrency(
        requests_per_second,
        duration_ms,
        account_limit=account_limit,
        reserved=reserved,
        provisioned=provisioned,
    )
    return ConcurrencyView(
        demand=run.demand,
        capacity=run.capacity,
        served=run.served,
        throttled=run.throttled,
        cold_starts=run.cold_starts.astype(float),
        run=run,
        readout=concurrency_readout(run),
    )


class ConcurrencyExplorer(Explorer):
    """A traffic curve against the account limit, reserved and provisioned concurrency."""

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
        view = concurrency_view(
            self.rates, duration_ms, account_limit=account_limit, reserved=None, provisioned=0
        )
        seconds = np.arange(self.rates.size)
        fig = make_subplots(
            rows=2,
            cols=1,
            shared_xaxes=True,
            vertical_spacing=0.08,
            subplot_titles=("concurrency", "requests per second"),
        )
        for y, name, style, uid in (
            (view.demand, "needed (rate x duration)", {"color": _GREY, "dash": "dot"}, "demand"),
            (view.capacity, "available (limit, scaling)", {"color": _RED}, "capacity"),
            (view.served, "in use", {"color": _BLUE}, "served"),
        ):
            fig.add_trace(go.Scatter(x=seconds, y=y, name=name, line=style, uid=uid), row=1, col=1)
        fig.add_trace(
            go.Scatter(x=seconds, y=self.rates, name="requests", line={"color": _GREY}, uid="rps"),
            row=2,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=seconds,
                y=view.throttled,
                name="throttled",
                fill="tozeroy",
                line={"color": _RED},
                uid="throttled",
            ),
            row=2,
            col=1,
        )
        fig.add_trace(
            go.Bar(
                x=seconds, y=view.cold_starts, name="cold starts", marker_color=_ORANGE, uid="cold"
            ),
            row=2,
            col=1,
        )
        fig.update_xaxes(title_text="seconds", row=2, col=1)
        fig.update_layout(
            title={"text": title},
            height=560,
            legend={"orientation": "h", "y": -0.15},
            hovermode="x",
        )
        self.figure = go.FigureWidget(fig)
        self.duration_ms = duration_ms
        self.limit = widgets.IntSlider(
            value=account_limit, min=100, max=5_000, step=100, description="Account limit"
        )
        self.use_reserved = widgets.Checkbox(value=False, description="Reserve", indent=False)
        self.reserved = widgets.IntSlider(
            value=min(500, account_limit - L.UNRESERVED_MIN),
            min=0,
            max=account_limit - L.UNRESERVED_MIN,
            step=50,
            description="Reserved",
            disabled=True,
        )
        self.provisioned = widgets.IntSlider(
            value=0, min=0, max=account_limit - L.UNRESERVED_MIN, step=50, description="Provisioned"
        )
        self.readout = widgets.HTML(view.readout)
        self.limit.observe(self._on_limit, names="value")
        for control in (self.use_reserved, self.reserved, self.provisioned):
            control.observe(self._on_change, names="value")
        parts = [widgets.HTML(note)] if note else []
        controls = widgets.VBox(
            [
                widgets.HBox([self.limit, self.provisioned]),
                widgets.HBox([self.use_reserved, self.reserved]),
            ]
        )
        self.widget = widgets.VBox([*parts, self.figure, controls, self.readout])

    def update(
        self, account_limit: int, reserved: int | None = None, provisioned: int = 0
    ) -> ConcurrencyView:
        """Show one setting of the limits."""
        view = concurrency_view(
            self.rates,
            self.duration_ms,
            account_limit=account_limit,
            reserved=reserved,
            provisioned=provisioned,
        )
        data = self.figure.data
        with self.figure.batch_update():
            data[1].y = view.capacity
            data[2].y = view.served
            data[4].y = view.throttled
            data[5].y = view.cold_starts
        self.readout.value = view.readout
        return view

    def _limits(self) -> tuple[int, int | None, int]:
        reserved = int(self.reserved.value) if self.use_reserved.value else None
        room = int(self.limit.value) - L.UNRESERVED_MIN
        top = reserved if reserved is not None else room
        return int(self.limit.value), reserved, min(int(self.provisioned.value), max(top, 0))

    def _on_change(self, _change: dict) -> None:
        self.reserved.disabled = not self.use_reserved.value
        limit, reserved, provisioned = self._limits()
        self.update(limit, reserved, provisioned)

    def _on_limit(self, change: dict) -> None:
        room = max(0, int(change["new"]) - L.UNRESERVED_MIN)
        # Shrinking a slider's max clamps its value (its observer then updates the figure);
        # with hold_trait_notifications the figure updates once, here.
        with self.reserved.hold_trait_notifications(), self.provisioned.hold_trait_notifications():
            self.reserved.max = room
            self.provisioned.max = room
        self._on_change(change)


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


# --- deployments: alias weights over time -------------------------------------------------


@dataclass(frozen=True)
class DeploymentView:
    """What the deployment explorer shows for one configuration and scenario."""

    x: tuple[float, ...]
    """Minutes of the step line (every change, plus the end of the window)."""
    new_percent: tuple[float, ...]
    old_percent: tuple[float, ...]
    event_x: tuple[float, ...]
    event_y: tuple[float, ...]
    event_text: tuple[str, ...]
    deployment: L.Deployment
    readout: str


def deployment_view(
    name: str,
    *,
    alarm_at_minute: float | None = None,
    pre_traffic_ok: bool = True,
    post_traffic_ok: bool = True,
    requests_per_minute: float = 1000.0,
    window_minutes: float = 100.0,
) -> DeploymentView:
    """The alias's traffic split over ``window_minutes`` and a readout."""
    d = L.deploy(
        name,
        alarm_at_minute=alarm_at_minute,
        pre_traffic_ok=pre_traffic_ok,
        post_traffic_ok=post_traffic_ok,
    )
    t = d.timeline
    end = max(float(window_minutes), float(d.ends_at))
    x = (*t["minute"].astype(float).tolist(), end)
    new = (*t["new_percent"].astype(float).tolist(), float(t["new_percent"].iloc[-1]))
    exposed = L.requests_to_new_version(d, requests_per_minute)
    status = {
        "succeeded": f"<b style='color: {_GREEN}'>succeeded</b> at minute {d.ends_at:g}",
        "rolled_back": f"<b style='color: {_RED}'>rolled back</b> at minute {d.ends_at:g}",
        "pre_traffic_failed": f"<b style='color: {_RED}'>stopped</b>: the pre-traffic hook failed",
    }[d.status]
    readout = " · ".join(
        [
            f"<b>{d.config.name}</b> (CodeDeploy: {d.config.codedeploy_name})",
            status,
            f"{exposed:,.0f} requests reached the new version "
            f"(at {requests_per_minute:,.0f} per minute)",
        ]
    )
    return DeploymentView(
        x=x,
        new_percent=new,
        old_percent=tuple(100 - v for v in new),
        event_x=tuple(t["minute"].astype(float)),
        event_y=tuple(t["new_percent"].astype(float)),
        event_text=tuple(t["event"]),
        deployment=d,
        readout=readout,
    )


class DeploymentExplorer(Explorer):
    """Pick a deployment type, inject an alarm or a failing hook, watch the alias weights."""

    def __init__(self, *, name: str = "Canary10Percent10Minutes", window: float = 100.0) -> None:
        self.window = window
        view = deployment_view(name, window_minutes=window)
        self.figure = go.FigureWidget(
            [
                go.Scatter(
                    x=view.x,
                    y=view.old_percent,
                    name="old version",
                    line_shape="hv",
                    line={"color": _GREY},
                    uid="old",
                ),
                go.Scatter(
                    x=view.x,
                    y=view.new_percent,
                    name="new version",
                    line_shape="hv",
                    line={"color": _BLUE, "width": 3},
                    uid="new",
                ),
                go.Scatter(
                    x=view.event_x,
                    y=view.event_y,
                    text=view.event_text,
                    mode="markers",
                    name="events",
                    marker={"color": _ORANGE, "size": 8},
                    hovertemplate="minute %{x}: %{text}<extra></extra>",
                    uid="events",
                ),
            ],
            layout={
                "title": {"text": "Alias traffic during a CodeDeploy deployment"},
                "xaxis": {"title": {"text": "minutes"}, "range": [-1, window]},
                "yaxis": {"title": {"text": "% of invocations"}, "range": [-5, 105]},
                "height": 380,
                "legend": {"orientation": "h", "y": -0.25},
            },
        )
        self.name = widgets.Dropdown(options=L.DEPLOYMENT_TYPES, value=name, description="Type")
        self.alarm = widgets.Checkbox(value=False, description="Alarm fires at", indent=False)
        self.alarm_minute = widgets.FloatSlider(
            value=4, min=0, max=window, step=0.5, description="minute", disabled=True
        )
        self.pre = widgets.Checkbox(value=True, description="pre-traffic hook passes")
        self.post = widgets.Checkbox(value=True, description="post-traffic hook passes")
        self.readout = widgets.HTML(view.readout)
        for control in (self.name, self.alarm, self.alarm_minute, self.pre, self.post):
            control.observe(self._on_change, names="value")
        controls = widgets.VBox(
            [
                widgets.HBox([self.name, self.pre, self.post]),
                widgets.HBox([self.alarm, self.alarm_minute]),
            ]
        )
        self.widget = widgets.VBox([self.figure, controls, self.readout])

    def update(
        self,
        name: str,
        alarm_at_minute: float | None = None,
        pre_traffic_ok: bool = True,
        post_traffic_ok: bool = True,
    ) -> DeploymentView:
        """Show one deployment."""
        view = deployment_view(
            name,
            alarm_at_minute=alarm_at_minute,
            pre_traffic_ok=pre_traffic_ok,
            post_traffic_ok=post_traffic_ok,
            window_minutes=self.window,
        )
        old, new, events = self.figure.data
        with self.figure.batch_update():
            old.x, old.y = view.x, view.old_percent
            new.x, new.y = view.x, view.new_percent
            events.x, events.y, events.text = view.event_x, view.event_y, view.event_text
        self.readout.value = view.readout
        return view

    def _on_change(self, _change: dict) -> None:
        self.alarm_minute.disabled = not self.alarm.value
        alarm = float(self.alarm_minute.value) if self.alarm.value else None
        self.update(self.name.value, alarm, self.pre.value, self.post.value)


def deployment_explorer() -> DeploymentExplorer:
    """The course's deployment explorer (every SAM deployment type)."""
    return DeploymentExplorer()


# --- invocation replays -------------------------------------------------------------------

PATTERNS = {
    "all succeed": {},
    "event 3 fails once": {3: 1},
    "event 3 always fails (poison)": {3: None},
    "events 2 and 6 fail twice": {2: 2, 6: 2},
}
"""Failure patterns the replay explorer offers: event id -> failing deliveries."""
OUTCOME_COLORS = {
    "processed": _GREEN,
    "error_to_caller": _RED,
    "on_failure_destination": _ORANGE,
    "dlq": _PURPLE,
    "dropped": _GREY,
    "blocked": "#8c564b",
}


@dataclass(frozen=True)
class ReplayView:
    """What the replay explorer shows: every delivery, and where each event ended up."""

    delivery_x: tuple[int, ...]
    """Invocation step of each delivery."""
    delivery_y: tuple[int, ...]
    """Event id of each delivery."""
    delivery_color: tuple[str, ...]
    """Green when the invocation succeeded, red when it failed."""
    outcome_y: tuple[int, ...]
    outcome_color: tuple[str, ...]
    outcome_text: tuple[str, ...]
    replay: L.Replay
    readout: str


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
) -> ReplayView:
    """Deliveries and outcomes of one replay, and a readout."""
    run = L.replay(source, n_events, failures, keys=keys, **options)
    xs, ys, colors = [], [], []
    for step, events, ok in run.invocations[["step", "events", "ok"]].itertuples(index=False):
        for e in events:
            xs.append(int(step))
            ys.append(int(e))
            colors.append(_GREEN if ok else _RED)
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
    return ReplayView(
        delivery_x=tuple(xs),
        delivery_y=tuple(ys),
        delivery_color=tuple(colors),
        outcome_y=tuple(int(e) for e in ev.index),
        outcome_color=tuple(OUTCOME_COLORS[o] for o in ev["outcome"]),
        outcome_text=tuple(
            f"{o.replace('_', ' ')}{': ' + n if n else ''}"
            for o, n in zip(ev["outcome"], ev["note"], strict=True)
        ),
        replay=run,
        readout=readout,
    )


class ReplayExplorer(Explorer):
    """Pick an invocation model and a failure pattern; see retries and where events end up."""

    def __init__(self, *, n_events: int = 8) -> None:
        self.n_events = n_events
        self.keys = [f"key {e % 2}" for e in range(n_events)]  # two shards / message groups
        self.source = widgets.Dropdown(options=L.SOURCES, value="sqs", description="Source")
        self.pattern = widgets.Dropdown(
            options=list(PATTERNS), value="event 3 always fails (poison)", description="Failures"
        )
        self.partial = widgets.Checkbox(value=False, description="partial batch response")
        self.bisect = widgets.Checkbox(value=False, description="bisect (streams)")
        self.target = widgets.Checkbox(value=True, description="DLQ / destination / retry limit")
        self.batch = widgets.IntSlider(value=2, min=1, max=8, description="Batch size")
        view = self._view()
        self.figure = go.FigureWidget(
            [
                go.Scatter(
                    x=view.delivery_x,
                    y=view.delivery_y,
                    mode="markers",
                    marker={"color": view.delivery_color, "size": 11, "symbol": "square"},
                    name="deliveries (green: batch ok, red: failed)",
                    uid="deliveries",
                ),
                go.Scatter(
                    x=[-1.5] * n_events,
                    y=view.outcome_y,
                    mode="markers",
                    text=view.outcome_text,
                    marker={"color": view.outcome_color, "size": 14, "symbol": "circle"},
                    hovertemplate="event %{y}: %{text}<extra></extra>",
                    name="outcome",
                    uid="outcomes",
                ),
            ],
            layout={
                "title": {"text": "Which invocation carried each event, and where it ended up"},
                "xaxis": {"title": {"text": "invocation (outcome at the left)"}},
                "yaxis": {"title": {"text": "event"}, "autorange": "reversed", "dtick": 1},
                "height": 380,
                "legend": {"orientation": "h", "y": -0.25},
            },
        )
        self.readout = widgets.HTML(view.readout)
        for control in (
            self.source,
            self.pattern,
            self.partial,
            self.bisect,
            self.target,
            self.batch,
        ):
            control.observe(self._on_change, names="value")
        controls = widgets.VBox(
            [
                widgets.HBox([self.source, self.pattern, self.batch]),
                widgets.HBox([self.partial, self.bisect, self.target]),
            ]
        )
        self.widget = widgets.VBox([self.figure, controls, self.readout])

    def _view(self) -> ReplayView:
        source = self.source.value
        options = replay_options(
            source,
            partial_batch=self.partial.value,
            bisect=self.bisect.value,
            failure_target=self.target.value,
            batch_size=self.batch.value,
        )
        keys = self.keys if source in ("stream", "sqs_fifo") else None
        return replay_view(
            source, PATTERNS[self.pattern.value], n_events=self.n_events, keys=keys, **options
        )

    def update(self) -> ReplayView:
        """Replay with the current controls and redraw."""
        view = self._view()
        deliveries, outcomes = self.figure.data
        with self.figure.batch_update():
            deliveries.x, deliveries.y = view.delivery_x, view.delivery_y
            deliveries.marker.color = view.delivery_color
            outcomes.marker.color = view.outcome_color
            outcomes.text = view.outcome_text
        self.readout.value = view.readout
        return view

    def _on_change(self, _change: dict) -> None:
        self.update()


def replay_explorer() -> ReplayExplorer:
    """The course's replay explorer: 8 events, two shards or message groups when ordered."""
    return ReplayExplorer()
