"""Instance type names: type one, read it decoded."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from aws_compute_course.topics import ec2
from aws_compute_course.widgets import Explorer, View, explorable

EXAMPLES = (
    "m7gd.2xlarge",
    "c7gn.large",
    "r6idn.metal",
    "t3.micro",
    "trn1.32xlarge",
    "u7i-12tb.224xlarge",
    "mac2-m2pro.metal",
    "mac-m4.metal",
    "p6e-gb200.36xlarge",
    "hpc7g.16xlarge",
    "m5.huge",
)
"""Names the text box suggests (the last one is not a valid size)."""


def name_view(name: str) -> View:
    """The decoded name as an HTML table (the readout), or the parser's complaint.

    ``result`` is the model's :class:`..ec2.InstanceTypeName`, or None when it did not parse.
    """
    try:
        decoded = ec2.parse_instance_type(name)
    except ValueError as err:
        return View(f'<span style="color: #cf222e">{escape(str(err))}</span>')
    rows = [
        ("family", f"{decoded.family.upper()}: {decoded.category}, {decoded.purpose}"),
        (
            "generation",
            "none in the name" if decoded.generation is None else str(decoded.generation),
        ),
        ("processor", decoded.processor or "the family's default"),
        ("options", ", ".join(decoded.capabilities) or "none"),
        ("size", decoded.size),
    ]
    if decoded.memory_tib:
        rows.insert(2, ("memory", f"{decoded.memory_tib} TiB"))
    if decoded.apple_chip:
        rows.insert(2, ("chip", f"Apple {decoded.apple_chip.upper()}"))
    if decoded.accelerator:
        rows.insert(2, ("accelerator", decoded.accelerator.upper()))
    body = "".join(
        f"<tr><th style='text-align: left'>{k}</th><td>{escape(v)}</td></tr>" for k, v in rows
    )
    note = "" if decoded.in_2021_notes else "<p><i>A family the 2021 notes do not list.</i></p>"
    return View(f"<table>{body}</table>{note}", result=decoded)


class NameExplainer(Explorer):
    """A text box for an instance type name (with examples to pick) and its decoding."""

    def __init__(self, name: str = "m7gd.2xlarge") -> None:
        box = widgets.Combobox(
            value=name,
            options=EXAMPLES,
            ensure_option=False,
            description="Type",
            continuous_update=True,
        )
        super().__init__({"name": box})

    def view(self, name: str) -> View:
        return name_view(name)


@explorable("ec2")
def name_explainer(name: str = "m7gd.2xlarge") -> NameExplainer:
    """The course's instance type name explainer."""
    return NameExplainer(name)
