"""The group simulator: one-minute steps from a demand curve to desired, pending and
in-service instances, the demand left unserved, instance-hours and cost.

Each minute, in this order: scheduled actions, predictive scaling's minimum, Spot
rebalance recommendations and interruptions, health-check failures, pending instances that
reach InService, the dynamic policy (on the CPU of the minute before), then the group
launches or terminates towards desired. CPU is demand over in-service capacity, capped at
100 % (a saturated CPU hides how much demand is waiting: scale-out then proceeds in steps).
Instances bill from launch; warm pool instances bill only in the ``Running`` state.
Suspended processes act as AWS documents: ``Launch`` (nothing launches), ``Terminate``
(nothing terminates), ``AlarmNotification`` (no dynamic policy acts), ``ScheduledActions``,
``HealthCheck`` and ``ReplaceUnhealthy`` (failed instances stay), ``AddToLoadBalancer``
(new instances run but get no traffic); ``AZRebalance`` and ``InstanceRefresh`` do not
arise in this simulation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from aws_compute_course.topics import spot
from aws_compute_course.topics.auto_scaling.demand import MINUTES_PER_DAY
from aws_compute_course.topics.auto_scaling.policies import (
    Group,
    SimpleScaling,
    SpotMix,
    StepScaling,
    TargetTracking,
)

PREDICTIVE_HISTORY_DAYS = 14


@dataclass(frozen=True, eq=False)
class Run:
    """What the group did, minute by minute, and the totals."""

    demand: np.ndarray
    """Requests per second."""
    in_service: np.ndarray
    """Instances serving traffic."""
    pending: np.ndarray
    """Instances launching (billed, not serving)."""
    desired: np.ndarray
    spot_in_service: np.ndarray
    unhealthy: np.ndarray
    forecast: np.ndarray
    """Predictive scaling's capacity for the minute (NaN without a forecast)."""
    cpu: np.ndarray
    """Average CPU %, capped at 100."""
    capacity_per_instance: float
    minutes_under: int
    """Minutes in which demand exceeded in-service capacity."""
    unserved_percent: float
    """Share of all requests above capacity."""
    instance_hours: float
    cost: float
    """USD: On-Demand at the group's price, Spot at the Spot model's price."""
    interruptions: int

    @property
    def capacity(self) -> np.ndarray:
        """Requests per second the in-service instances can serve."""
        return self.in_service * self.capacity_per_instance


@lru_cache(maxsize=16)
def _spot_prices(
    on_demand: float, seed: int, days: int, max_price_fraction: float
) -> tuple[np.ndarray, np.ndarray]:
    """Per-minute Spot price and the minutes the Spot model interrupts (cached)."""
    prices = spot.synthetic_prices(on_demand, seed=seed, days=days, freq="1min")
    run = spot.simulate(prices, on_demand, on_demand * max_price_fraction)
    running = run.running
    stops = np.flatnonzero(running[:-1] & ~running[1:]) + 1
    return prices.to_numpy(dtype=float), stops


def hourly_forecast(demand: np.ndarray, day: int) -> np.ndarray | None:
    """Predicted peak load of each hour of ``day``: the mean of the same hour's peak on the
    preceding days (at most 14); None on the first day (predictive scaling needs 24 hours)."""
    if day < 1 or day * MINUTES_PER_DAY > len(demand):
        return None
    first = max(0, day - PREDICTIVE_HISTORY_DAYS)
    past = demand[first * MINUTES_PER_DAY : day * MINUTES_PER_DAY]
    return past.reshape(day - first, 24, 60).max(axis=2).mean(axis=0)


def _check_demand(demand: object) -> np.ndarray:
    values = np.asarray(demand, dtype=float) if not isinstance(demand, str) else None
    if values is None or values.ndim != 1 or len(values) < 2:
        raise ValueError("demand must be a 1-D sequence of at least 2 per-minute values")
    if not np.all(np.isfinite(values)) or np.any(values < 0):
        raise ValueError("demand must hold finite values >= 0")
    if len(values) > 90 * MINUTES_PER_DAY:
        raise ValueError(f"demand must cover at most 90 days of minutes, got {len(values):,}")
    return values


