"""Updating an application: an Instance Refresh as a timeline of old and new instances, and
a blue/green traffic switch through ALB weighted target groups or Route 53 weighted records.

Instance Refresh (model): replacement proceeds in batches sized so that the healthy capacity
never falls below the minimum healthy percentage of desired (100 % means one at a time);
with a maximum healthy percentage above 100 the batch launches before it terminates. A new
instance is InService after ``launch_minutes`` and counts as healthy after
``warmup_minutes``; a checkpoint pauses for ``checkpoint_delay_minutes`` once its share of
the group is replaced. ``skip_matching`` leaves instances already on the new configuration.
When the new instances fail their health checks the refresh fails at the first batch (the
model's simplification); with ``auto_rollback`` it then replaces them with the old
configuration the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aws_compute_course import facts
from aws_compute_course.validate import choice, flag, integer, number

DEFAULT_MIN_HEALTHY = facts.integer("auto_scaling.refresh_min_healthy_default_percent")
DEFAULT_CHECKPOINT_DELAY_MINUTES = (
    facts.integer("auto_scaling.refresh_checkpoint_delay_default_seconds") // 60
)
MAX_HEALTHY_MAX = facts.integer("auto_scaling.refresh_max_healthy_max_percent")
CHECKPOINT_DELAY_MAX_MINUTES = (
    facts.integer("auto_scaling.refresh_checkpoint_delay_max_seconds") // 60
)


@dataclass(frozen=True, eq=False)
class RefreshTimeline:
    """Instances per minute during an Instance Refresh, and how it ended."""

    old: np.ndarray
    """In service on the old configuration."""
    new: np.ndarray
    """In service on the new configuration (healthy, or unhealthy when failing)."""
    launching: np.ndarray
    status: str
    """'Successful', 'Failed' or 'RollbackSuccessful'."""
    events: tuple[tuple[int, str], ...]
    minutes: int
    lowest_in_service: int
    batch: int


def batch_size(desired: int, min_healthy_percent: int, max_healthy_percent: int = 100) -> int:
    """Instances replaced at once: the room between desired and the healthy floor (at least
    one), plus the room above desired when the maximum healthy percentage exceeds 100."""
    desired = integer("desired", desired, 1, 1000)
    min_healthy_percent = integer("min_healthy_percent", min_healthy_percent, 0, 100)
    max_healthy_percent = integer("max_healthy_percent", max_healthy_percent, 100, MAX_HEALTHY_MAX)
    floor = math.ceil(desired * min_healthy_percent / 100)
    extra = desired * (max_healthy_percent - 100) // 100
    return max(desired - floor + extra, 1)


def instance_refresh(
    desired: int,
    min_healthy_percent: int = DEFAULT_MIN_HEALTHY,
    *,
    max_healthy_percent: int = 100,
    launch_minutes: int = 5,
    warmup_minutes: int = 5,
    checkpoints: Sequence[int] = (),
    checkpoint_delay_minutes: int = DEFAULT_CHECKPOINT_DELAY_MINUTES,
    already_new: int = 0,
    skip_matching: bool = False,
    new_healthy: bool = True,
    auto_rollback: bool = False,
) -> RefreshTimeline:
    """The timeline of an Instance Refresh of a group of ``desired`` instances."""
    batch = batch_size(desired, min_healthy_percent, max_healthy_percent)
    integer("launch_minutes", launch_minutes, 1, 120)
    integer("warmup_minutes", warmup_minutes, 0, 60)
    marks = [integer("checkpoints", c, 1, 100) for c in checkpoints]
    if marks != sorted(set(marks)):
        raise ValueError(f"checkpoints must be ascending percentages, got {list(checkpoints)}")
    integer("checkpoint_delay_minutes", checkpoint_delay_minutes, 0, CHECKPOINT_DELAY_MAX_MINUTES)
    integer("already_new", already_new, 0, desired)
    for name, v in (
        ("skip_matching", skip_matching),
        ("new_healthy", new_healthy),
        ("auto_rollback", auto_rollback),
    ):
        flag(name, v)
    before_terminate = max_healthy_percent > 100
    old, new, launching, t = desired - already_new, already_new, 0, 0
    todo = old if skip_matching else desired
    done = 0
    rows: list[tuple[int, int, int]] = [(old, new, 0)]
    events: list[tuple[int, str]] = [(0, f"start: replace {todo} of {desired}, {batch} at a time")]
    status = "Successful"
    pending_marks = list(marks)

    def hold(minutes: int) -> None:
        nonlocal t
        for _ in range(minutes):
            t += 1
            rows.append((old, new, launching))

    while done < todo:
        b = min(batch, todo - done)
        from_old = min(b, old)
        if not before_terminate:
            old, new = old - from_old, new - (b - from_old)
        launching = b
        hold(launch_minutes)
        launching = 0
        if before_terminate:
            old, new = old - from_old, new - (b - from_old)
        new += b
        if not new_healthy:
            rows[-1] = (old, new, 0)
            events.append((t, f"{b} new instance(s) fail their health checks: the refresh fails"))
            status = "Failed"
            break
        hold(warmup_minutes)
        done += b
        events.append((t, f"{done} of {todo} replaced"))
        share = 100 * done / todo
        while pending_marks and share >= pending_marks[0]:
            mark = pending_marks.pop(0)
            if done < todo:
                events.append((t, f"checkpoint {mark}%: wait {checkpoint_delay_minutes} min"))
                hold(checkpoint_delay_minutes)
    if status == "Failed" and auto_rollback:
        bad = new - (already_new if skip_matching else 0)
        while bad > 0:
            b = min(batch, bad)
            new -= b
            launching = b
            hold(launch_minutes)
            launching = 0
            old += b
            bad -= b
            hold(warmup_minutes)
        status = "RollbackSuccessful"
        events.append((t, "rollback complete: every instance back on the old configuration"))
    elif status == "Successful":
        events.append((t, "refresh successful"))
    table = np.array(rows, dtype=np.int64)
    return RefreshTimeline(
        old=table[:, 0],
        new=table[:, 1],
        launching=table[:, 2],
        status=status,
        events=tuple(events),
        minutes=t,
        lowest_in_service=int((table[:, 0] + table[:, 1]).min()),
        batch=batch,
    )


def traffic_to_new(
    minutes: int,
    switch_minute: int,
    method: str,
    *,
    ttl_seconds: int = 300,
    stale_percent: float = 10.0,
) -> np.ndarray:
    """Share (%) of requests reaching the new version each minute after all weight moves to
    it at ``switch_minute``.

    ``alb``: weighted target groups switch at the load balancer: every request at once.
    ``route53``: weighted records: clients pick up the change as their cached answer expires
    (spread evenly over the TTL), and ``stale_percent`` of clients ignore the TTL and stay on
    the old answer throughout (the model's illustrative assumption)."""
    integer("minutes", minutes, 1, 10_000)
    integer("switch_minute", switch_minute, 0, minutes)
    choice("method", method, ("alb", "route53"))
    integer("ttl_seconds", ttl_seconds, 0, 172_800)
    number("stale_percent", stale_percent, 0.0, 100.0)
    t = np.arange(minutes) - switch_minute
    if method == "alb":
        return np.where(t >= 0, 100.0, 0.0)
    ttl = ttl_seconds / 60
    moved = np.clip((t + 1) / ttl, 0.0, 1.0) if ttl else (t >= 0).astype(float)
    moved = np.where(t >= 0, moved, 0.0)
    return moved * (100.0 - stale_percent)
