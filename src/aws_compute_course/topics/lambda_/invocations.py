"""Lambda invocation semantics: :func:`replay` plays events and failures through a
synchronous, asynchronous, SQS, SQS FIFO or stream (Kinesis / DynamoDB) invocation and
reports what was processed, retried, reordered, blocked, dropped or sent to a DLQ or a
destination. The synchronous and asynchronous models are here; the event source mappings
(SQS, SQS FIFO, streams) are in :mod:`.event_sources`."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any, TypedDict, Unpack

from aws_compute_course.facts import value
from aws_compute_course.topics.lambda_.event_sources import (
    FifoQueueOptions,
    QueueOptions,
    StreamOptions,
    replay_fifo,
    replay_sqs,
    replay_stream,
)
from aws_compute_course.topics.lambda_.outcomes import SOURCES, Replay, Source, _Log
from aws_compute_course.validate import choice, integer, number

ASYNC_RETRIES_MAX = int(value("lambda.async_retries_default"))
"""Asynchronous retries: 2 by default, configurable from 0 to 2."""
ASYNC_MAX_EVENT_AGE_S = int(value("lambda.async_max_event_age_hours")) * 3600
ASYNC_MIN_EVENT_AGE_S = int(value("lambda.async_max_event_age_min_seconds"))
ASYNC_RETRY_WAITS_S = (
    int(value("lambda.async_retry_first_wait_minutes")) * 60,
    int(value("lambda.async_retry_second_wait_minutes")) * 60,
)
ASYNC_DESTINATIONS = tuple(
    d.strip().lower() for d in str(value("lambda.async_failure_destinations")).split(",")
)
DLQ_TARGETS = ("sqs", "sns")


# Options are checked once, when they are made, and kept as given (the checks only refuse),
# so Replay.options reads back exactly what the caller passed.


@dataclass(frozen=True)
class SyncOptions:
    """Options of the ``sync`` source."""

    client_retries: int = 0
    """Times the caller retries after an error, 0 to 100 (Lambda itself never retries)."""

    def __post_init__(self) -> None:
        integer("client_retries", self.client_retries, 0, 100)


@dataclass(frozen=True)
class AsyncOptions:
    """Options of the ``async`` source."""

    retries: int = ASYNC_RETRIES_MAX
    """Retries after the first attempt, 0 to :data:`ASYNC_RETRIES_MAX`."""
    max_event_age_s: float = ASYNC_MAX_EVENT_AGE_S
    """Maximum event age, :data:`ASYNC_MIN_EVENT_AGE_S` to :data:`ASYNC_MAX_EVENT_AGE_S`
    seconds."""
    on_failure: str | None = None
    """On-failure destination, one of :data:`ASYNC_DESTINATIONS`; None: none."""
    dlq: str | None = None
    """The function's dead-letter queue, one of :data:`DLQ_TARGETS`; None: none."""

    def __post_init__(self) -> None:
        integer("retries", self.retries, 0, ASYNC_RETRIES_MAX)
        number(
            "max_event_age_s", self.max_event_age_s, ASYNC_MIN_EVENT_AGE_S, ASYNC_MAX_EVENT_AGE_S
        )
        if self.on_failure is not None:
            choice("on_failure", self.on_failure, ASYNC_DESTINATIONS)
        if self.dlq is not None:
            choice("dlq", self.dlq, DLQ_TARGETS)
        if self.on_failure is not None and self.dlq is not None:
            raise ValueError(
                "configure on_failure or dlq, not both (the model does not combine them)"
            )


def _replay_sync(log: _Log, opts: SyncOptions) -> None:
    retries = opts.client_retries
    for e in range(log.n):
        for attempt in range(retries + 1):
            if not log.fails(e):
                log.succeed(log.keys[e], [e], "response returned to the caller")
                break
            last = attempt == retries
            action = "error returned to the caller" + ("" if last else "; the caller retries")
            log.invoke(log.keys[e], [e], False, action)
            if last:
                log.finish(e, "error_to_caller", f"failed {retries + 1} time(s)")


