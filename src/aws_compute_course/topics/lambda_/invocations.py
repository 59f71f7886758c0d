"""Lambda invocation semantics: :func:`replay` plays events and failures through a
synchronous, asynchronous, SQS, SQS FIFO or stream (Kinesis / DynamoDB) invocation and
reports what was processed, retried, reordered, blocked, dropped or sent to a DLQ or a
destination."""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from aws_compute_course.facts import value
from aws_compute_course.validate import choice, flag, integer, number

ASYNC_RETRIES_MAX = int(value("lambda.async_retries_default"))
"""Asynchronous retries: 2 by default, configurable from 0 to 2."""
ASYNC_MAX_EVENT_AGE_S = int(value("lambda.async_max_event_age_hours")) * 3600
ASYNC_RETRY_WAITS_S = (
    int(value("lambda.async_retry_first_wait_minutes")) * 60,
    int(value("lambda.async_retry_second_wait_minutes")) * 60,
)
STREAM_RETRIES_MAX = int(value("lambda.stream_retry_attempts_max"))
STREAM_RECORD_AGE_MAX_S = int(value("lambda.stream_record_age_max_seconds"))
ASYNC_DESTINATIONS = tuple(
    d.strip().lower() for d in str(value("lambda.async_failure_destinations")).split(",")
)
STREAM_DESTINATIONS = tuple(
    d.strip().lower() for d in str(value("lambda.esm_failure_destinations")).split(",")
)
DLQ_TARGETS = ("sqs", "sns")


# --- invocation semantics -----------------------------------------------------------------

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
SQS_RECEIVE_HORIZON = 25
"""SQS without a dead-letter queue: a message still failing after this many receives is
reported ``dropped`` (in AWS it keeps returning until the queue's retention period ends)."""
_OPTIONS: dict[str, dict[str, object]] = {
    "sync": {"client_retries": 0},
    "async": {"retries": ASYNC_RETRIES_MAX, "max_event_age_s": ASYNC_MAX_EVENT_AGE_S,
              "on_failure": None, "dlq": None},
    "sqs": {"batch_size": 10, "partial_batch": False, "max_receive_count": None},
    "sqs_fifo": {"batch_size": 10, "partial_batch": False, "max_receive_count": None},
    "stream": {"batch_size": 100, "bisect": False, "max_retries": None,
               "max_record_age_s": None, "on_failure": None, "partial_batch": False},
}  # fmt: skip


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
    """Mutable state while replaying (private)."""

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

    def deliveries_add(self, events: Sequence[int], extra: int) -> None:
        """Count ``extra`` more deliveries of ``events`` (attempts skipped over in bulk)."""
        for e in events:
            self.deliveries[e] += extra


def _check_failures(n: int, failures: Mapping[int, int | None] | None) -> list[float]:
    remaining = [0.0] * n
    if failures is None:
        return remaining
    if not isinstance(failures, Mapping):
        raise ValueError(
            "failures must be a mapping from event id to the number of failing deliveries "
            f"(None: every delivery fails), got {type(failures).__name__}"
        )
    for e, k in failures.items():
        integer("failures key (an event id)", e, 0, n - 1)
        if k is None:
            remaining[int(e)] = math.inf
        else:
            remaining[int(e)] = integer(f"failures[{e}]", k, 0)
    return remaining


