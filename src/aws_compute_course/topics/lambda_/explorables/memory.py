"""Memory on the x axis: vCPU share, then duration and cost per million calls of a workload."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from aws_compute_course.facts import fact
from aws_compute_course.topics import lambda_ as L
from aws_compute_course.widgets import Explorer, View, explorable

BLUE, ORANGE, GREEN, RED, GREY, PURPLE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#7f7f7f",
    "#9467bd",
)
POINTS = 300
"""Memory settings drawn per line: what a chart's width can show (the sweep has 10,113)."""


def money(x: float) -> str:
    return f"${x:,.2f}" if x >= 1 else f"${x:.4f}"


def shown_settings(memory_mb: np.ndarray, notable: list[int], points: int = POINTS) -> np.ndarray:
    """Indices into ``memory_mb`` (sorted settings) to draw: ``points`` evenly spaced, plus
    every ``notable`` setting within the range, in order."""
    grid = np.linspace(0, memory_mb.size - 1, min(points, memory_mb.size)).round()
    at = np.searchsorted(memory_mb, [m for m in notable if memory_mb[0] <= m <= memory_mb[-1]])
    return np.union1d(grid.astype(np.int64), at)


def memory_readout(sweep: L.MemorySweep, budget: float, cheapest: int, fastest: int | None) -> str:
    """The readout (HTML) for one sweep."""
    best = sweep.at(cheapest)
    parts = [
        f"cheapest: <b>{cheapest:,} MB</b> ({best['vcpu']:.2f} vCPU, "
        f"{best['duration_ms']:,.0f} ms, <b>{money(best['cost_per_million'])}</b> per million)"
    ]
    if fastest is None:
        parts.append(f"nothing runs within <b>{money(budget)}</b> per million")
    else:
        row = sweep.at(fastest)
        parts.append(
            f"fastest within {money(budget)} per million: <b>{fastest:,} MB</b> "
            f"({row['duration_ms']:,.0f} ms, {money(row['cost_per_million'])})"
        )
    timeouts = int(sweep.times_out.sum())
    if timeouts:
        parts.append(f"{timeouts:,} settings exceed the 900-s timeout")
    return " · ".join(parts)


def memory_view(
    workload: L.Workload,
    architecture: L.Architecture,
    budget_per_million: float,
    points: int = POINTS,
) -> View:
    """Duration and cost lines, the cheapest and the fastest-within-budget markers, the
    budget line, and the readout, for ``workload`` swept over every memory setting.

    The cheapest and fastest settings come from the full sweep (every 1-MB setting); the
    lines carry ``points`` settings plus the notable ones (the smallest, 1,769 MB, the
    cheapest, the fastest, 10,240 MB), NaN (a gap) where the workload times out.
    ``result`` is the model's :class:`..lambda_.MemorySweep`. Bad input raises the model's
    ``ValueError``, which names the parameter.
    """
    sweep = L.memory_sweep(workload, architecture)
    budget = float(budget_per_million)
    cheapest = sweep.cheapest()
    fastest = sweep.fastest_within(budget)
    notable = [L.MEMORY_MIN_MB, L.MB_PER_VCPU, cheapest, L.MEMORY_MAX_MB]
    at = shown_settings(sweep.memory_mb, [*notable, *([fastest] if fastest else [])], points)
    x = sweep.memory_mb[at].astype(np.float64)
    gap = sweep.times_out[at]
    best = sweep.at(cheapest)
    fast = sweep.at(fastest) if fastest is not None else {}
    traces = {
        "duration": {"x": x, "y": np.where(gap, np.nan, sweep.duration_ms[at])},
        "cost": {"x": x, "y": np.where(gap, np.nan, sweep.cost_per_million[at])},
        "cheapest_2": {"x": (cheapest,), "y": (best["duration_ms"],)},
        "cheapest_3": {"x": (cheapest,), "y": (best["cost_per_million"],)},
        "fastest_2": {"x": (fastest,), "y": (fast.get("duration_ms"),)},
        "fastest_3": {"x": (fastest,), "y": (fast.get("cost_per_million"),)},
        "budget": {"y": (budget, budget)},
    }
    return View(memory_readout(sweep, budget, cheapest, fastest), traces, result=sweep)


