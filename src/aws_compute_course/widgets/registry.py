"""The registry of explorables, and what the contract test and the benchmarks drive them with.

A topic registers each explorable's factory where it is defined::

    @explorable("spot")
    def fleet_explorer(target_capacity: int = 40) -> FleetExplorer: ...

:func:`registered` imports every topic's ``explorables`` module (the topic registry says
where they are) and lists them all. :func:`control_changes` makes the changes a learner could
make, from the controls themselves; :func:`recorded_comms` counts what each sends.
"""

from __future__ import annotations

import contextlib
import importlib
import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import comm
import ipywidgets as widgets
from comm.base_comm import BaseComm

from aws_compute_course import topics
from aws_compute_course.widgets.explorer import Explorer

F = TypeVar("F", bound=Callable[..., Explorer])


@dataclass(frozen=True)
class Registered:
    """One explorable: its topic, its factory's name, and the factory with its arguments."""

    topic: str
    """The topic id (``lambda``, not the package name ``lambda_``)."""
    name: str
    factory: Callable[..., Explorer]
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    """Arguments for :meth:`make` (none: the course's defaults)."""

    @property
    def id(self) -> str:
        return f"{self.topic}.{self.name}"

    def make(self) -> Explorer:
        return self.factory(**self.kwargs)


_REGISTRY: dict[str, Registered] = {}


def explorable(topic_id: str, **kwargs: Any) -> Callable[[F], F]:
    """Register the decorated factory as an explorable of ``topic_id`` (called with
    ``kwargs`` by the tests and benchmarks)."""
    topic = topics.topic(topic_id).id  # ValueError naming the known ids

    def register(factory: F) -> F:
        entry = Registered(topic, factory.__name__, factory, dict(kwargs))
        _REGISTRY[entry.id] = entry
        return factory

    return register


def registered() -> tuple[Registered, ...]:
    """Every topic's explorables, in course order (each topic's in definition order).

    A topic's explorables are imported once its package has them: a topic being built is
    held to the contract (and benchmarked) before its status says built.
    """
    order = [t.id for t in topics.all_topics()]
    for t in topics.all_topics():
        if any((t.folder / name).exists() for name in ("explorables", "explorables.py")):
            importlib.import_module(f"{t.module}.explorables")
    return tuple(sorted(_REGISTRY.values(), key=lambda e: order.index(e.topic)))


# --- driving an explorable ------------------------------------------------------------------


def _choices(control: widgets.ValueWidget) -> list[Any]:
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def _new_value(name: str, control: widgets.ValueWidget, rng: random.Random) -> Any:
    """A value for ``control`` other than its current one, within what it offers."""
    current = control.value
    if isinstance(current, bool):
        return not current
    if hasattr(control, "options"):
        others = [v for v in _choices(control) if v != current]
        return rng.choice(others) if others else current
    if isinstance(control, widgets.FloatLogSlider):
        steps = round((control.max - control.min) / control.step)
        return control.base ** (control.min + rng.randint(0, steps) * control.step)
    if hasattr(control, "max") and hasattr(control, "step"):
        steps = round((control.max - control.min) / control.step)
        for _ in range(10):
            value = control.min + rng.randint(0, steps) * control.step
            value = value if isinstance(current, int) else round(value, 10)
            if value != current:
                break
        return value
    raise TypeError(
        f"control {name!r} ({type(control).__name__}) offers no values to try: "
        "use a slider, a checkbox or a control with options (a Combobox for free text)"
    )


def control_changes(explorer: Explorer, n: int = 20, seed: int = 0) -> Iterator[tuple[str, Any]]:
    """``n`` changes a learner could make: (control name, new value), one control at a time.

    Generated from the controls as they are when each change is asked for (so a slider whose
    max follows another gets a value in its current range; disabled controls are skipped),
    the enabled controls in turn: sliders within their range on their step, controls with
    options over the options, checkboxes toggled; a control left with one value is skipped.
    """
    rng = random.Random(seed)
    names = list(explorer.controls)
    for i in range(n):
        turn = names[i % len(names) :] + names[: i % len(names)]
        for name in turn:
            control = explorer.controls[name]
            if not getattr(control, "disabled", False):
                value = _new_value(name, control, rng)
                if value != control.value:  # a slider whose range is one value: the next
                    yield name, value
                    break
        else:
            raise ValueError(f"no control of {type(explorer).__name__} can change")


@dataclass(frozen=True)
class Message:
    """One message a widget sent to the front end."""

    comm_id: str
    data: dict
    nbytes: int
    """Its size as a kernel sends it: packed JSON plus binary buffers."""


class _RecordingComm(BaseComm):
    """A comm that packs each message as a kernel's session does, records it, drops it."""

    log: list[Message] | None = None
    """Where messages go while :func:`recorded_comms` runs; dropped outside it."""

    def publish_msg(
        self,
        msg_type: str,
        data: dict | None = None,
        metadata: dict | None = None,
        buffers: list | None = None,
        **keys: object,
    ) -> None:
        if _RecordingComm.log is None:
            return
        from jupyter_client.session import json_packer

        size = len(json_packer(data)) + sum(memoryview(b).nbytes for b in buffers or ())
        _RecordingComm.log.append(Message(self.comm_id, data or {}, size))


@contextlib.contextmanager
def recorded_comms() -> Iterator[list[Message]]:
    """Widgets created inside send into a list of :class:`Message` (outside a kernel too)."""
    saved, saved_log, log = comm.create_comm, _RecordingComm.log, []
    comm.create_comm, _RecordingComm.log = _RecordingComm, log
    try:
        yield log
    finally:
        comm.create_comm, _RecordingComm.log = saved, saved_log
