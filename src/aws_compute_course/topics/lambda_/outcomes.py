"""What a replay reports: where each event ended up (:data:`OUTCOMES`) and the
:class:`Replay` record, plus the log every invocation model writes while it replays."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from aws_compute_course.validate import choice

Source = Literal["sync", "async", "sqs", "sqs_fifo", "stream"]
SOURCES: tuple[Source, ...] = ("sync", "async", "sqs", "sqs_fifo", "stream")
OUTCOMES = (
    "processed",
    "error_to_caller",
    "on_failure_destination",
    "dlq",
    "dropped",
    "blocked",
)
"""Where an event ends up:

* ``processed``: the function succeeded with it;
* ``error_to_caller``: a synchronous caller got the error (after its own retries);
* ``on_failure_destination``: an asynchronous or stream on-failure destination got it;
* ``dlq``: a dead-letter queue got it (the function's for async, the queue's for SQS);
* ``dropped``: discarded with nowhere to go (or, for SQS without a DLQ, left cycling
  until the queue's retention period deletes it);
* ``blocked``: stuck behind (or as) a record that keeps failing in an ordered shard or
  message group, never processed while the model runs.
"""


@dataclass(frozen=True)
class Replay:
    """What happened to each event of a replay, and each invocation that carried it."""

    source: Source
    options: dict[str, object]
    events: pd.DataFrame
    """One row per event (index ``event``): ``key`` (shard or message group),
    ``outcome`` (one of :data:`OUTCOMES`), ``deliveries`` (times the function got it),
    ``position`` (order in which it was processed; <NA> if never) and ``note``."""
    invocations: pd.DataFrame
    """One row per invocation: ``step``, ``key``, ``events`` (tuple of ids), ``ok`` and
    ``action`` (what Lambda did next)."""

    def where(self, outcome: str) -> list[int]:
        """The ids of the events with ``outcome``, in id order."""
        choice("outcome", outcome, OUTCOMES)
        return [int(e) for e in self.events.index[self.events["outcome"] == outcome]]

    @property
    def counts(self) -> dict[str, int]:
        """How many events ended in each outcome (every outcome listed, zeros included)."""
        found = self.events["outcome"].value_counts()
        return {o: int(found.get(o, 0)) for o in OUTCOMES}

    @property
    def retried(self) -> list[int]:
        """Events the function received more than once: the reason handlers must be idempotent."""
        return [int(e) for e in self.events.index[self.events["deliveries"] > 1]]

    @property
    def reordered(self) -> list[int]:
        """Processed events that were overtaken: processed after a later event of the same
        ordering scope (its shard or message group for ordered sources, else the whole
        sequence)."""
        done = self.events.dropna(subset=["position"])
        ordered = self.source in ("stream", "sqs_fifo")
        scope = done["key"] if ordered else pd.Series("", index=done.index)
        out = []
        for _, group in done.groupby(scope, sort=False):
            positions = group["position"].to_numpy(dtype=np.int64)
            later_min = np.minimum.accumulate(positions[::-1])[::-1]  # min over i..end
            overtaken = np.r_[later_min[1:], np.iinfo(np.int64).max] < positions
            out += [int(e) for e in group.index[overtaken]]
        return sorted(out)


@dataclass
class _Log:
    """Mutable state while replaying, private to this package: the model of each source
    writes to it, and :func:`replay` turns it into a :class:`Replay`."""

    n: int
    keys: list[str]
    remaining: list[float]
    outcome: list[str] = field(default_factory=list)
    deliveries: list[int] = field(default_factory=list)
    position: list[int | None] = field(default_factory=list)
    note: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    done: int = 0

    def __post_init__(self) -> None:
        self.outcome = ["pending"] * self.n
        self.deliveries = [0] * self.n
        self.position = [None] * self.n
        self.note = [""] * self.n

    def fails(self, e: int) -> bool:
        """Does this delivery of ``e`` fail? (Consumes one of its failures.)"""
        if self.remaining[e] > 0:
            self.remaining[e] -= 1
            return True
        return False

    def first_failure(self, batch: Sequence[int]) -> int | None:
        """Index of the first record of ``batch`` whose delivery fails, None if none does.

        The handler stops there, so the records after it consume none of their failures.
        """
        return next((i for i, e in enumerate(batch) if self.fails(e)), None)

    def finish(self, e: int, outcome: str, note: str = "") -> None:
        self.outcome[e] = outcome
        self.note[e] = note
        if outcome == "processed":
            self.position[e] = self.done
            self.done += 1

    def invoke(self, key: str, events: Sequence[int], ok: bool, action: str) -> None:
        for e in events:
            self.deliveries[e] += 1
        self.rows.append((len(self.rows), key, tuple(events), ok, action))

    def succeed(self, key: str, events: Sequence[int], action: str) -> None:
        """An invocation that processed all of ``events``."""
        self.invoke(key, events, True, action)
        for e in events:
            self.finish(e, "processed")

    def deliveries_add(self, events: Sequence[int], extra: int) -> None:
        """Count ``extra`` more deliveries of ``events`` (attempts skipped over in bulk)."""
        for e in events:
            self.deliveries[e] += extra

    def to_replay(self, source: Source, options: dict[str, object]) -> Replay:
        events = pd.DataFrame(
            {
                "key": self.keys,
                "outcome": self.outcome,
                "deliveries": self.deliveries,
                "position": pd.array(self.position, dtype="Int64"),
                "note": self.note,
            },
            index=pd.RangeIndex(self.n, name="event"),
        )
        invocations = pd.DataFrame(self.rows, columns=["step", "key", "events", "ok", "action"])
        return Replay(source=source, options=options, events=events, invocations=invocations)
