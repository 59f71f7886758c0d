"""Load balancer model benchmark: ALB rule evaluation alone, 100,000 requests against a
listener of 100 rules (host and path conditions with wildcards, the quota's default maximum);
baseline: the same requests looked up in a dict by host (the floor for any routing)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from aws_compute_course.topics.load_balancers import rules as lr

N_RULES = 100
N_REQUESTS = 100_000


def _listener() -> tuple[list[lr.Rule], lr.Action]:
    rules = []
    for i in range(N_RULES):
        host = lr.Condition(
            "host-header", [f"tenant{i:02d}.example.com", f"t{i:02d}.*.example.com"]
        )
        path = lr.Condition("path-pattern", [f"/api/v{i % 3 + 1}/*"])
        rules.append(lr.Rule(i + 1, [host, path], lr.Action("forward", [(f"tg{i}", 1)])))
    return rules, lr.Action("fixed-response", status_code=404)


def _requests(seed: int = 0) -> list[lr.Request]:
    rng = random.Random(seed)
    out = []
    for _ in range(N_REQUESTS):
        i = rng.randrange(N_RULES + 10)  # beyond 100: no rule matches, all are evaluated
        host = f"tenant{i:02d}.example.com" if rng.random() < 0.5 else f"t{i:02d}.eu.example.com"
        version = i % 3 + 1 if rng.random() < 0.9 else (i + 1) % 3 + 1  # 10 %: no match
        out.append(lr.Request(host, f"/api/v{version}/orders"))
    return out


def rule_evaluation() -> dict:
    """Seconds to evaluate 100,000 requests against 100 rules, and the dict-lookup floor."""
    rules, default = _listener()
    requests = _requests()
    start = time.perf_counter()
    matched = lr.evaluate_many(rules, requests, default)
    seconds = time.perf_counter() - start
    table = {f"tenant{i:02d}.example.com": i + 1 for i in range(N_RULES)}
    start = time.perf_counter()
    for r in requests:
        table.get(r.host)
    floor = time.perf_counter() - start
    return {
        "requests": N_REQUESTS,
        "rules": N_RULES,
        "seconds": round(seconds, 3),
        "requests_per_s": round(N_REQUESTS / seconds),
        "default_share": round(matched.count(None) / N_REQUESTS, 3),
        "dict_lookup_s": round(floor, 4),
    }


def benchmarks() -> dict[str, Callable[[], dict]]:
    return {"load_balancers.rule_evaluation": rule_evaluation}
