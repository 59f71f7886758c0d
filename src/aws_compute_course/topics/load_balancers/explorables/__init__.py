"""Load balancer explorables: the cross-zone explorer, the rule evaluator, the LCU cost
calculator and the health-check timeline.

Each is declared on :class:`aws_compute_course.widgets.Explorer`: its controls, its figure
and a pure view function (``cross_zone_view``, ``rule_view``, ``lcu_view``,
``health_view``; tested headless, every number from the topic's models). In the course
notebook::

    cross_zone_explorer()        # 2 and 8 targets in two AZs, NLB, cross-zone off
    rule_evaluator_explorer()    # an illustrative SaaS listener and a request you compose
    lcu_cost_explorer()          # traffic sliders, ALB LCUs vs NLB NLCUs
    health_timeline_explorer()   # a target fails at t = 0: when is it out, when back
"""

from __future__ import annotations

from aws_compute_course.topics.load_balancers.explorables.cross_zone import (
    CrossZoneExplorer,
    cross_zone_explorer,
    cross_zone_view,
)
from aws_compute_course.topics.load_balancers.explorables.health_timeline import (
    HealthTimelineExplorer,
    health_timeline_explorer,
    health_view,
)
from aws_compute_course.topics.load_balancers.explorables.lcu_cost import (
    LcuCostExplorer,
    lcu_cost_explorer,
    lcu_view,
)
from aws_compute_course.topics.load_balancers.explorables.rule_evaluator import (
    RuleEvaluatorExplorer,
    rule_evaluator_explorer,
    rule_view,
)

__all__ = [
    "CrossZoneExplorer",
    "HealthTimelineExplorer",
    "LcuCostExplorer",
    "RuleEvaluatorExplorer",
    "cross_zone_explorer",
    "cross_zone_view",
    "health_timeline_explorer",
    "health_view",
    "lcu_cost_explorer",
    "lcu_view",
    "rule_evaluator_explorer",
    "rule_view",
]
