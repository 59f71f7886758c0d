"""The rule evaluator: an illustrative ALB listener and a request you compose; the matching
rule highlighted, with why each earlier rule did not match."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics.load_balancers import rules as lr
from aws_compute_course.widgets import Explorer, View, explorable

MATCHED, MISSED, SKIPPED = "#2ca02c", "#d62728", "#cccccc"
USER_AGENTS = {"desktop": "Mozilla/5.0 (X11; Linux) Firefox", "mobile": "iPhone Mobile Safari"}


def rule_readout(ev: lr.Evaluation, rules: tuple[lr.Rule, ...]) -> str:
    """The outcome in words (HTML)."""
    which = (
        f"Rule <b>{ev.rule.priority} ({escape(ev.rule.label)})</b> matched"
        if ev.rule
        else "No rule matched: the <b>default action</b> runs"
    )
    misses = "; ".join(f"{r.priority}: {escape(why)}" for r, why in ev.misses)
    earlier = f" Earlier rules: {misses}." if misses else " It was the first rule evaluated."
    return (
        f"{which} → <b>{escape(ev.action.describe())}</b>.{earlier} "
        f"{ev.rules_evaluated} of {len(rules)} rules evaluated (rule evaluations are billed "
        "in LCUs beyond the free ones)."
    )


def rule_view(
    rules: tuple[lr.Rule, ...],
    default: lr.Action,
    host: str,
    path: str,
    method: str,
    user_agent: str,
    canary: bool,
    query: str,
    source_ip: str,
) -> View:
    """Bars of conditions met per rule, coloured matched / missed / not evaluated (pure)."""
    q = dict([query.split("=", 1)]) if "=" in query else {}
    headers = {"User-Agent": USER_AGENTS[user_agent]} | ({"X-Canary": "true"} if canary else {})
    request = lr.Request(host, path, method, headers, q, source_ip)
    ev = lr.evaluate(rules, request, default)
    met, colors = [], []
    for i, rule in enumerate(rules):
        met.append(100 * lr.conditions_met(rule, request) / len(rule.conditions))
        if ev.rule is rule:
            colors.append(MATCHED)
        else:
            colors.append(MISSED if i < ev.rules_evaluated else SKIPPED)
    met.append(100.0)
    colors.append(MATCHED if ev.rule is None else SKIPPED)
    return View(
        rule_readout(ev, rules),
        {"rules": {"x": np.array(met), "marker.color": colors}},
        result=ev,
    )


class RuleEvaluatorExplorer(Explorer):
    """Request controls; one bar per rule (priority order), the matching one green."""

    def __init__(self) -> None:
        self.rules, self.default = lr.illustrative_rules()
        self.rules = lr.check_rules(self.rules)
        controls = {
            "host": widgets.Dropdown(
                options=["www.example.com", "api.example.com", "shop.example.org"],
                description="Host",
            ),
            "path": widgets.Dropdown(
                options=["/", "/health", "/admin/users", "/img/logo.png", "/orders"],
                description="Path",
            ),
            "method": widgets.Dropdown(
                options=["GET", "POST", "HEAD", "DELETE"], description="Method"
            ),
            "user_agent": widgets.Dropdown(options=list(USER_AGENTS), description="Browser"),
            "canary": widgets.Checkbox(value=False, description="X-Canary: true", indent=False),
            "query": widgets.Dropdown(
                options=["(none)", "version=1", "version=2"], description="Query"
            ),
            "source_ip": widgets.Dropdown(
                options=["203.0.113.10", "198.51.100.7", "10.0.3.4"], description="Client IP"
            ),
        }
        super().__init__(
            controls,
            rows=[("host", "path", "method"), ("user_agent", "canary", "query", "source_ip")],
            note=(
                "<p>An <b>illustrative</b> HTTPS listener of a SaaS: rules in priority order, "
                "each bar the share of its conditions the request meets. Green: the rule that "
                "matched; red: evaluated and missed; grey: never evaluated.</p>"
            ),
        )

    def initial_figure(self) -> go.Figure:
        labels = [f"{r.priority} · {r.label}" for r in self.rules] + ["default"]
        return go.Figure(
            go.Bar(y=labels, orientation="h", uid="rules", hovertemplate="%{y}: %{x:.0f}%"),
            layout={
                "title": {"text": "Listener rules, evaluated top to bottom"},
                "xaxis": {"title": {"text": "conditions met (%)"}, "range": [0, 105]},
                "yaxis": {"title": {"text": "rule (priority · name)"}, "autorange": "reversed"},
                "height": 400,
                "margin": {"l": 200},
            },
        )

    def view(self, **values: object) -> View:
        return rule_view(self.rules, self.default, **values)  # type: ignore[arg-type]


@explorable("load_balancers")
def rule_evaluator_explorer() -> RuleEvaluatorExplorer:
    """The course's rule evaluator over the illustrative SaaS listener."""
    return RuleEvaluatorExplorer()
