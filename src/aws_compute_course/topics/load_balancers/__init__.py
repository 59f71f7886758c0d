"""Load balancers (topic 06): CLB, ALB, NLB and GWLB as models you can query and run.

The models, importable without Jupyter: ``from aws_compute_course.topics import
load_balancers as lb`` gives the modules below, each pure and deterministic:

* ``lb.features``: the feature matrix and the chooser (which types meet requirements);
* ``lb.distribution``: clients over nodes, nodes over targets, cross-zone on or off;
* ``lb.rules``: ALB listener rules, which rule a request matches and why;
* ``lb.health``: health checks, draining, slow start and the ASG interplay;
* ``lb.cost``: ALB LCUs and NLB NLCUs, the billed dimension, the bill, reservations;
* ``lb.routing``: round robin vs least outstanding requests over uneven targets.

Explorables are in ``.explorables`` and the scenario questions in ``.questions``.
"""

from __future__ import annotations

from aws_compute_course.topics.load_balancers import (
    cost,
    distribution,
    features,
    health,
    routing,
    rules,
)

__all__ = ["cost", "distribution", "features", "health", "routing", "rules"]
