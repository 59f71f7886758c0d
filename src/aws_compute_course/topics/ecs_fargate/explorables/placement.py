"""The placement explorer: container instances as boxes filling with tasks."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from aws_compute_course.topics import ecs_fargate as ecs
from aws_compute_course.widgets import Explorer, View, explorable

AZ = "attribute:ecs.availability-zone"
CHAINS = {
    "spread(AZ) → binpack(memory)": (("spread", AZ), ("binpack", "memory")),
    "spread(AZ) → spread(instanceId)": (("spread", AZ), ("spread", "instanceId")),
    "binpack(memory)": (("binpack", "memory"),),
    "binpack(cpu)": (("binpack", "cpu"),),
    "spread(instanceId)": (("spread", "instanceId"),),
    "random": (("random", None),),
}
NETWORKS = {
    "bridge, dynamic host port": ("bridge", 80, None, False),
    "bridge, static host port 80": ("bridge", 80, 80, False),
    "host, port 80": ("host", 80, None, False),
    "awsvpc, no ENI trunking": ("awsvpc", 80, None, False),
    "awsvpc, ENI trunking": ("awsvpc", 80, None, True),
}
CONSTRAINTS = {
    "none": (),
    "distinctInstance": (("distinctInstance", None),),
    "memberOf AZ in (1a, 1b)": (("memberOf", f"{AZ} in (us-east-1a, us-east-1b)"),),
    "memberOf instance-type =~ r5.*": (("memberOf", "attribute:ecs.instance-type =~ r5.*"),),
}
SIZES = {
    "0.25 vCPU, 0.5 GiB": (256, 512),
    "0.5 vCPU, 1 GiB": (512, 1024),
    "0.25 vCPU, 2 GiB (memory-heavy)": (256, 2048),
    "1 vCPU, 1 GiB (CPU-heavy)": (1024, 1024),
}
LAYOUT = (
    ("m5.large", "us-east-1a"), ("m5.large", "us-east-1b"), ("c5.large", "us-east-1c"),
    ("c5.large", "us-east-1a"), ("r5.large", "us-east-1b"), ("r5.large", "us-east-1c"),
)  # fmt: skip
ENI_SLOTS = (2, 10)
"""Illustrative awsvpc task slots per instance without and with ENI trunking."""


def illustrative_cluster(trunking: bool = False) -> tuple[ecs.ContainerInstance, ...]:
    """Six illustrative container instances over three zones (registered resources from
    the instance sizes and the model's registered-memory share)."""
    out = []
    for k, (kind, az) in enumerate(LAYOUT, start=1):
        vcpu, gib = ecs.INSTANCE_SPECS[kind]
        memory = int(gib * 1024 * ecs.fargate.REGISTERED_MEMORY_SHARE)
        slots = ENI_SLOTS[trunking]
        out.append(ecs.ContainerInstance(f"i-{k}", kind, az, vcpu * 1024, memory, slots))
    return tuple(out)


CLUSTERS = (illustrative_cluster(False), illustrative_cluster(True))


def placement_readout(p: ecs.Placement) -> str:
    """What happened, in words."""
    used = p.instances_used
    head = (
        f"<b>{p.placed}</b> of {p.requested} tasks placed on {used} of "
        f"{len(p.instances)} instances · CPU reserved {p.utilisation('cpu'):.0%}, memory "
        f"{p.utilisation('memory'):.0%} · fragmentation {p.fragmentation:.0%} of the free "
        "memory is stranded on instances that cannot take another task"
    )
    if p.reason is None:
        return head
    return (
        f"{head}<br><b style='color:#c0392b'>{p.unplaced} not placed: {p.reason}</b> — "
        f"{ecs.reason_text(p.reason)}."
    )


def placement_view(tasks: int, chain: str, network: str, constraint: str, size: str) -> View:
    """The bars (CPU and memory % of each instance) and the readout for one state."""
    mode, port, host_port, trunking = NETWORKS[network]
    cpu, memory = SIZES[size]
    task = ecs.TaskDefinition(cpu, memory, mode, port, host_port)
    p = ecs.place_tasks(CLUSTERS[trunking], task, tasks, CHAINS[chain], CONSTRAINTS[constraint])
    cpu_pct = np.array([u / i.cpu * 100 for u, i in zip(p.cpu_used, p.instances, strict=True)])
    mem_pct = np.array(
        [u / i.memory * 100 for u, i in zip(p.memory_used, p.instances, strict=True)]
    )
    counts = p.tasks_per_instance
    labels = [f"{c} task{'s' if c != 1 else ''}" for c in counts]
    return View(
        placement_readout(p),
        {
            "cpu": {"y": cpu_pct},
            "memory": {"y": mem_pct},
            "tasks": {"y": np.maximum(cpu_pct, mem_pct), "text": labels},
        },
        result=p,
    )


class PlacementExplorer(Explorer):
    """Place N copies of a task on six illustrative instances; choose the strategy chain,
    the networking and a constraint."""

    def __init__(self, tasks: int = 12, note: str = "") -> None:
        self.names = [f"{i.id}<br>{i.instance_type}<br>{i.az[-2:]}" for i in CLUSTERS[0]]
        controls = {
            "tasks": widgets.IntSlider(tasks, min=0, max=60, description="Tasks"),
            "chain": widgets.Dropdown(options=list(CHAINS), description="Strategy"),
            "network": widgets.Dropdown(options=list(NETWORKS), description="Network"),
            "constraint": widgets.Dropdown(options=list(CONSTRAINTS), description="Constraint"),
            "size": widgets.Dropdown(options=list(SIZES), description="Task size"),
        }
        rows = [("tasks", "chain"), ("network", "constraint", "size")]
        super().__init__(controls, rows=rows, note=note)

    def initial_figure(self) -> go.Figure:
        x = self.names
        return go.Figure(
            [
                go.Bar(x=x, name="CPU reserved", uid="cpu", marker_color="#2e86c1"),
                go.Bar(x=x, name="memory reserved", uid="memory", marker_color="#e67e22"),
                go.Scatter(
                    x=x,
                    mode="text",
                    textposition="top center",
                    uid="tasks",
                    showlegend=False,
                    hoverinfo="skip",
                ),
            ],
            layout={
                "title": {"text": "Container instances filling with tasks (illustrative cluster)"},
                "barmode": "group",
                "yaxis": {"title": {"text": "% of registered resource"}, "range": [0, 112]},
                "xaxis": {"title": {"text": "container instance (type, AZ)"}},
                "height": 400,
                "autosize": True,  # the output area's width: no fixed width
                "legend": {"orientation": "h", "y": -0.3},
                "shapes": [
                    {
                        "type": "line",
                        "xref": "paper",
                        "x0": 0,
                        "x1": 1,
                        "y0": 100,
                        "y1": 100,
                        "line": {"dash": "dot", "color": "#555"},
                    },
                ],
            },
        )

    def view(self, tasks: int, chain: str, network: str, constraint: str, size: str) -> View:
        return placement_view(tasks, chain, network, constraint, size)


@explorable("ecs_fargate")
def placement_explorer(tasks: int = 12) -> PlacementExplorer:
    """The course's placement explorer."""
    return PlacementExplorer(
        tasks,
        note=(
            "<p>Six <b>illustrative</b> container instances (2 × m5.large, 2 × c5.large, "
            "2 × r5.large over three zones). Each registers its vCPUs and "
            f"{ecs.fargate.REGISTERED_MEMORY_SHARE:.0%} of its memory (a model assumption); "
            f"awsvpc allows {ENI_SLOTS[0]} tasks per instance without ENI trunking and "
            f"{ENI_SLOTS[1]} with it (illustrative: the real numbers depend on the type). "
            "Each bar is the share of an instance's CPU or memory the tasks reserve.</p>"
        ),
    )
