"""The Spot price against a maximum price: a year of synthetic prices, interruptions shaded."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from aws_compute_course.facts import fact, value
from aws_compute_course.pricing import on_demand_hourly
from aws_compute_course.topics import spot
from aws_compute_course.widgets import SCREEN_POINTS, Explorer, View, explorable

NOTICE_MINUTES = int(value("spot.interruption_notice_minutes"))
MAX_DISCOUNT_PERCENT = int(value("spot.max_discount_percent"))

SPOT_COLOR = "#1f77b4"
ON_DEMAND_COLOR = "#d62728"
MAX_COLOR = "#ff7f0e"
SHADE_COLOR = "rgba(214, 39, 40, 0.15)"


def iso(stamps: pd.DatetimeIndex | pd.Series | list) -> list[str]:
    """ISO strings without a zone (the series are in UTC), as plotly's date axes take them.

    Strings, not numbers: a data change makes plotly.js guess the axis type again from the
    data, and epoch numbers would turn the date axis linear. (Datetimes go one object at a
    time, datetime64[ns] arrays as bare integers.)
    """
    values = pd.DatetimeIndex(stamps).tz_localize(None).to_numpy().astype("datetime64[s]")
    return np.datetime_as_string(values).tolist()


def money(x: float) -> str:
    return f"${x:.4f}/h"


def plot_top(prices: pd.Series, on_demand: float) -> float:
    """Upper end of the price axis: room above the On-Demand price and any spike."""
    return 1.05 * max(float(prices.max()), on_demand)


def step_points(prices: pd.Series) -> tuple[list[str], np.ndarray]:
    """The price series as its change points plus its end (time, price), for a
    ``line_shape="hv"`` trace.

    Exact for a step series and much smaller: a year of 5-minute prices that change at most
    hourly is 105,120 points but under 8,761 change points.
    """
    values = prices.to_numpy(dtype=float)
    keep = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    step = prices.index[1] - prices.index[0]
    stamps = prices.index[keep].append(pd.DatetimeIndex([prices.index[-1] + step]))
    return iso(stamps), np.r_[values[keep], values[-1]]


def screen_steps(
    x: list[str], y: np.ndarray, most: int = SCREEN_POINTS
) -> tuple[list[str], np.ndarray]:
    """At most ``most`` of a step line's points (``line_shape="hv"``), drawn as the whole.

    The line's time is cut into ``most // 4`` equal spans, narrower than a pixel of any
    screen's chart; each keeps its first and last step and its lowest and highest price, in
    time order. The drawn line then reaches, in every span, the same lowest and highest
    price as the whole line: no spike is lost, only steps within a pixel merge.
    """
    if len(x) <= most:
        return x, y
    seconds = np.array(x, dtype="datetime64[s]").astype(np.int64)
    spans = most // 4
    span = np.minimum(
        (seconds - seconds[0]) * spans // max(int(seconds[-1] - seconds[0]), 1), spans - 1
    )
    starts = np.flatnonzero(np.r_[True, span[1:] != span[:-1]])
    ends = np.r_[starts[1:], len(x)]
    keep = set()
    for start, end in zip(starts, ends, strict=True):
        part = y[start:end]
        keep |= {start, end - 1, start + int(part.argmin()), start + int(part.argmax())}
    kept = sorted(keep)
    return [x[i] for i in kept], y[kept]


def stopped_steps(run: spot.SpotRun, top: float) -> dict[str, list[str] | np.ndarray]:
    """The not-running periods as one step trace (``line_shape="hv"``, ``fill="tozeroy"``):
    at ``top`` while stopped, at 0 while running; two numbers per change of state, none
    when it always ran (an empty trace draws nothing, not a flat line at 0)."""
    intervals = run.intervals
    if run.running.all():
        return {"x": [], "y": np.empty(0)}
    x = iso([*intervals["start"], intervals["end"].iloc[-1]])
    y = np.where(intervals["state"].to_numpy() == "running", 0.0, top)
    return {"x": x, "y": np.r_[y, y[-1]]}


DEFAULT_BAND = spot.TEACHING_BAND
"""The frequency band the course's price explorer starts with (illustrative)."""