class MemoryExplorer(Explorer):
    """Memory on the x axis: vCPU share, then duration and cost per million for a workload.

    Sliders set the workload (CPU time at one vCPU, I/O wait, threads), the architecture
    and a budget; every change re-sweeps all memory settings.

    The sliders update on release: the sweep takes about a millisecond in the kernel, but
    the browser's redraw of the three panels 70 to 100 ms (``make bench``,
    ``browser.memory_drag``), so a drag that sent every value it passed kept the page busy
    for seconds. The figure and both rows of controls fit a 1366×768 screen together.
    """

    update_on_release = True

    def __init__(
        self,
        workload: L.Workload,
        *,
        architecture: L.Architecture = "x86",
        budget_per_million: float = 25.0,
        title: str = "Lambda memory: vCPU share, duration and cost",
        note: str = "",
    ) -> None:
        self.memory_needed_mb, self.title = workload.memory_needed_mb, title
        slider = {"layout": widgets.Layout(width="300px")}
        controls = {
            "cpu_ms": widgets.FloatLogSlider(
                value=workload.cpu_ms,
                base=10,
                min=0,
                max=5,
                step=0.01,
                description="CPU ms",
                readout_format=",.0f",
                **slider,
            ),
            "io_ms": widgets.FloatSlider(
                value=workload.io_ms, min=0, max=2000, step=10, description="I/O ms", **slider
            ),
            "threads": widgets.IntSlider(
                value=workload.threads, min=1, max=L.VCPU_MAX, description="Threads", **slider
            ),
            "budget": widgets.FloatSlider(
                value=budget_per_million,
                min=0.5,
                max=200,
                step=0.5,
                description="Budget $/M",
                **slider,
            ),
            "architecture": widgets.ToggleButtons(
                options=[("x86", "x86"), ("Arm (Graviton)", "arm")], value=architecture
            ),
        }
        rows = [("cpu_ms", "io_ms", "threads"), ("budget", "architecture")]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        fig = make_subplots(
            rows=3,
            cols=1,
            shared_xaxes=True,
            vertical_spacing=0.07,
            row_heights=(0.2, 0.4, 0.4),  # the vCPU share is one straight line: less height
            subplot_titles=("vCPU share", "duration (ms)", "USD per million invocations"),
        )
        every = np.arange(L.MEMORY_MIN_MB, L.MEMORY_MAX_MB + 1)
        notable = [L.MB_PER_VCPU, L.NOTES_2021_MEMORY_MAX_MB]
        memory = every[shown_settings(every, notable)]
        fig.add_trace(
            go.Scatter(
                x=memory.astype(np.float64),
                y=L.vcpu_shares(memory),
                name="vCPU share (course model)",
                line={"color": BLUE},
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
                marker={"color": BLUE, "size": 9, "symbol": "circle-open"},
                name="documented by AWS",
                uid="documented",
            ),
            row=1,
            col=1,
        )
        line = {"mode": "lines", "showlegend": False}
        fig.add_trace(go.Scatter(line={"color": PURPLE}, uid="duration", **line), row=2, col=1)
        fig.add_trace(go.Scatter(line={"color": GREY}, uid="cost", **line), row=3, col=1)
        for label, color, symbol, uid in (
            ("cheapest", GREEN, "star", "cheapest"),
            ("fastest within budget", ORANGE, "diamond", "fastest"),
        ):
            for row in (2, 3):
                marker = {"color": color, "size": 13, "symbol": symbol}
                trace = go.Scatter(
                    mode="markers",
                    marker=marker,
                    name=label,
                    showlegend=row == 3,
                    uid=f"{uid}_{row}",
                )
                fig.add_trace(trace, row=row, col=1)
        fig.add_trace(
            go.Scatter(
                x=[self.memory_needed_mb, L.MEMORY_MAX_MB],
                mode="lines",
                line={"color": ORANGE, "dash": "dot"},
                name="budget",
                uid="budget",
            ),
            row=3,
            col=1,
        )
        for row in (1, 2, 3):
            fig.add_vline(
                x=L.NOTES_2021_MEMORY_MAX_MB, line={"color": RED, "dash": "dash"}, row=row, col=1
            )
        fig.add_annotation(
            x=L.NOTES_2021_MEMORY_MAX_MB,
            y=L.VCPU_MAX,
            text="the 2021 notes' 3 GB ceiling",
            showarrow=False,
            xanchor="left",
            font={"color": RED},
            row=1,
            col=1,
        )
        fig.update_yaxes(type="log", dtick=1, row=2, col=1)  # decades: the panel is short
        fig.update_xaxes(title_text="memory (MB)", row=3, col=1)
        fig.update_layout(
            title={"text": self.title},
            # With two rows of controls and the readout: one 1366×768 screen (the 720-px
            # figure had the controls below the fold).
            height=500,
            autosize=True,  # the output area's width: no fixed width
            legend={"orientation": "h", "y": -0.16},
            hovermode="x",
            margin={"t": 60, "b": 40, "l": 60, "r": 20},
        )
        return fig

    def view(
        self, cpu_ms: float, io_ms: float, threads: int, budget: float, architecture: str
    ) -> View:
        workload = L.Workload(
            cpu_ms=float(cpu_ms),
            io_ms=float(io_ms),
            threads=int(threads),
            memory_needed_mb=self.memory_needed_mb,
        )
        return memory_view(workload, architecture, float(budget))


@explorable("lambda")
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
            f"<p>AWS documents <b>{L.MB_PER_VCPU:,} MB = 1 vCPU</b> and <b>up to "
            f"{L.VCPU_MAX} vCPUs at {L.MEMORY_MAX_MB:,} MB</b> "
            f"(<a href='{vcpu.source}' target='_blank'>checked {vcpu.verified_on}</a>); the "
            f"straight line between ({L.vcpu_share(L.MEMORY_MAX_MB):.2f} at the top) is the "
            "<b>course's model</b>. The workload is illustrative: a CPU part that speeds up "
            "with vCPUs (up to the threads it can use) and an I/O part that doesn't. Prices "
            f"per million GB-seconds: x86 ${x86.price * 1e6:,.2f}, Arm ${arm.price * 1e6:,.2f}, "
            f"plus ${L.request_price().price:,.2f} per million requests "
            f"({escape(x86.cite())}), no free tier. Every setting is computed; "
            f"the lines draw {POINTS} of them and the notable ones.</p>"
        ),
    )