def replay(
    source: Source,
    n_events: int,
    failures: Mapping[int, int | None] | None = None,
    *,
    keys: Sequence[str] | None = None,
    **options: object,
) -> Replay:
    """Play ``n_events`` events (ids 0, 1, ...) through one invocation model.

    ``failures[e] = k`` makes the first ``k`` deliveries of event ``e`` fail (transient);
    ``None`` makes every delivery fail (a poison event). ``keys`` gives each event its shard
    (``stream``) or message group (``sqs_fifo``); by default all share one.

    Options (defaults in brackets) and the model of each source:

    * ``sync`` [client_retries=0]: Lambda never retries; the caller gets the error and may
      retry (with backoff) up to ``client_retries`` times.
    * ``async`` [retries=2, max_event_age_s=21600, on_failure=None, dlq=None]: events arrive
      1 s apart; after an error Lambda waits 1 minute, then 2, between attempts; an event
      older than ``max_event_age_s`` at its next attempt is discarded. Discarded events go
      to ``on_failure`` (sqs, sns, lambda, eventbridge, s3) or to ``dlq`` (sqs, sns), else
      they are dropped.
    * ``sqs`` [batch_size=10, partial_batch=False, max_receive_count=None]: batches in queue
      order; a failed message returns to the back of the queue (reordering it). Without
      ``partial_batch`` (ReportBatchItemFailures) one failure returns the whole batch; with
      it only the failed messages. A message received ``max_receive_count`` times without
      being deleted moves to the queue's DLQ.
    * ``sqs_fifo`` [same options]: each message group in order, one batch at a time; the
      handler stops at the first failure, and that message and those after it return to
      the head of the group (with ``partial_batch`` the ones before it are deleted). A
      failing message blocks its group until it succeeds or moves to the DLQ.
    * ``stream`` [batch_size=100, bisect=False, max_retries=None, max_record_age_s=None,
      on_failure=None, partial_batch=False]: each shard in order; records arrive 1 s apart
      and each invocation takes 1 s. A failing batch is retried (from the failed record with
      ``partial_batch``), split in two first with ``bisect``; after ``max_retries`` retries,
      or once a record is older than ``max_record_age_s``, the batch is discarded to
      ``on_failure`` (sqs, sns, s3) or dropped. With neither limit a poison record blocks
      its shard.

    Retries are per batch; halves of a bisected batch inherit its retry count (the course's
    model). Unknown options raise ValueError.
    """
    choice("source", source, SOURCES)
    n = integer("n_events", n_events, 1, 10_000)
    remaining = _check_failures(n, failures)
    if keys is None:
        key_list = ["0"] * n
    else:
        key_list = [str(k) for k in keys]
        if len(key_list) != n:
            raise ValueError(f"keys must give one key per event ({n}), got {len(key_list)}")
    unknown = sorted(set(options) - set(_OPTIONS[source]))
    if unknown:
        raise ValueError(
            f"unknown option(s) {unknown} for source {source!r}; "
            f"its options are {sorted(_OPTIONS[source])}"
        )
    opts = _OPTIONS[source] | options
    log = _Log(n, key_list, remaining)
    {
        "sync": _replay_sync,
        "async": _replay_async,
        "sqs": _replay_sqs,
        "sqs_fifo": _replay_fifo,
        "stream": _replay_stream,
    }[source](log, opts)
    events = pd.DataFrame(
        {
            "key": log.keys,
            "outcome": log.outcome,
            "deliveries": log.deliveries,
            "position": pd.array(log.position, dtype="Int64"),
            "note": log.note,
        },
        index=pd.RangeIndex(n, name="event"),
    )
    invocations = pd.DataFrame(log.rows, columns=["step", "key", "events", "ok", "action"])
    return Replay(source=source, options=opts, events=events, invocations=invocations)


def _replay_sync(log: _Log, opts: dict) -> None:
    retries = integer("client_retries", opts["client_retries"], 0, 100)
    for e in range(log.n):
        for attempt in range(retries + 1):
            failed = log.fails(e)
            if not failed:
                log.invoke(log.keys[e], [e], True, "response returned to the caller")
                log.finish(e, "processed")
                break
            last = attempt == retries
            action = "error returned to the caller" + ("" if last else "; the caller retries")
            log.invoke(log.keys[e], [e], False, action)
            if last:
                log.finish(e, "error_to_caller", f"failed {retries + 1} time(s)")


def _replay_async(log: _Log, opts: dict) -> None:
    retries = integer("retries", opts["retries"], 0, ASYNC_RETRIES_MAX)
    max_age = number(
        "max_event_age_s", opts["max_event_age_s"], 0, ASYNC_MAX_EVENT_AGE_S, low_open=True
    )
    on_failure, dlq = opts["on_failure"], opts["dlq"]
    if on_failure is not None:
        choice("on_failure", on_failure, ASYNC_DESTINATIONS)
    if dlq is not None:
        choice("dlq", dlq, DLQ_TARGETS)
    if on_failure is not None and dlq is not None:
        raise ValueError("configure on_failure or dlq, not both (the model does not combine them)")
    # Attempt times: arrival (event id seconds), then the documented waits between attempts.
    waits = [0, *ASYNC_RETRY_WAITS_S[:retries]]
    attempts = [(float(e), e, 0) for e in range(log.n)]  # (time, event, attempt), a heap
    heapq.heapify(attempts)
    while attempts:
        t, e, attempt = heapq.heappop(attempts)
        age = t - e
        if age > max_age:
            _async_discard(log, e, on_failure, dlq, f"expired: {age:.0f} s old > {max_age:g} s")
            continue
        if not log.fails(e):
            log.invoke(log.keys[e], [e], True, "succeeded")
            log.finish(e, "processed")
        elif attempt < retries:
            wait = waits[attempt + 1]
            log.invoke(log.keys[e], [e], False, f"error: retry in {wait // 60} min")
            heapq.heappush(attempts, (t + wait, e, attempt + 1))
        else:
            log.invoke(log.keys[e], [e], False, "error: retries exhausted")
            _async_discard(log, e, on_failure, dlq, f"failed {attempt + 1} attempt(s)")


