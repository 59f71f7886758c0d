"""The architectures of the notes' comparison, as data: what fronts them, what computes,
and the model's assumptions about sizing and effort.

Every assumption here is the course's, not AWS's: AWS publishes no figure for how much work
an instance does or how much effort a pattern takes. The numbers are stated once, here, and
the notebook says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from aws_compute_course.topics import ecs_fargate

INSTANCE_TYPE = "m5.large"
"""The instance type of every EC2-based pattern (On-Demand price in the snapshot)."""
INSTANCE_VCPU = ecs_fargate.INSTANCE_SPECS[INSTANCE_TYPE][0]
TASK_CPU, TASK_MEMORY = 512, 1024
"""The container task of the ECS patterns: 0.5 vCPU, 1 GiB (a valid Fargate size)."""
TARGET_UTILISATION = 0.5
"""Target tracking at 50 % CPU (the Auto Scaling topic's default policy): the notes' 40-70 %
band is a heuristic, and 50 % sits in it."""
QUEUE_UTILISATION = 0.9
"""Queue workers run near full CPU: the queue, not idle headroom, absorbs bursts."""
MIN_SERVERS = 2
"""At least two instances or tasks, one per Availability Zone."""
PACKING = 0.8
"""ECS on EC2: the share of an instance's task slots kept filled (the ECS topic's default)."""
WORKER_BATCH = 10
"""API Gateway → SQS → workers: messages received and deleted in batches of ten."""
LAUNCH_MINUTES = {"ec2": 5, "task": 1}
"""Minutes from a scale-out decision to serving: an EC2 instance (boot and warm-up) and a
container task (image pull and start); illustrative."""


@dataclass(frozen=True)
class Architecture:
    """One pattern: ``front`` (what takes the request), ``compute`` (what runs it),
    ``effort`` (the model's operational effort, 1 = least, 5 = most), the notes' section,
    and one line each of what it is good and bad at."""

    id: str
    name: str
    front: str
    compute: str
    effort: int
    note: int
    good: str
    bad: str


ARCHITECTURES: tuple[Architecture, ...] = (
    Architecture(
        "ec2_eip",
        "EC2 + Elastic IP (standby)",
        "Elastic IP",
        "ec2_fixed",
        4,
        1,
        "simplest: one server, static IP; automatic recovery keeps the IP",
        "one instance's capacity, a standby you pay for, no scaling",
    ),
    Architecture(
        "dns_fleet",
        "EC2 fleet behind DNS",
        "Route 53",
        "ec2_peak",
        4,
        2,
        "no load balancer to pay for; multivalue answers spread clients",
        "clients cache answers for the TTL; sized for the peak; failover waits for the TTL",
    ),
    Architecture(
        "asg_alb",
        "ALB + EC2 Auto Scaling",
        "ALB",
        "ec2_asg",
        3,
        3,
        "cheap per request at high, steady volume; any runtime, any duration",
        "minutes to scale out; instances to patch; pay for headroom",
    ),
    Architecture(
        "asg_spot_alb",
        "ALB + EC2 Auto Scaling (mixed, Spot)",
        "ALB",
        "ec2_spot",
        3,
        3,
        "Spot for most instances: the cheapest servers",
        "interruptions (2-minute notice): the work must be stateless and retryable",
    ),
    Architecture(
        "ecs_ec2_alb",
        "ALB + ECS on EC2",
        "ALB",
        "ecs_ec2",
        4,
        4,
        "containers packed densely onto instances you choose",
        "a cluster and its instances to run; capacity providers to set up",
    ),
    Architecture(
        "fargate_alb",
        "ALB + ECS on Fargate",
        "ALB",
        "fargate",
        2,
        5,
        "no instances; per-task scaling in about a minute",
        "a premium per vCPU-hour over EC2; still sized for headroom",
    ),
    Architecture(
        "lambda_alb",
        "ALB + Lambda",
        "ALB",
        "lambda",
        1,
        6,
        "HTTPS front without API Gateway features; WAF; mix with containers by path",
        "1 MB bodies; no WebSockets; the ALB's hourly charge even when idle",
    ),
    Architecture(
        "lambda_rest",
        "API Gateway (REST) + Lambda",
        "API Gateway REST",
        "lambda",
        1,
        7,
        "pay per request; auth, usage plans, caching, X-Ray; scales to zero",
        "the dearest per request; 29-second integration timeout by default; cold starts",
    ),
    Architecture(
        "lambda_http",
        "API Gateway (HTTP API) + Lambda",
        "API Gateway HTTP",
        "lambda",
        1,
        7,
        "pay per request at under a third of REST's price; JWT auth",
        "fewer features than REST (no usage plans, caching, WAF); 30-second timeout",
    ),
    Architecture(
        "apigw_sqs",
        "API Gateway → SQS → Fargate workers",
        "API Gateway REST",
        "queue",
        2,
        8,
        "absorbs any spike; workers sized for the hour's average, not its peak",
        "asynchronous only: the caller gets an acknowledgement, not the result",
    ),
    Architecture(
        "apigw_fargate",
        "API Gateway (HTTP API) → VPC link → ALB → Fargate",
        "API Gateway HTTP + ALB",
        "fargate",
        3,
        9,
        "API features in front of private containers; no public load balancer",
        "two fronts to pay for and configure",
    ),
)
BY_ID = {a.id: a for a in ARCHITECTURES}
IDS = tuple(BY_ID)
LAMBDA_IDS = tuple(a.id for a in ARCHITECTURES if a.compute == "lambda")
