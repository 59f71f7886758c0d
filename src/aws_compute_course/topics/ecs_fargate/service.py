"""An ECS service's behaviour: service auto scaling, rolling deployments, the deployment
circuit breaker, and which IAM role does what.

Service auto scaling (Application Auto Scaling) uses the same target tracking policy as EC2
Auto Scaling, so :func:`scale_service` reuses the Auto Scaling topic's policy and simulator
(:class:`aws_compute_course.topics.auto_scaling.TargetTracking`,
:func:`~aws_compute_course.topics.auto_scaling.simulate`): the service's tasks play the
group's instances. Its alarm timings are that topic's model assumptions. For
``ALBRequestCountPerTarget`` the target (requests per task per second) is turned into the
share of a task's capacity it stands for.

The model's own choices: the circuit breaker's threshold rounds 0.5 × desired up (AWS gives
the factor and the bounds, not the rounding); :func:`rolling_steps` replaces tasks in the
largest batches the two percentages allow and counts a new task healthy as soon as it runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from aws_compute_course import facts
from aws_compute_course.topics import auto_scaling
from aws_compute_course.validate import choice, integer, number

METRICS = facts.items("ecs_fargate.service_scaling_metrics")
MIN_HEALTHY_DEFAULT = facts.integer("ecs_fargate.minimum_healthy_percent_default")
MAX_PERCENT_DEFAULT = facts.integer("ecs_fargate.maximum_percent_default")
BREAKER_MIN = facts.integer("ecs_fargate.circuit_breaker_threshold_min")
BREAKER_MAX = facts.integer("ecs_fargate.circuit_breaker_threshold_max")
BREAKER_FACTOR = facts.number("ecs_fargate.circuit_breaker_factor_percent") / 100
MAX_TASKS = 1000
MAX_PERCENT_LIMIT = 1000
"""Model bound for maximumPercent (AWS states no upper bound in what the course quotes)."""


def scale_service(
    demand: object,
    *,
    metric: str = "ECSServiceAverageCPUUtilization",
    target: float = 60.0,
    requests_per_task: float = 50.0,
    min_tasks: int = 2,
    max_tasks: int = 50,
    start_minutes: int = 1,
    task_hourly: float = 0.0247,
) -> auto_scaling.Run:
    """Tasks over time for ``demand`` (requests per second, one value a minute) under a
    target tracking policy on ``metric``: CPU % for the CPU metric, requests per task per
    second for ``ALBRequestCountPerTarget``. Memory is modelled like CPU (load-driven)."""
    choice("metric", metric, METRICS)
    number("requests_per_task", requests_per_task, 0.001, 1e6)
    if metric == "ALBRequestCountPerTarget":
        number("target", target, 0.001, requests_per_task)
        percent = 100 * target / requests_per_task
    else:
        percent = number("target", target, 1.0, 100.0)
    integer("max_tasks", max_tasks, 1, MAX_TASKS)
    integer("min_tasks", min_tasks, 0, max_tasks)
    group = auto_scaling.Group(
        min_size=min_tasks,
        max_size=max_tasks,
        desired=max(min_tasks, 1) if max_tasks else 0,
        capacity_per_instance=requests_per_task,
        launch_minutes=integer("start_minutes", start_minutes, 1, 120),
        warmup_minutes=0,
        hourly_price=number("task_hourly", task_hourly, 0.0, 100.0),
        policy=auto_scaling.TargetTracking(target=max(percent, 1.0)),
    )
    return auto_scaling.simulate(demand, group)


def circuit_breaker_threshold(desired: int) -> int:
    """Failed task launches after which the circuit breaker fails a rolling deployment."""
    integer("desired", desired, 0, 100_000)
    return min(BREAKER_MAX, max(BREAKER_MIN, math.ceil(BREAKER_FACTOR * desired)))


@dataclass(frozen=True)
class DeploymentOutcome:
    """How a rolling deployment with the circuit breaker ends."""

    state: str
    """COMPLETED, FAILED (breaker on, no rollback), ROLLED_BACK, or RETRYING (no breaker)."""
    threshold: int
    failures_seen: int


def deployment_outcome(
    desired: int, failing_launches: int, *, breaker: bool = True, rollback: bool = True
) -> DeploymentOutcome:
    """The end of a rolling deployment whose first ``failing_launches`` task launches fail
    (a task that never gets healthy) and whose later launches succeed."""
    threshold = circuit_breaker_threshold(desired)
    integer("failing_launches", failing_launches, 0)
    if failing_launches < threshold or not failing_launches:
        return DeploymentOutcome("COMPLETED", threshold, failing_launches)
    if not breaker:
        return DeploymentOutcome("RETRYING", threshold, failing_launches)
    return DeploymentOutcome("ROLLED_BACK" if rollback else "FAILED", threshold, threshold)


def rolling_steps(
    desired: int,
    min_healthy_percent: int = MIN_HEALTHY_DEFAULT,
    maximum_percent: int = MAX_PERCENT_DEFAULT,
) -> list[tuple[int, int]]:
    """(old tasks, new tasks) running after each step of a rolling update, start to end."""
    integer("desired", desired, 1, MAX_TASKS)
    integer("min_healthy_percent", min_healthy_percent, 0, 100)
    integer("maximum_percent", maximum_percent, 100, MAX_PERCENT_LIMIT)
    floor = math.ceil(desired * min_healthy_percent / 100)
    ceiling = math.floor(desired * maximum_percent / 100)
    if ceiling <= floor:
        raise ValueError(
            f"maximum_percent {maximum_percent} and min_healthy_percent {min_healthy_percent} "
            f"leave no room to replace a task of {desired} (ceiling {ceiling} <= floor {floor})"
        )
    old, new, steps = desired, 0, [(desired, 0)]
    while old:
        stop = max(0, old + new - floor) if old + new >= ceiling else 0
        stop = min(stop, old)
        old -= stop
        start = min(ceiling - old - new, desired - new)
        new += start
        if not start and not stop:
            stop = min(old, max(1, old + new - floor))
            old -= stop
        steps.append((old, new))
    return steps


ACTIONS = {
    "pull a private ECR image": "task execution role",
    "send logs with the awslogs driver": "task execution role",
    "inject a Secrets Manager secret as an environment variable": "task execution role",
    "application code reads an S3 bucket": "task role",
    "application code writes to a DynamoDB table": "task role",
    "register an EC2 instance with the cluster": "container instance role",
}
"""What a task needs permission for -> the role that must grant it (Fargate)."""


def role_for(action: str, launch_type: str = "FARGATE") -> str:
    """The IAM role that grants ``action`` (one of :data:`ACTIONS`) on ``launch_type``.

    On EC2 the agent falls back to the container instance role for image pulls and logs
    when the task definition names no execution role (secrets still need one)."""
    choice("action", action, ACTIONS)
    choice("launch_type", launch_type, ("FARGATE", "EC2"))
    role = ACTIONS[action]
    if launch_type == "FARGATE" and role == "container instance role":
        raise ValueError("action: Fargate has no container instances to register")
    if launch_type == "EC2" and action in list(ACTIONS)[:2]:
        return "task execution role (or the container instance role when none is set)"
    return role