def _async_discard(log: _Log, e: int, on_failure: str | None, dlq: str | None, why: str) -> None:
    if on_failure is not None:
        log.finish(e, "on_failure_destination", f"{why}; sent to {on_failure}")
    elif dlq is not None:
        log.finish(e, "dlq", f"{why}; sent to the {dlq} DLQ")
    else:
        log.finish(e, "dropped", f"{why}; no destination or DLQ")


def _sqs_options(opts: dict) -> tuple[int, bool, int | None]:
    size = integer("batch_size", opts["batch_size"], 1, 10_000)
    partial = opts["partial_batch"]
    flag("partial_batch", partial)
    max_receive = opts["max_receive_count"]
    if max_receive is not None:
        max_receive = integer("max_receive_count", max_receive, 1, 1000)
    return size, partial, max_receive


def _replay_sqs(log: _Log, opts: dict) -> None:
    size, partial, max_receive = _sqs_options(opts)
    limit = max_receive if max_receive is not None else SQS_RECEIVE_HORIZON
    queue = deque(range(log.n))
    while queue:
        batch = [queue.popleft() for _ in range(min(size, len(queue)))]
        failed = [e for e in batch if log.fails(e)]
        if not failed:
            log.invoke("", batch, True, "batch deleted from the queue")
            for e in batch:
                log.finish(e, "processed")
            continue
        back = failed if partial else batch
        for e in batch:
            if e not in back:
                log.finish(e, "processed")
        action = f"{len(failed)} failed; " + (
            "only the failed messages return" if partial else "the whole batch returns"
        )
        log.invoke("", batch, False, action)
        for e in back:
            if log.deliveries[e] >= limit:
                if max_receive is None:
                    log.finish(e, "dropped", f"still failing after {limit} receives; no DLQ")
                else:
                    log.finish(e, "dlq", f"received {limit} time(s): moved to the queue's DLQ")
            else:
                queue.append(e)  # visible again after the visibility timeout, at the back


def _replay_fifo(log: _Log, opts: dict) -> None:
    size, partial, max_receive = _sqs_options(opts)
    groups: dict[str, deque[int]] = {}
    for e in range(log.n):
        groups.setdefault(log.keys[e], deque()).append(e)
    active = list(groups)
    while active:
        for g in list(active):
            queue = groups[g]
            batch = [queue.popleft() for _ in range(min(size, len(queue)))]
            first_bad = next((i for i, e in enumerate(batch) if log.fails(e)), None)
            if first_bad is None:
                log.invoke(g, batch, True, "batch deleted from the queue")
                for e in batch:
                    log.finish(e, "processed")
            else:
                keep = batch[:first_bad] if partial else []
                back = batch[first_bad:] if partial else batch
                for e in keep:
                    log.finish(e, "processed")
                log.invoke(g, batch, False, f"message {batch[first_bad]} failed; the group waits")
                head = batch[first_bad]
                returned = []
                for e in back:
                    if max_receive is not None and log.deliveries[e] >= max_receive:
                        log.finish(e, "dlq", f"received {max_receive} time(s): moved to the DLQ")
                    elif max_receive is None and math.isinf(log.remaining[head]) and e == head:
                        returned = None  # a poison head with no DLQ: the group is stuck
                        break
                    else:
                        returned.append(e)
                if returned is None:
                    stuck = [e for e in back if log.outcome[e] == "pending"] + list(queue)
                    for e in stuck:
                        why = "keeps failing" if e == head else f"behind message {head}"
                        log.finish(e, "blocked", f"{why}: no DLQ, the group is stuck")
                    queue.clear()
                else:
                    queue.extendleft(reversed(returned))
            if not queue:
                active.remove(g)