def price_readout(run: spot.SpotRun, on_demand: float, max_price: float | None) -> str:
    """The readout line (HTML) for one simulated run."""
    if max_price is None:
        limit = (
            f"<b>no max price</b> (you pay the Spot price; capped at On-Demand, {money(on_demand)})"
        )
    else:
        limit = f"max price <b>{money(max_price)}</b>"
    times = "interruption" if run.interruptions == 1 else "interruptions"
    why = f"{run.price_interruptions} price"
    if run.frequency_band is not None:
        why = (
            f"{run.capacity_interruptions} capacity (a pool in the {escape(run.frequency_band)} "
            f"band, illustrative), {why}"
        )
    parts = [
        limit,
        f"<b>{run.interruptions}</b> {times}: {why}, each after a {NOTICE_MINUTES}-minute notice",
        f"uptime <b>{run.uptime_percent:.1f}%</b>",
        f"<b>{run.hours_lost:,.1f} h</b> lost",
    ]
    if run.effective_hourly_cost is None:
        parts.append("<b>never ran</b>: every Spot price is above the max price")
    else:
        parts.append(f"effective <b>{money(run.effective_hourly_cost)}</b>")
        parts.append(f"<b>{run.savings_percent:.1f}%</b> saved vs On-Demand")
    return " · ".join(parts)


def price_view(
    prices: pd.Series,
    on_demand: float,
    max_price: float | None,
    frequency_band: str | None = None,
    seed: int = 0,
) -> View:
    """The shading, the max-price line and the readout for ``max_price`` (None: no maximum),
    with capacity reclaimed at the rate of ``frequency_band`` (None: price only).

    ``result`` is the model's :class:`..spot.SpotRun`. Bad input raises the model's
    ``ValueError``, which names the parameter.
    """
    run = spot.simulate(prices, on_demand, max_price, frequency_band=frequency_band, seed=seed)
    cap = on_demand if max_price is None else float(max_price)
    return View(
        price_readout(run, on_demand, max_price),
        {"shade": stopped_steps(run, plot_top(prices, on_demand)), "max_price": {"y": (cap, cap)}},
        result=run,
    )