def _replay_async(log: _Log, opts: AsyncOptions) -> None:
    retries, max_age = opts.retries, opts.max_event_age_s
    # Attempt times: arrival (event id seconds), then the documented waits between attempts.
    waits = [0, *ASYNC_RETRY_WAITS_S[:retries]]
    attempts = [(float(e), e, 0) for e in range(log.n)]  # (time, event, attempt), a heap
    heapq.heapify(attempts)
    while attempts:
        t, e, attempt = heapq.heappop(attempts)
        age = t - e
        if age > max_age:
            _async_discard(log, opts, e, f"expired: {age:.0f} s old > {max_age:g} s")
            continue
        if not log.fails(e):
            log.succeed(log.keys[e], [e], "succeeded")
        elif attempt < retries:
            wait = waits[attempt + 1]
            log.invoke(log.keys[e], [e], False, f"error: retry in {wait // 60} min")
            heapq.heappush(attempts, (t + wait, e, attempt + 1))
        else:
            log.invoke(log.keys[e], [e], False, "error: retries exhausted")
            _async_discard(log, opts, e, f"failed {attempt + 1} attempt(s)")


def _async_discard(log: _Log, opts: AsyncOptions, e: int, why: str) -> None:
    if opts.on_failure is not None:
        log.finish(e, "on_failure_destination", f"{why}; sent to {opts.on_failure}")
    elif opts.dlq is not None:
        log.finish(e, "dlq", f"{why}; sent to the {opts.dlq} DLQ")
    else:
        log.finish(e, "dropped", f"{why}; no destination or DLQ")


# --- replay -------------------------------------------------------------------------------


class ReplayOptions(TypedDict, total=False):
    """The keyword options of :func:`replay`; each applies to some sources only and is
    checked by their options class (:class:`SyncOptions`, :class:`AsyncOptions`,
    :class:`QueueOptions` for ``sqs``, :class:`FifoQueueOptions` for ``sqs_fifo``,
    :class:`StreamOptions`), where its range is documented."""

    client_retries: int
    retries: int
    max_event_age_s: float
    on_failure: str | None
    dlq: str | None
    batch_size: int
    partial_batch: bool
    max_receive_count: int | None
    bisect: bool
    max_retries: int | None
    max_record_age_s: float | None


_Options = SyncOptions | AsyncOptions | QueueOptions | FifoQueueOptions | StreamOptions
# The model's Any stands for the options class on the same row.
_MODELS: dict[str, tuple[type[_Options], Callable[[_Log, Any], None]]] = {
    "sync": (SyncOptions, _replay_sync),
    "async": (AsyncOptions, _replay_async),
    "sqs": (QueueOptions, replay_sqs),
    "sqs_fifo": (FifoQueueOptions, replay_fifo),
    "stream": (StreamOptions, replay_stream),
}


def replay(
    source: Source,
    n_events: int,
    failures: Mapping[int, int | None] | None = None,
    *,
    keys: Sequence[str] | None = None,
    **options: Unpack[ReplayOptions],
) -> Replay:
    """Play ``n_events`` events (ids 0, 1, ...) through one invocation model.

    ``failures[e] = k`` makes the first ``k`` deliveries of event ``e`` fail (transient);
    ``None`` makes every delivery fail (a poison event). ``keys`` gives each event its shard
    (``stream``) or message group (``sqs_fifo``); by default all share one.

    Options (defaults in brackets; see :class:`ReplayOptions`) and the model of each source:

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
    * ``sqs_fifo`` [same options; batch_size at most 10]: each message group in order, one
      batch at a time; the handler stops at the first failure, and that message and those
      after it return to the head of the group (with ``partial_batch`` the ones before it
      are deleted). A failing message blocks its group until it succeeds or moves to the DLQ.
    * ``stream`` [batch_size=100, bisect=False, max_retries=None, max_record_age_s=None,
      on_failure=None, partial_batch=False]: each shard in order; records arrive 1 s apart
      and each invocation takes 1 s. A failing batch is retried (from the failed record with
      ``partial_batch``), split in two first with ``bisect``; after ``max_retries`` retries,
      or once a record is older than ``max_record_age_s``, the batch is discarded to
      ``on_failure`` (sqs, sns, s3) or dropped. With neither limit a poison record blocks
      its shard.

    Splitting a batch does not count towards ``max_retries`` (as AWS documents): a failing
    batch is halved until it is a single record, and only then retried and, after
    ``max_retries`` retries, discarded. Retries are counted per batch (the course's model).
    An unknown option, or one that does not apply to ``source``, raises ValueError naming it.
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
    options_class, model = _MODELS[source]
    opts = _make_options(source, options_class, options)
    log = _Log(n, key_list, remaining)
    model(log, opts)
    return log.to_replay(source, asdict(opts))


def _make_options(
    source: str, options_class: type[_Options], given: Mapping[str, object]
) -> _Options:
    """``given`` checked and completed with the defaults of ``source``."""
    allowed = sorted(f.name for f in fields(options_class))
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise ValueError(
            f"unknown option(s) {unknown} for source {source!r}; its options are {allowed}"
        )
    return options_class(**given)


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
