"""Demand curves for the group simulator: one value per minute, in requests per second.

Presets (deterministic, seeded, **illustrative**: shapes chosen to show scaling behaviour,
not measurements of any real service):

* ``daily``: a working-day cycle (low at night, a peak in the early afternoon UTC),
  weekends at 70 %;
* ``flash_spike``: a gentler daily cycle plus one unannounced spike (to 4x within two minutes,
  for an hour) on the third day at 12:00;
* ``steady_ramp``: growth from ``base`` to ``peak`` over the period, with a small daily swing.

:func:`load_demand_csv` reads a recorded curve (a ``timestamp`` column and a numeric column,
e.g. requests per second or CPU %) and resamples it to one value per minute.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

from aws_compute_course.validate import choice, integer, number

MINUTES_PER_DAY = 1440
PRESETS = ("daily", "flash_spike", "steady_ramp")


def _daily_shape(minutes: np.ndarray) -> np.ndarray:
    """0 at 03:00 UTC, 1 at 15:00 UTC: a smooth day."""
    hour = (minutes % MINUTES_PER_DAY) / 60
    return 0.5 - 0.5 * np.cos(2 * np.pi * (hour - 3) / 24)


def demand_preset(
    name: str,
    *,
    days: int = 7,
    base: float = 200.0,
    peak: float = 2000.0,
    noise: float = 0.03,
    seed: int = 0,
) -> np.ndarray:
    """``days`` x 1,440 minutes of demand (requests per second) for preset ``name``.

    ``base`` is the night-time floor and ``peak`` the usual daily peak (the flash spike goes
    above it); ``noise`` is the relative size of the seeded minute-to-minute jitter.
    """
    name = choice("name", name, PRESETS)
    days = integer("days", days, 1, 60)
    base = number("base", base, 0.0, 1e7)
    peak = number("peak", peak, base, 1e7)
    noise = number("noise", noise, 0.0, 0.5)
    seed = integer("seed", seed, 0)
    minutes = np.arange(days * MINUTES_PER_DAY)
    shape = _daily_shape(minutes)
    weekday = (minutes // MINUTES_PER_DAY) % 7
    if name == "daily":
        level = base + (peak - base) * shape * np.where(weekday >= 5, 0.7, 1.0)
    elif name == "flash_spike":
        level = base + 0.5 * (peak - base) * shape
        start = min(2, days - 1) * MINUTES_PER_DAY + 12 * 60
        t = minutes - start
        spike = np.where(t < 0, 0.0, np.where(t < 60, np.minimum(1.0, (t + 1) / 2), 0.0))
        level = level + spike * (4 * peak - level)
    else:
        trend = base + (peak - base) * minutes / max(len(minutes) - 1, 1)
        level = trend * (0.9 + 0.2 * shape)
    jitter = np.random.default_rng(seed).normal(0.0, noise, len(minutes))
    return np.maximum(level * (1 + jitter), 0.0)


def load_demand_csv(
    source: str | Path, *, column: str | None = None, timestamp: str = "timestamp"
) -> np.ndarray:
    """A recorded curve as one value per minute (mean within a minute, gaps carried forward).

    ``source`` is a path or CSV text with a ``timestamp`` column and a numeric ``column``
    (default: the first other column). Values must be finite and >= 0.
    """
    text = str(source)
    try:
        if isinstance(source, Path) or "\n" not in text:
            frame = pd.read_csv(Path(source))
        else:
            frame = pd.read_csv(io.StringIO(text))
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise ValueError(f"source: cannot read a CSV ({err})") from None
    if timestamp not in frame.columns:
        raise ValueError(f"timestamp: the CSV has no column {timestamp!r} ({list(frame.columns)})")
    others = [c for c in frame.columns if c != timestamp]
    column = column if column is not None else (others[0] if others else None)
    if column not in others:
        raise ValueError(f"column must be one of {others}, got {column!r}")
    try:
        stamps = pd.to_datetime(frame[timestamp], utc=True)
    except (ValueError, TypeError) as err:
        raise ValueError(f"timestamp: not understood as times ({err})") from None
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)
    if len(values) < 2 or not np.all(np.isfinite(values)) or np.any(values < 0):
        raise ValueError(f"column {column!r} must hold at least 2 finite values >= 0")
    series = pd.Series(values, index=stamps).sort_index()
    per_minute = series.resample("1min").mean().ffill()
    return per_minute.to_numpy(dtype=float)
