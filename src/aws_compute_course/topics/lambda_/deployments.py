"""Lambda versions, aliases and CodeDeploy: the alias weights over time for every SAM
deployment type, with pre/post-traffic hooks and rollback on an alarm."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from aws_compute_course import facts
from aws_compute_course.validate import flag, integer, number

DEPLOYMENT_TYPES = facts.items("lambda.codedeploy_types")
CODEDEPLOY_PREFIX = "CodeDeployDefault.Lambda"


# --- versions, aliases and CodeDeploy -------------------------------------------------------

_TYPE_NAME = re.compile(
    r"^(?:(?P<canary>Canary)(?P<cp>\d+)Percent(?P<cm>\d+)Minutes?"
    r"|(?P<linear>Linear)(?P<lp>\d+)PercentEvery(?P<lm>\d+)Minutes?"
    r"|(?P<all>AllAtOnce))$"
)


@dataclass(frozen=True)
class DeploymentConfig:
    """A CodeDeploy traffic-shifting configuration for a Lambda alias."""

    name: str
    """The SAM ``DeploymentPreference.Type``, e.g. ``Linear10PercentEvery3Minutes``."""
    kind: Literal["canary", "linear", "all_at_once"]
    percent: int
    """Traffic shifted to the new version in the first step (canary) or each step (linear)."""
    interval_minutes: int
    """Minutes until the second step (canary) or between steps (linear); 0 for AllAtOnce."""

    @property
    def codedeploy_name(self) -> str:
        """The CodeDeploy name, e.g. ``CodeDeployDefault.LambdaCanary10Percent5Minutes``."""
        return CODEDEPLOY_PREFIX + self.name

    def steps(self) -> tuple[tuple[int, int], ...]:
        """(minute, percent on the new version) at each traffic shift, from minute 0.

        Canary: ``percent`` at 0, 100% after one interval. Linear: ``percent`` more every
        interval until 100% (Linear10PercentEvery10Minutes reaches 100% at minute 90; the
        SAM guide rounds the whole deployment to 100 minutes, ten 10-minute steps).
        """
        if self.kind == "all_at_once":
            return ((0, 100),)
        if self.kind == "canary":
            return ((0, self.percent), (self.interval_minutes, 100))
        n = math.ceil(100 / self.percent)
        return tuple(
            (i * self.interval_minutes, min(100, (i + 1) * self.percent)) for i in range(n)
        )

    @property
    def shift_minutes(self) -> int:
        """Minutes from the first shift to 100% on the new version."""
        return self.steps()[-1][0]


def deployment_config(name: str) -> DeploymentConfig:
    """The configuration named ``name``: a SAM type or its CodeDeploy name (with the prefix)."""
    if not isinstance(name, str):
        raise ValueError(f"name must be a deployment type name, got {name!r}")
    short = name.removeprefix(CODEDEPLOY_PREFIX)
    if short not in DEPLOYMENT_TYPES:
        hint = ""
        if short.startswith("Liner"):
            hint = f" (the 2021 notes' typo: it is {'Linear' + short[5:]!r})"
        raise ValueError(f"name must be one of {list(DEPLOYMENT_TYPES)}, got {name!r}{hint}")
    m = _TYPE_NAME.match(short)
    if m is None:  # pragma: no cover - every registered type matches the pattern
        raise ValueError(f"cannot parse deployment type {short!r}")
    if m["all"]:
        return DeploymentConfig(short, "all_at_once", 100, 0)
    if m["canary"]:
        return DeploymentConfig(short, "canary", int(m["cp"]), int(m["cm"]))
    return DeploymentConfig(short, "linear", int(m["lp"]), int(m["lm"]))


def deployment_configs() -> tuple[DeploymentConfig, ...]:
    """Every SAM deployment type, in the registry's order."""
    return tuple(deployment_config(t) for t in DEPLOYMENT_TYPES)


