"""Explorables: thin ipywidgets + plotly layers over the models.

:class:`Explorer` is the base every explorable is declared on (see ``explorer.py`` for how
to write one); :func:`explorable` registers a topic's factories and :func:`registered`
lists every built topic's, for the contract test and the benchmarks.
"""

from __future__ import annotations

from aws_compute_course.widgets.explorer import SCREEN_POINTS, Explorer, View
from aws_compute_course.widgets.registry import (
    Message,
    Registered,
    control_changes,
    explorable,
    recorded_comms,
    registered,
)

__all__ = [
    "SCREEN_POINTS",
    "Explorer",
    "Message",
    "Registered",
    "View",
    "control_changes",
    "explorable",
    "recorded_comms",
    "registered",
]
