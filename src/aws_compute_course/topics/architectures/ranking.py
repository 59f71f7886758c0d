"""Architectures ranked for stated priorities (cost, latency, operational effort), with the
reasons for each place.

Scores are the model's, each from 0 (best) to 1 (worst), weighted by the priorities:

* cost: where the monthly bill sits between the cheapest and the dearest fitting
  architecture, on a log scale (a tenfold difference counts the same at any volume);
* latency risk: for Lambda, a cold start's share of the latency objective (capped at 1);
  for servers on a spiky workload, the time new capacity takes (1 for instances, 0.2 for
  container tasks; 0 on other shapes); 1 for the queue (results arrive later);
* effort: the catalog's 1-5 effort, scaled to 0..1.

Architectures that break a limit rank last, whatever their score; each "fits at a cost"
check adds 0.05.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from aws_compute_course.topics.architectures import catalog, cost, limits
from aws_compute_course.topics.architectures.workload import Workload
from aws_compute_course.validate import number

COSTLY_PENALTY = 0.05


@dataclass(frozen=True)
class Ranked:
    """One architecture's place, score, monthly cost, verdict and the reasons in words."""

    architecture: str
    place: int
    score: float
    monthly_usd: float
    verdict: str
    reasons: str


def latency_risk(architecture: str, w: Workload) -> float:
    """The model's latency risk, 0..1 (see the module docstring)."""
    a = catalog.BY_ID[architecture]
    if a.compute == "lambda":
        return min(1.0, w.init_ms / w.latency_ms)
    if a.compute == "queue":
        return 1.0
    if w.shape in ("spiky", "recorded"):
        return 0.2 if a.compute == "fargate" else 1.0
    return 0.0


def rank(
    w: Workload,
    *,
    cost_weight: float = 1.0,
    latency_weight: float = 1.0,
    effort_weight: float = 1.0,
    step: int = 1,
) -> tuple[Ranked, ...]:
    """Every architecture, best first, for ``w`` and the three weights (each >= 0, not all 0);
    ``step``: the sizing's time step in minutes (see :func:`.cost.cost_curves`)."""
    weights = [
        number(n, v, 0.0, 100.0)
        for n, v in (
            ("cost_weight", cost_weight),
            ("latency_weight", latency_weight),
            ("effort_weight", effort_weight),
        )
    ]
    if sum(weights) == 0:
        raise ValueError("cost_weight, latency_weight and effort_weight must not all be 0")
    bills = {
        a: float(c[0])
        for a, c in cost.cost_curves(w, np.array([w.requests_per_month]), step=step).items()
    }
    fits = limits.check_all(w)
    usable = [bills[a] for a in catalog.IDS if fits[a].verdict != "breaks"] or list(bills.values())
    low, high = math.log10(max(min(usable), 0.01)), math.log10(max(max(usable), 0.01))
    rows = []
    for a in catalog.IDS:
        c = (math.log10(max(bills[a], 0.01)) - low) / (high - low) if high > low else 0.0
        c = min(max(c, 0.0), 1.0)
        lat = latency_risk(a, w)
        eff = (catalog.BY_ID[a].effort - 1) / 4
        f = fits[a]
        costly = sum(ch.verdict == "fits at a cost" for ch in f.checks)
        score = (weights[0] * c + weights[1] * lat + weights[2] * eff) / sum(weights)
        score += COSTLY_PENALTY * costly
        parts = [
            f"${bills[a]:,.0f}/month",
            f"latency risk {lat:.1f}",
            f"effort {catalog.BY_ID[a].effort}/5",
        ]
        if f.broken:
            parts.append("breaks: " + "; ".join(ch.detail for ch in f.broken))
        elif costly:
            parts.append("at a cost: " + "; ".join(ch.limit for ch in f.checks))
        rows.append((f.verdict == "breaks", score, a, bills[a], f.verdict, ", ".join(parts)))
    rows.sort(key=lambda r: (r[0], r[1]))
    return tuple(
        Ranked(a, i + 1, round(s, 4), usd, verdict, why)
        for i, (_, s, a, usd, verdict, why) in enumerate(rows)
    )