@dataclass(frozen=True)
class Deployment:
    """One CodeDeploy deployment of a new version behind an alias."""

    config: DeploymentConfig
    status: Literal["succeeded", "rolled_back", "pre_traffic_failed"]
    timeline: pd.DataFrame
    """One row per change: ``minute``, ``new_percent`` (after the change) and ``event``."""
    ends_at: int
    """Minute the deployment ended (succeeded, rolled back or stopped)."""

    def new_percent_at(self, minutes: object) -> np.ndarray:
        """Percent of traffic on the new version at each of ``minutes`` (a step function)."""
        t = np.atleast_1d(np.asarray(minutes, dtype=float))
        if not np.all(np.isfinite(t)) or np.any(t < 0):
            raise ValueError("minutes must all be finite and >= 0")
        stamps = self.timeline["minute"].to_numpy(dtype=float)
        weights = self.timeline["new_percent"].to_numpy(dtype=float)
        # The last change at or before t holds (changes at the same minute: the last wins).
        i = np.searchsorted(stamps, t, side="right") - 1
        return np.where(i >= 0, weights[np.maximum(i, 0)], 0.0)


def deploy(
    config: DeploymentConfig | str,
    *,
    alarm_at_minute: float | None = None,
    pre_traffic_ok: bool = True,
    post_traffic_ok: bool = True,
) -> Deployment:
    """Shift an alias from the old version to the new one as ``config`` says.

    The pre-traffic hook runs first (its failure stops the deployment before any traffic
    moves); then the shifts; then the post-traffic hook. A CloudWatch alarm that fires at
    ``alarm_at_minute`` while the deployment runs (up to and including the post-traffic
    hook, modelled as instant) rolls the alias back to 100% on the old version; an alarm
    after the end changes nothing (the deployment already succeeded).
    """
    cfg = deployment_config(config) if isinstance(config, str) else config
    if not isinstance(cfg, DeploymentConfig):
        raise ValueError(f"config must be a DeploymentConfig or a type name, got {config!r}")
    flag("pre_traffic_ok", pre_traffic_ok)
    flag("post_traffic_ok", post_traffic_ok)
    alarm = None
    if alarm_at_minute is not None:
        alarm = number("alarm_at_minute", alarm_at_minute, 0.0, 10_000.0)
    rows: list[tuple[float, int, str]] = [(0, 0, "pre-traffic hook runs")]
    if not pre_traffic_ok:
        rows.append((0, 0, "pre-traffic hook failed: no traffic shifted"))
        return _deployment(cfg, "pre_traffic_failed", rows, 0)
    end = cfg.shift_minutes
    for minute, percent in cfg.steps():
        if alarm is not None and alarm < minute:
            break
        rows.append((minute, percent, f"{percent}% to the new version"))
    if alarm is not None and alarm <= end:
        rows.append((alarm, 0, "alarm: rolled back to the old version"))
        return _deployment(cfg, "rolled_back", rows, alarm)
    if not post_traffic_ok:
        rows.append((end, 0, "post-traffic hook failed: rolled back"))
        return _deployment(cfg, "rolled_back", rows, end)
    rows.append((end, 100, "post-traffic hook passed: deployment succeeded"))
    return _deployment(cfg, "succeeded", rows, end)


def _deployment(cfg: DeploymentConfig, status: str, rows: list, end: float) -> Deployment:
    timeline = pd.DataFrame(rows, columns=["minute", "new_percent", "event"])
    return Deployment(config=cfg, status=status, timeline=timeline, ends_at=end)


def requests_to_new_version(
    deployment: Deployment, requests_per_minute: float, until_minute: float | None = None
) -> float:
    """Requests the new version serves from minute 0 to ``until_minute`` at a steady rate.

    ``until_minute`` defaults to the end of the deployment: with a rollback, the requests
    exposed to the new version before it; with success, those of the traffic shift.
    """
    rate = number("requests_per_minute", requests_per_minute, 0.0, math.inf)
    end = float(deployment.ends_at) if until_minute is None else until_minute
    end = number("until_minute", end, 0.0, math.inf)
    stamps = deployment.timeline["minute"].to_numpy(dtype=float)
    weights = deployment.timeline["new_percent"].to_numpy(dtype=float)
    edges = np.r_[np.clip(stamps, 0, end), end]
    return float(rate * np.sum(np.diff(edges) * weights) / 100)


def route_invocations(new_percent: float, invocations: int, *, seed: int = 0) -> tuple[int, int]:
    """How a weighted alias splits ``invocations``: (to the old version, to the new one).

    Each invocation goes to the new version with probability ``new_percent`` / 100,
    independently (seeded): an alias weight is a probability, not an exact split.
    """
    p = number("new_percent", new_percent, 0.0, 100.0) / 100
    n = integer("invocations", invocations, 0)
    integer("seed", seed, 0)
    new = int(np.random.default_rng(seed).binomial(n, p))
    return n - new, new
