"""EC2 metrics and recovery: what CloudWatch reports without an agent, and what happens
when a status check fails."""

from __future__ import annotations

from dataclasses import dataclass

from aws_compute_course.facts import fact
from aws_compute_course.validate import choice, flag

# --- metrics and recovery ----------------------------------------------------------------


@dataclass(frozen=True)
class MetricInfo:
    """Where a metric comes from and whether EC2 reports it without an agent."""

    name: str
    namespace: str
    default: bool
    note: str


_DISK = fact("ec2.disk_metrics_scope").summary
_METRICS: dict[str, tuple[str, bool, str]] = {
    "CPUUtilization": ("AWS/EC2", True, "share of the allocated compute in use"),
    "NetworkIn": ("AWS/EC2", True, "bytes received on all network interfaces"),
    "NetworkOut": ("AWS/EC2", True, "bytes sent on all network interfaces"),
    "NetworkPacketsIn": ("AWS/EC2", True, "packets received"),
    "NetworkPacketsOut": ("AWS/EC2", True, "packets sent"),
    "DiskReadOps": ("AWS/EC2", True, _DISK),
    "DiskWriteOps": ("AWS/EC2", True, _DISK),
    "DiskReadBytes": ("AWS/EC2", True, _DISK),
    "DiskWriteBytes": ("AWS/EC2", True, _DISK),
    "StatusCheckFailed": ("AWS/EC2", True, "1 when either status check failed"),
    "StatusCheckFailed_System": (
        "AWS/EC2",
        True,
        "the AWS side: hardware, power, network of the host",
    ),
    "StatusCheckFailed_Instance": ("AWS/EC2", True, "your side: the OS and its configuration"),
    "CPUCreditBalance": ("AWS/EC2", True, "burstable (T) instances only"),
    "VolumeReadOps": ("AWS/EBS", True, "EBS volumes report in their own namespace"),
    "VolumeWriteOps": ("AWS/EBS", True, "EBS volumes report in their own namespace"),
    "mem_used_percent": ("CWAgent", False, fact("ec2.memory_metric").summary),
    "disk_used_percent": ("CWAgent", False, "file-system usage needs the CloudWatch agent"),
}


def metric_info(name: str) -> MetricInfo:
    """What CloudWatch offers under ``name`` (case-sensitive, as CloudWatch spells it)."""
    if name not in _METRICS:
        raise ValueError(f"name must be one of {sorted(_METRICS)}, got {name!r}")
    namespace, default, note = _METRICS[name]
    return MetricInfo(name, namespace, default, note)


def default_metrics() -> tuple[str, ...]:
    """The metrics EC2 instances report with no agent (AWS/EC2 and AWS/EBS)."""
    return tuple(n for n, (_, default, _) in _METRICS.items() if default)


CHECKS: tuple[str, ...] = ("system", "instance")


def recovery_action(
    failed_check: str, auto_recovery: str = "default", instance_store: bool = False
) -> str:
    """What happens, or what to do, when a status check fails.

    ``failed_check`` is 'system' (AWS hardware, power or network) or 'instance' (the OS and
    its configuration); ``auto_recovery`` is the instance's setting ('default' or
    'disabled'); instances with instance store volumes are not recovered automatically.
    """
    choice("failed_check", failed_check, CHECKS)
    choice("auto_recovery", auto_recovery, ("default", "disabled"))
    flag("instance_store", instance_store)
    if failed_check == "instance":
        return (
            "Fix it yourself: the instance status check covers the OS and its configuration "
            "(e.g. exhausted memory, a corrupt file system, bad network settings). Reboot or "
            "repair it; recovery does not act on this check."
        )
    if auto_recovery == "default" and not instance_store:
        return (
            "EC2 recovers the instance automatically onto healthy hardware (simplified "
            "automatic recovery, on by default). It keeps its instance ID, private IPs, Elastic "
            "IPs, public IPv4 address, metadata and placement group; in-memory data is lost."
        )
    why = "has instance store volumes" if instance_store else "has automatic recovery disabled"
    return (
        f"No automatic recovery: the instance {why}. Create a CloudWatch alarm on "
        "StatusCheckFailed_System with the recover action (EBS-only instances), or stop and "
        "start the instance to move it to healthy hardware."
    )