def _replay_stream(log: _Log, opts: dict) -> None:
    size = integer("batch_size", opts["batch_size"], 1, 10_000)
    bisect = opts["bisect"]
    partial = opts["partial_batch"]
    flag("bisect", bisect)
    flag("partial_batch", partial)
    max_retries = opts["max_retries"]
    if max_retries is not None:
        max_retries = integer("max_retries", max_retries, 0, STREAM_RETRIES_MAX)
    max_age = opts["max_record_age_s"]
    if max_age is not None:
        max_age = number("max_record_age_s", max_age, 0, STREAM_RECORD_AGE_MAX_S, low_open=True)
    on_failure = opts["on_failure"]
    if on_failure is not None:
        choice("on_failure", on_failure, STREAM_DESTINATIONS)

    def discard(records: list[int], why: str) -> None:
        for e in records:
            if on_failure is None:
                log.finish(e, "dropped", f"{why}; no on-failure destination")
            else:
                log.finish(e, "on_failure_destination", f"{why}; sent to {on_failure}")

    shards: dict[str, list[int]] = {}
    for e in range(log.n):
        shards.setdefault(log.keys[e], []).append(e)
    for shard, records in shards.items():
        clock = float(records[0])
        # Work list of (batch, retries so far); bisected halves go to the front, in order.
        start = 0
        work: deque[tuple[list[int], int]] = deque()
        while work or start < len(records):
            if not work:
                work.append((records[start : start + size], 0))
                start += size
            batch, retries = work.popleft()
            clock = max(clock, float(batch[-1]))  # wait for the batch's last record
            old = [e for e in batch if max_age is not None and clock - e > max_age]
            if old:
                discard(old, f"older than max_record_age_s ({max_age:g} s)")
                batch = [e for e in batch if e not in old]
                if not batch:
                    continue
            first_bad = next((i for i, e in enumerate(batch) if log.fails(e)), None)
            clock += 1.0
            if first_bad is None:
                log.invoke(shard, batch, True, "batch succeeded; checkpoint")
                for e in batch:
                    log.finish(e, "processed")
                continue
            bad = batch[first_bad]
            again = batch[first_bad:] if partial else batch  # what a retry would carry
            exhausted = max_retries is not None and retries >= max_retries
            poison = math.isinf(log.remaining[bad])
            split = bisect and len(again) > 1 and not exhausted
            if exhausted:
                action = "retries exhausted: batch discarded"
            elif poison and max_retries is None and max_age is None and not split:
                action = "retried until the records expire: the shard is blocked"
            elif split:
                action = "error: batch split in two"
            else:
                action = "error: batch retried"
            if partial and first_bad:
                action = f"checkpoint before record {bad}; " + action
            log.invoke(shard, batch, False, action)
            if partial:  # checkpoint up to the failed record; retry from it
                for e in batch[:first_bad]:
                    log.finish(e, "processed")
            batch = again
            if exhausted:
                discard(batch, f"record {bad} failed; {retries} retries exhausted")
            elif action.endswith("blocked"):
                rest = [e for e in batch if log.outcome[e] == "pending"]
                rest += [e for b, _ in work for e in b] + records[start:]
                for e in rest:
                    why = "keeps failing" if e == bad else f"behind record {bad}"
                    log.finish(e, "blocked", f"{why}: the shard is blocked")
                break
            elif split:
                half = (len(batch) + 1) // 2
                work.extendleft([(batch[half:], retries + 1), (batch[:half], retries + 1)])
            else:
                retries += 1
                if poison:  # every attempt until a limit fails the same way: skip ahead
                    skip = _stream_repeats(batch[0], clock, retries, max_retries, max_age)
                    if skip:
                        times = "time" if skip == 1 else "times"
                        log.invoke(shard, batch, False, f"error: batch retried {skip} more {times}")
                        log.deliveries_add(batch, skip - 1)
                        clock += skip
                        retries += skip
                work.appendleft((batch, retries))


def _stream_repeats(
    oldest: int, clock: float, retries: int, max_retries: int | None, max_age: float | None
) -> int:
    """Identical failing attempts of a poison batch before a retry or age limit is reached.

    The batch's next attempt is at ``clock`` with ``retries`` retries counted; the attempt
    that reaches ``max_retries`` is not skipped (it discards the batch), nor is the first
    attempt whose oldest record is older than ``max_age``.
    """
    by_retries = math.inf if max_retries is None else max_retries - retries
    by_age = math.inf if max_age is None else math.floor(max_age - (clock - oldest)) + 1
    return max(0, int(min(by_retries, by_age)))