def _forecast_need(values: np.ndarray, group: Group) -> np.ndarray:
    """Predictive scaling's capacity for each minute (of the hour ``launch_ahead_minutes``
    later); -1 where there is no forecast yet."""
    n, pred = len(values), group.predictive
    need = np.full(n, -1, dtype=np.int64)
    if pred is None:
        return need
    ahead = np.arange(n) + pred.launch_ahead_minutes
    per_instance = group.capacity_per_instance * pred.target / 100
    for day in range(1, (ahead[-1] // MINUTES_PER_DAY) + 1):
        hours = hourly_forecast(values, day)
        if hours is None:
            continue
        where = ahead // MINUTES_PER_DAY == day
        load = hours[(ahead[where] % MINUTES_PER_DAY) // 60]
        need[where] = np.ceil(load / per_instance - 1e-9).astype(np.int64)
    return need


def simulate(demand: object, group: Group) -> Run:
    """Run ``group`` against ``demand`` (requests per second, one value per minute)."""
    values = _check_demand(demand)
    if not isinstance(group, Group):
        raise ValueError(f"group must be a Group, got {group!r}")
    n = len(values)
    vals = values.tolist()
    g, policy, off = group, group.policy, group.suspended
    cap = g.capacity_per_instance
    can_launch, can_terminate = "Launch" not in off, "Terminate" not in off
    replaces = "HealthCheck" not in off and "ReplaceUnhealthy" not in off
    registers = "AddToLoadBalancer" not in off
    kind = 0
    if policy is not None and "AlarmNotification" not in off:
        kind = {TargetTracking: 1, StepScaling: 2, SimpleScaling: 3}[type(policy)]
    days = math.ceil(n / MINUTES_PER_DAY)
    events: set[int] = set()
    schedule: dict[int, object] = {}
    if "ScheduledActions" not in off:
        for a in g.schedule:
            for d in range(days):
                schedule[d * MINUTES_PER_DAY + a.minute_of_day] = a
    events |= set(schedule)
    mix: SpotMix | None = g.spot
    spot_price = np.zeros(n)
    stops: set[int] = set()
    warned: dict[int, int] = {}
    if mix is not None:
        prices, stop_minutes = _spot_prices(g.hourly_price, mix.seed, days, mix.max_price_fraction)
        spot_price, stops = prices[:n], {int(m) for m in stop_minutes if m < n}
        if mix.capacity_rebalance:
            warned = {max(m - mix.rebalance_lead_minutes, 0): m for m in stops}
    failures: dict[int, int] = {}
    for m in g.failures:
        failures[m] = failures.get(m, 0) + 1
    events |= stops | set(warned) | set(failures)
    need_arr = _forecast_need(values, g)
    predictive_acts = g.predictive is not None and not g.predictive.forecast_only
    need = need_arr.tolist()
    if predictive_acts:
        events |= set((np.flatnonzero(np.diff(need_arr)) + 1).tolist())
    event_list = [*sorted(events), n]

    lo, hi, desired = g.min_size, g.max_size, g.desired
    sp = mix.spot_share(desired) if mix else 0
    od = desired - sp
    launch, warmup = g.launch_minutes, g.warmup_minutes
    launched_at: list[int] = []  # InService minute of each instance still warming
    pend_od: list[int] = []  # InService minute of each launching On-Demand instance
    pend_sp: list[int] = []
    unhealthy = unregistered = at_risk = 0  # at risk: Spot already replaced, to terminate
    pool = g.warm_pool.size if g.warm_pool else 0
    warm_start = g.warm_pool.start_minutes if g.warm_pool else 0
    warm_running = g.warm_pool is not None and g.warm_pool.state == "Running"
    refill: list[int] = []
    target = policy.target if kind == 1 else 0.0
    high = policy.high if kind in (2, 3) else 0.0
    low = 0.9 * policy.target if kind == 1 else (policy.low if kind else 0.0)
    run_hi = run_lo = 0
    cooldown_until = -1
    interruptions = 0
    prev_cpu = 0.0
    inv = 0.0  # CPU % per request per second, for the instances getting traffic
    floor = lo
    changes: list[tuple[int, int, int, int, int, int, int]] = []
    next_check = 0
    next_event = 0
    for t in range(n):
        changed = False
        if t >= next_check:
            changed = True
            while event_list[next_event] < t:
                next_event += 1
            if event_list[next_event] == t:
                if t in schedule:
                    action = schedule[t]
                    lo, hi = action.min_size, action.max_size
                    if action.desired is not None:
                        desired = action.desired
                floor = max(lo, min(need[t], hi)) if predictive_acts else lo
                desired = min(max(desired, floor), hi)
                if t in warned and sp > 0 and can_launch:  # rebalance recommendation
                    at_risk = sp
                    pend_sp.extend([t + launch] * sp)
                if t in stops:  # the interruption
                    interruptions += 1
                    sp -= min(at_risk or sp, sp)
                    at_risk = 0
                if t in failures:  # a failed health check: the instance stops serving
                    hit = min(failures[t], od + sp)
                    take_sp = min(hit, sp)
                    sp, od = sp - take_sp, od - (hit - take_sp)
                    unhealthy += hit
            if replaces and unhealthy and can_terminate:
                unhealthy = 0  # terminated; the launch below replaces it
            while pend_od and pend_od[0] <= t:
                pend_od.pop(0)
                od, unregistered = od + 1, unregistered + (not registers)
                launched_at.append(t)
            while pend_sp and pend_sp[0] <= t:
                pend_sp.pop(0)
                sp, unregistered = sp + 1, unregistered + (not registers)
                launched_at.append(t)
            while refill and refill[0] <= t:
                refill.pop(0)
                pool += 1
            while launched_at and launched_at[0] + warmup <= t:
                launched_at.pop(0)

        if kind and t:  # the dynamic policy, on last minute's CPU
            cpu = prev_cpu
            if kind == 1:
                if cpu > target:
                    run_hi, run_lo = run_hi + 1, 0
                    if run_hi >= policy.scale_out_minutes:
                        want = min(math.ceil((od + sp) * cpu / target - 1e-9), hi)
                        if want > desired:
                            desired, changed = want, True
                elif cpu < low:
                    run_hi, run_lo = 0, run_lo + 1
                    if (
                        run_lo >= policy.scale_in_minutes
                        and policy.scale_in
                        and not (launched_at or pend_od or pend_sp)
                    ):
                        want = max(math.ceil((od + sp) * cpu / target - 1e-9), floor)
                        if want < desired:
                            desired, run_lo, changed = want, 0, True
                else:
                    run_hi = run_lo = 0
            elif kind == 2 or t >= cooldown_until:
                if cpu > high:
                    run_hi, run_lo = run_hi + 1, 0
                elif cpu < low:
                    run_hi, run_lo = 0, run_lo + 1
                else:
                    run_hi = run_lo = 0
                if kind == 2:
                    if run_hi >= policy.evaluation_minutes:
                        want = od + sp - len(launched_at) + policy.adjustment(cpu)
                        if min(want, hi) > desired:
                            desired, changed = min(want, hi), True
                    elif run_lo >= policy.evaluation_minutes and not launched_at:
                        if desired > floor:
                            desired, changed = max(desired - policy.scale_in_by, floor), True
                        run_lo = 0
                elif run_hi >= policy.evaluation_minutes or run_lo >= policy.evaluation_minutes:
                    step = policy.adjustment if run_hi else -policy.adjustment
                    desired, changed = min(max(desired + step, floor), hi), True
                    run_hi = run_lo = 0
                    cooldown_until = t + launch + policy.cooldown_minutes

        if changed:  # towards desired: launch (warm pool first) or terminate (pending first)
            total = od + sp + len(pend_od) + len(pend_sp) + unhealthy - at_risk
            if total < desired and can_launch:
                k = desired - total
                spot_gap = mix.spot_share(desired) - sp - len(pend_sp) + at_risk if mix else 0
                warm = min(k, pool)
                pool -= warm
                for i in range(k):
                    ready = t + (warm_start if i < warm else launch)
                    (pend_sp if i < spot_gap else pend_od).append(ready)
                pend_od.sort()
                pend_sp.sort()
                refill.extend([t + launch] * warm)
            elif total > desired and can_terminate:
                k = total - desired
                while k and (pend_od or pend_sp):
                    (pend_sp if pend_sp else pend_od).pop()
                    k -= 1
                take_sp = min(max(sp - (mix.spot_share(desired) if mix else 0), 0), k)
                sp -= take_sp
                od -= min(k - take_sp, od)
            unregistered = min(unregistered, od + sp)
            routed = od + sp - unregistered
            inv = 100.0 / (routed * cap) if routed else 0.0
            pending = len(pend_od) + len(pend_sp)
            billed = od + pending + unhealthy + (pool if warm_running else 0) + len(refill)
            changes.append((t, routed, pending, desired, sp, unhealthy, billed))
            next_check = min(
                event_list[next_event + (event_list[next_event] <= t)],
                pend_od[0] if pend_od else n,
                pend_sp[0] if pend_sp else n,
                refill[0] if refill else n,
                launched_at[0] + warmup if launched_at else n,
            )
        load = vals[t]
        prev_cpu = (
            (load * inv if load * inv < 100.0 else 100.0) if inv else (100.0 if load else 0.0)
        )

    starts = np.array([*(c[0] for c in changes), n])
    table = np.array([c[1:] for c in changes], dtype=np.int64)
    expanded = np.repeat(table, np.diff(starts), axis=0)
    in_service, pending_arr, desired_arr, spot_arr, unhealthy_arr, billed_arr = expanded.T
    capacity = in_service * cap
    with np.errstate(divide="ignore", invalid="ignore"):
        cpu_arr = np.where(capacity > 0, np.minimum(100.0, 100.0 * values / capacity), 100.0)
    cpu_arr = np.where((capacity == 0) & (values == 0), 0.0, cpu_arr)
    over = np.maximum(values - capacity, 0.0)
    total_demand = float(values.sum())
    forecast = np.where(need_arr >= 0, need_arr, np.nan) if g.predictive else np.full(n, np.nan)
    return Run(
        demand=values,
        in_service=in_service,
        pending=pending_arr,
        desired=desired_arr,
        spot_in_service=spot_arr,
        unhealthy=unhealthy_arr,
        forecast=forecast,
        cpu=cpu_arr,
        capacity_per_instance=cap,
        minutes_under=int(np.count_nonzero(over > 1e-9)),
        unserved_percent=100 * float(over.sum()) / total_demand if total_demand else 0.0,
        instance_hours=float(billed_arr.sum() + spot_arr.sum()) / 60,
        cost=float(billed_arr.sum()) * g.hourly_price / 60 + float(spot_arr @ spot_price) / 60,
        interruptions=interruptions,
    )
