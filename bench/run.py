"""Benchmarks: ``make bench`` prints one JSON object per line, ``{"bench": name, ...}``.

Each benchmark is a function registered with ``@bench("topic.name")`` that returns its
figures as a dict; it measures a baseline in the same run where one makes sense, because
the machine is shared and noisy. ``--only NAME`` (repeatable) runs a subset; ``--list``
shows the names.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import comm
import numpy as np
from comm.base_comm import BaseComm
from jupyter_client.session import json_packer

ROOT = Path(__file__).resolve().parent.parent
BENCHES: dict[str, Callable[[], dict]] = {}


def bench(name: str) -> Callable[[Callable[[], dict]], Callable[[], dict]]:
    """Register a benchmark under a dotted name."""

    def register(fn: Callable[[], dict]) -> Callable[[], dict]:
        BENCHES[name] = fn
        return fn

    return register


def _ms(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile of durations in seconds, in milliseconds."""
    return (
        round(1000 * statistics.median(samples), 3),
        round(1000 * float(np.percentile(samples, 95)), 3),
    )


class _PackingComm(BaseComm):
    """A comm that packs each message as a kernel's session does, then drops it.

    Outside a kernel ipywidgets sends into a no-op comm; packing here keeps the cost of
    serialising what a widget sends (JSON and binary buffers) inside the measurement.
    """

    sent_bytes = 0

    def publish_msg(
        self,
        msg_type: str,
        data: dict | None = None,
        metadata: dict | None = None,
        buffers: list | None = None,
        **keys: object,
    ) -> None:
        size = len(json_packer(data)) + sum(memoryview(b).nbytes for b in buffers or ())
        _PackingComm.sent_bytes += size


@contextlib.contextmanager
def _packing_comms() -> Iterator[type[_PackingComm]]:
    saved = comm.create_comm
    comm.create_comm = _PackingComm
    try:
        yield _PackingComm
    finally:
        comm.create_comm = saved


# --- spot ---------------------------------------------------------------------------------


@bench("spot.slider_update")
def spot_slider_update(n: int = 240, warmup: int = 20) -> dict:
    """One move of the price explorer's max-price slider, observer to FigureWidget messages.

    Baseline in the same run, on the same max prices: ``spot.simulate`` alone.
    """
    from aws_compute_course import spot
    from aws_compute_course.widgets.spot import spot_price_explorer

    with _packing_comms() as packing:
        explorer = spot_price_explorer("m5.large", seed=2026)
        explorer.no_max.value = False
        prices, on_demand = explorer.prices, explorer.on_demand
        rng = np.random.default_rng(0)
        max_prices = rng.uniform(explorer.slider.min, explorer.slider.max, warmup + n)
        update_s, simulate_s, sent = [], [], []
        for i, m in enumerate(max_prices):
            before = packing.sent_bytes
            t0 = time.perf_counter()
            explorer.slider.value = float(m)
            t1 = time.perf_counter()
            spot.simulate(prices, on_demand, float(m))
            t2 = time.perf_counter()
            if i >= warmup:
                update_s.append(t1 - t0)
                simulate_s.append(t2 - t1)
                sent.append(packing.sent_bytes - before)
    median, p95 = _ms(update_s)
    sim_median, sim_p95 = _ms(simulate_s)
    return {
        "n": n,
        "points": len(prices),
        "median_ms": median,
        "p95_ms": p95,
        "simulate_only_median_ms": sim_median,
        "simulate_only_p95_ms": sim_p95,
        "sent_kb_median": round(statistics.median(sent) / 1024, 1),
        "sent_kb_max": round(max(sent) / 1024, 1),
    }


# --- tests --------------------------------------------------------------------------------


@bench("tests.notebook_phase")
def tests_notebook_phase() -> dict:
    """Wall time of the notebook tests as ``make test`` runs them (a subprocess)."""
    workers = len(os.sched_getaffinity(0))
    cmd = [sys.executable, "-m", "pytest", "-m", "notebooks", "-n", str(workers)]
    cmd += ["--dist", "loadgroup", "-q", "-p", "no:cacheprovider"]
    env = os.environ | {"PLOTLY_RENDERER": "plotly_mimetype"}
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    lines = done.stdout.strip().splitlines()
    return {
        "wall_s": round(wall, 2),
        "workers": workers,
        "exit_code": done.returncode,
        "summary": lines[-1] if lines else "",
        "failed": [
            line.split(" ", 1)[1].split(" - ")[0]
            for line in lines
            if line.startswith(("FAILED ", "ERROR "))
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", metavar="NAME", help="run only NAME")
    parser.add_argument("--list", action="store_true", help="list the benchmark names")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(BENCHES))
        return 0
    unknown = sorted(set(args.only or ()) - set(BENCHES))
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; known: {list(BENCHES)}")
    for name, fn in BENCHES.items():
        if args.only is None or name in args.only:
            print(json.dumps({"bench": name, **fn()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
