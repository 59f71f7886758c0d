"""Lambda's event source mappings: the SQS, SQS FIFO and stream (Kinesis / DynamoDB)
models that :func:`~aws_compute_course.topics.lambda_.invocations.replay` dispatches to,
and their options."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Literal

from aws_compute_course.facts import value
from aws_compute_course.topics.lambda_.outcomes import _Log
from aws_compute_course.validate import choice, flag, integer, number

STREAM_RETRIES_MAX = int(value("lambda.stream_retry_attempts_max"))
STREAM_RECORD_AGE_MIN_S = int(value("lambda.stream_record_age_min_seconds"))
STREAM_RECORD_AGE_MAX_S = int(value("lambda.stream_record_age_max_seconds"))
STREAM_BATCH_SIZE_MAX = int(value("lambda.stream_batch_size_max"))
SQS_BATCH_SIZE_MAX = int(value("lambda.sqs_batch_size_max"))
SQS_FIFO_BATCH_SIZE_MAX = int(value("lambda.sqs_fifo_batch_size_max"))
STREAM_DESTINATIONS = tuple(
    d.strip().lower() for d in str(value("lambda.esm_failure_destinations")).split(",")
)
SQS_RECEIVE_HORIZON = 25
"""SQS without a dead-letter queue: a message still failing after this many receives is
reported ``dropped`` (in AWS it keeps returning until the queue's retention period ends)."""


# As in invocations.py: options are checked once, when they are made, and kept as given.


@dataclass(frozen=True)
class QueueOptions:
    """Options of the ``sqs`` and ``sqs_fifo`` sources."""

    batch_size: int = 10
    """Messages per batch, 1 to :data:`SQS_BATCH_SIZE_MAX` (standard queues; FIFO queues:
    :class:`FifoQueueOptions`)."""
    partial_batch: bool = False
    """ReportBatchItemFailures: only the failed messages return to the queue."""
    max_receive_count: int | None = None
    """The redrive policy's maxReceiveCount, 1 to 1,000; None: the queue has no DLQ."""

    batch_size_max = SQS_BATCH_SIZE_MAX

    def __post_init__(self) -> None:
        integer("batch_size", self.batch_size, 1, self.batch_size_max)
        flag("partial_batch", self.partial_batch)
        if self.max_receive_count is not None:
            integer("max_receive_count", self.max_receive_count, 1, 1000)


@dataclass(frozen=True)
class FifoQueueOptions(QueueOptions):
    """Options of the ``sqs_fifo`` source: as :class:`QueueOptions`, with batches of at most
    :data:`SQS_FIFO_BATCH_SIZE_MAX` messages (AWS's limit for FIFO queues)."""

    batch_size_max = SQS_FIFO_BATCH_SIZE_MAX


@dataclass(frozen=True)
class StreamOptions:
    """Options of the ``stream`` source (Kinesis or DynamoDB Streams)."""

    batch_size: int = 100
    """Records per batch, 1 to :data:`STREAM_BATCH_SIZE_MAX`."""
    bisect: bool = False
    """BisectBatchOnFunctionError: split a failing batch in two before retrying it."""
    max_retries: int | None = None
    """MaximumRetryAttempts, 0 to :data:`STREAM_RETRIES_MAX`; None: retry until the
    records expire."""
    max_record_age_s: float | None = None
    """MaximumRecordAgeInSeconds, :data:`STREAM_RECORD_AGE_MIN_S` to
    :data:`STREAM_RECORD_AGE_MAX_S`; None: no limit."""
    on_failure: str | None = None
    """On-failure destination of discarded batches, one of :data:`STREAM_DESTINATIONS`;
    None: they are dropped."""
    partial_batch: bool = False
    """ReportBatchItemFailures: checkpoint before the failed record, retry from it."""

    def __post_init__(self) -> None:
        integer("batch_size", self.batch_size, 1, STREAM_BATCH_SIZE_MAX)
        flag("bisect", self.bisect)
        flag("partial_batch", self.partial_batch)
        if self.max_retries is not None:
            integer("max_retries", self.max_retries, 0, STREAM_RETRIES_MAX)
        if self.max_record_age_s is not None:
            number(
                "max_record_age_s",
                self.max_record_age_s,
                STREAM_RECORD_AGE_MIN_S,
                STREAM_RECORD_AGE_MAX_S,
            )
        if self.on_failure is not None:
            choice("on_failure", self.on_failure, STREAM_DESTINATIONS)


# --- SQS ----------------------------------------------------------------------------------


def replay_sqs(log: _Log, opts: QueueOptions) -> None:
    """Batches in queue order; a failed message returns to the back of the queue."""
    limit = opts.max_receive_count if opts.max_receive_count is not None else SQS_RECEIVE_HORIZON
    queue = deque(range(log.n))
    while queue:
        batch = [queue.popleft() for _ in range(min(opts.batch_size, len(queue)))]
        failed = [e for e in batch if log.fails(e)]
        if not failed:
            log.succeed("", batch, "batch deleted from the queue")
            continue
        back = failed if opts.partial_batch else batch
        for e in batch:
            if e not in back:
                log.finish(e, "processed")
        action = f"{len(failed)} failed; " + (
            "only the failed messages return" if opts.partial_batch else "the whole batch returns"
        )
        log.invoke("", batch, False, action)
        for e in back:
            if log.deliveries[e] < limit:
                queue.append(e)  # visible again after the visibility timeout, at the back
            elif opts.max_receive_count is None:
                log.finish(e, "dropped", f"still failing after {limit} receives; no DLQ")
            else:
                log.finish(e, "dlq", f"received {limit} time(s): moved to the queue's DLQ")


def replay_fifo(log: _Log, opts: QueueOptions) -> None:
    """Each message group in order, one batch of each group per round."""
    groups: dict[str, deque[int]] = {}
    for e in range(log.n):
        groups.setdefault(log.keys[e], deque()).append(e)
    active = list(groups)
    while active:
        for g in list(active):
            _fifo_receive(log, opts, g, groups[g])
            if not groups[g]:
                active.remove(g)


def _fifo_receive(log: _Log, opts: QueueOptions, group: str, queue: deque[int]) -> None:
    """One batch from the head of ``group``: the handler stops at the first failure, and
    that message and those after it return to the head of the group (with
    ``partial_batch`` the ones before it are deleted)."""
    batch = [queue.popleft() for _ in range(min(opts.batch_size, len(queue)))]
    first_bad = log.first_failure(batch)
    if first_bad is None:
        log.succeed(group, batch, "batch deleted from the queue")
        return
    head = batch[first_bad]
    back = batch[first_bad:] if opts.partial_batch else batch
    if opts.partial_batch:
        for e in batch[:first_bad]:
            log.finish(e, "processed")
    log.invoke(group, batch, False, f"message {head} failed; the group waits")
    if opts.max_receive_count is None and math.isinf(log.remaining[head]):
        # A poison head with no DLQ: the group is stuck.
        for e in [*back, *queue]:
            why = "keeps failing" if e == head else f"behind message {head}"
            log.finish(e, "blocked", f"{why}: no DLQ, the group is stuck")
        queue.clear()
        return
    returned = []
    for e in back:
        if opts.max_receive_count is not None and log.deliveries[e] >= opts.max_receive_count:
            log.finish(e, "dlq", f"received {opts.max_receive_count} time(s): moved to the DLQ")
        else:
            returned.append(e)
    queue.extendleft(reversed(returned))


# --- streams ------------------------------------------------------------------------------

_Step = Literal["discard", "block", "split", "retry"]
_STEP_ACTIONS: dict[_Step, str] = {
    "discard": "retries exhausted: batch discarded",
    "block": "retried until the records expire: the shard is blocked",
    "split": "error: batch split in two",
    "retry": "error: batch retried",
}
"""What Lambda does after a failed stream batch, as the invocation's action says it."""


@dataclass
class _Shard:
    """One shard while it is replayed: its records in order, the time, and the batches
    waiting to be retried (bisected halves go to the front, in order)."""

    name: str
    records: list[int]
    clock: float
    read: int = 0
    """How many of ``records`` have been read into batches."""
    work: deque[tuple[list[int], int]] = field(default_factory=deque)
    """Batches to retry, each with the retries it has had."""

    @property
    def busy(self) -> bool:
        return bool(self.work) or self.read < len(self.records)

    def next_batch(self, size: int) -> tuple[list[int], int]:
        """The next batch to invoke with (a retry first, else new records) and its retries."""
        if self.work:
            batch, retries = self.work.popleft()
        else:
            batch, retries = self.records[self.read : self.read + size], 0
            self.read += size
        self.clock = max(self.clock, float(batch[-1]))  # wait for the batch's last record
        return batch, retries

    def block(self, log: _Log, batch: list[int], bad: int) -> None:
        """Record ``bad`` keeps failing and no limit discards it: it and every record behind
        it are blocked, and the shard reads no further."""
        waiting = [e for b, _ in self.work for e in b] + self.records[self.read :]
        for e in [e for e in batch if log.outcome[e] == "pending"] + waiting:
            why = "keeps failing" if e == bad else f"behind record {bad}"
            log.finish(e, "blocked", f"{why}: the shard is blocked")
        self.work.clear()
        self.read = len(self.records)


def replay_stream(log: _Log, opts: StreamOptions) -> None:
    """Each shard in order; records arrive 1 s apart and each invocation takes 1 s."""
    shards: dict[str, list[int]] = {}
    for e in range(log.n):
        shards.setdefault(log.keys[e], []).append(e)
    for name, records in shards.items():
        shard = _Shard(name, records, clock=float(records[0]))
        while shard.busy:
            batch, retries = shard.next_batch(opts.batch_size)
            batch = _expire(log, opts, shard.clock, batch)
            if batch:
                _invoke_stream(log, opts, shard, batch, retries)


def _expire(log: _Log, opts: StreamOptions, clock: float, batch: list[int]) -> list[int]:
    """``batch`` without the records older than ``max_record_age_s``, which are discarded."""
    max_age = opts.max_record_age_s
    old = [e for e in batch if max_age is not None and clock - e > max_age]
    if not old:
        return batch
    _discard(log, opts, old, f"older than max_record_age_s ({max_age:g} s)")
    return [e for e in batch if e not in old]


def _invoke_stream(
    log: _Log, opts: StreamOptions, shard: _Shard, batch: list[int], retries: int
) -> None:
    """One invocation with ``batch`` (which has had ``retries`` retries), and what follows."""
    first_bad = log.first_failure(batch)
    shard.clock += 1.0
    if first_bad is None:
        log.succeed(shard.name, batch, "batch succeeded; checkpoint")
        return
    bad = batch[first_bad]
    again = batch[first_bad:] if opts.partial_batch else batch  # what a retry would carry
    poison = math.isinf(log.remaining[bad])
    step = _next_step(opts, retries, poison, len(again))
    action = _STEP_ACTIONS[step]
    if opts.partial_batch and first_bad:
        action = f"checkpoint before record {bad}; " + action
    log.invoke(shard.name, batch, False, action)
    if opts.partial_batch:  # checkpoint up to the failed record; retry from it
        for e in batch[:first_bad]:
            log.finish(e, "processed")
    if step == "discard":
        _discard(log, opts, again, f"record {bad} failed; {retries} retries exhausted")
    elif step == "block":
        shard.block(log, again, bad)
    elif step == "split":  # a split is not a retry: both halves keep the batch's count
        half = (len(again) + 1) // 2
        shard.work.extendleft([(again[half:], retries), (again[:half], retries)])
    else:
        _retry(log, opts, shard, again, retries + 1, poison)


def _next_step(opts: StreamOptions, retries: int, poison: bool, carried: int) -> _Step:
    """What Lambda does after a batch fails, when a retry would carry ``carried`` records.

    With ``bisect`` a failing batch of two or more records is split in two; AWS documents
    that splitting a batch does not count towards the retry quota, so both halves keep the
    batch's retry count and a batch is only retried (or discarded) once it cannot be split.
    Retries are counted per batch (the course's model).
    """
    if opts.bisect and carried > 1:
        return "split"
    if opts.max_retries is not None and retries >= opts.max_retries:
        return "discard"
    if poison and opts.max_retries is None and opts.max_record_age_s is None:
        return "block"  # retried until the records expire, beyond what the model plays
    return "retry"


def _retry(
    log: _Log, opts: StreamOptions, shard: _Shard, batch: list[int], retries: int, poison: bool
) -> None:
    """Queue ``batch`` for its next attempt, its ``retries``-th retry."""
    if poison:  # every attempt until a limit fails the same way: skip ahead
        skip = _stream_repeats(batch[0], shard.clock, retries, opts)
        if skip:
            times = "time" if skip == 1 else "times"
            log.invoke(shard.name, batch, False, f"error: batch retried {skip} more {times}")
            log.deliveries_add(batch, skip - 1)
            shard.clock += skip
            retries += skip
    shard.work.appendleft((batch, retries))


def _stream_repeats(oldest: int, clock: float, retries: int, opts: StreamOptions) -> int:
    """Identical failing attempts of a poison batch before a retry or age limit is reached.

    The batch's next attempt is at ``clock`` with ``retries`` retries counted; the attempt
    that reaches ``max_retries`` is not skipped (it discards the batch), nor is the first
    attempt whose oldest record is older than ``max_record_age_s``.
    """
    max_retries, max_age = opts.max_retries, opts.max_record_age_s
    by_retries = math.inf if max_retries is None else max_retries - retries
    by_age = math.inf if max_age is None else math.floor(max_age - (clock - oldest)) + 1
    return max(0, int(min(by_retries, by_age)))


def _discard(log: _Log, opts: StreamOptions, records: list[int], why: str) -> None:
    """Records a stream gives up on: to the on-failure destination, else dropped."""
    for e in records:
        if opts.on_failure is None:
            log.finish(e, "dropped", f"{why}; no on-failure destination")
        else:
            log.finish(e, "on_failure_destination", f"{why}; sent to {opts.on_failure}")