class SpotPriceExplorer(Explorer):
    """Spot price, On-Demand price and a maximum price, with the interrupted periods shaded.

    A slider sets the maximum price (from the lowest Spot price to On-Demand); a checkbox
    removes it, as AWS recommends, and disables the slider; a dropdown sets the pool's
    frequency-of-interruption band, which drives capacity interruptions (seeded).
    """

    def __init__(
        self,
        prices: pd.Series,
        on_demand: float,
        *,
        max_price: float | None = None,
        frequency_band: str = DEFAULT_BAND,
        seed: int = 0,
        title: str = "Spot price and maximum price",
        subtitle: str = "",
        note: str = "",
    ) -> None:
        self.prices, self.on_demand, self.seed = prices, on_demand, seed
        self.title, self.subtitle = title, subtitle
        start = float(prices.median()) if max_price is None else max_price
        slider = widgets.FloatSlider(
            value=start,
            # Widen the range for a max price outside it rather than let the slider clamp it.
            min=min(float(prices.min()), start),
            max=max(on_demand, start),
            step=0.0001,
            readout_format=".4f",
            description="Max ($/h)",
            layout=widgets.Layout(width="520px"),
        )
        no_max = widgets.Checkbox(
            value=max_price is None, description="No max price (AWS's recommendation)", indent=False
        )
        band = widgets.Dropdown(
            options=spot.FREQUENCY_BANDS,
            value=frequency_band,
            description="Interruptions",
            style={"description_width": "initial"},
        )
        super().__init__(
            {"max_price": slider, "no_max": no_max, "band": band},
            rows=[("max_price", "no_max"), ("band",)],
            note=note,
        )

    def initial_figure(self) -> go.Figure:
        step_x, step_y = screen_steps(*step_points(self.prices))
        ends = (step_x[0], step_x[-1])
        od = self.on_demand
        return go.Figure(
            [
                go.Scatter(
                    name="not running",
                    fill="tozeroy",
                    fillcolor=SHADE_COLOR,
                    line={"width": 0, "shape": "hv"},
                    mode="lines",
                    hoverinfo="skip",
                    uid="shade",
                ),
                go.Scatter(
                    x=step_x,
                    y=step_y,
                    name="Spot price",
                    mode="lines",
                    line={"color": SPOT_COLOR, "width": 1, "shape": "hv"},
                    uid="spot",
                ),
                go.Scatter(
                    x=ends,
                    y=(od, od),
                    name="On-Demand",
                    line={"color": ON_DEMAND_COLOR, "dash": "dash"},
                    mode="lines",
                    uid="on_demand",
                ),
                go.Scatter(
                    x=ends,
                    name="max price",
                    line={"color": MAX_COLOR, "width": 2},
                    mode="lines",
                    uid="max_price",
                ),
            ],
            layout={
                "title": {"text": self.title, "subtitle": {"text": self.subtitle}},
                "xaxis": {"type": "date", "title": {"text": "time (UTC)"}},
                "yaxis": {
                    "range": [0, plot_top(self.prices, od)],
                    "title": {"text": "USD per hour"},
                    "tickformat": "$.3f",
                },
                "height": 420,
                "autosize": True,  # the output area's width: no fixed width
                "margin": {"t": 80, "b": 50},
                "legend": {"orientation": "h", "y": -0.18},
                "hovermode": "x",
            },
        )

    def adjust(self, max_price: float, no_max: bool, band: str) -> dict:
        return {"max_price": {"disabled": no_max}}

    def view(self, max_price: float, no_max: bool, band: str) -> View:
        return price_view(
            self.prices, self.on_demand, None if no_max else max_price, band, self.seed
        )


@explorable("spot")
def spot_price_explorer(
    instance_type: str = "m5.large",
    *,
    seed: int = 2026,
    days: int = 365,
    max_price: float | None = None,
    frequency_band: str = DEFAULT_BAND,
) -> SpotPriceExplorer:
    """The course's price explorer: a year of synthetic 5-minute prices for ``instance_type``.

    The On-Demand price comes from the course's dated price snapshot, cited in the title.
    """
    od = on_demand_hourly(instance_type)
    prices = spot.synthetic_prices(od.price, seed=seed, days=days)
    recommend = fact("spot.max_price_recommended")
    bands = fact("spot.advisor_frequency_bands")
    return SpotPriceExplorer(
        prices,
        od.price,
        max_price=max_price,
        frequency_band=frequency_band,
        seed=seed,
        title=f"{instance_type} Spot price (synthetic, seed {seed}) and your maximum price",
        subtitle=f"On-Demand {money(od.price)}, {od.region}: {escape(od.cite())}",
        note=(
            "<p>The Spot prices are <b>synthetic and illustrative</b>: a seeded random walk "
            f"between the deepest advertised discount ({MAX_DISCOUNT_PERCENT}% off) and the "
            "On-Demand price. Capacity interruptions happen at any price: the "
            "<i>Interruptions</i> dropdown is the pool's frequency-of-interruption band as the "
            f"Spot Instance Advisor shows it ({escape(', '.join(bands.value))}: "
            f'<a href="{bands.source}" target="_blank">AWS</a>); the model reclaims the '
            "instance at the middle of the band (<b>illustrative</b>, seeded) and relaunches "
            "it an hour later. "
            f'{escape(recommend.summary)} (<a href="{recommend.source}" target="_blank">'
            f"AWS, checked {recommend.verified_on}</a>)</p>"
        ),
    )
