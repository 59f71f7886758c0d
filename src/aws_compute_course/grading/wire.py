"""What crosses the sandbox's result channel: signed lines carrying plain values.

Values: JSON alone would turn a dict's int keys into strings and tuples into lists, so
containers travel tagged: ``{"list": [...]}``, ``{"tuple": [...]}``,
``{"dict": [[key, value], ...]}``. Scalars (None, bool, int, float incl. NaN and
infinities, str) travel as themselves. Both directions refuse values nested deeper than
:data:`MAX_DEPTH` or ints longer than :data:`MAX_INT_BITS`, so that nothing that comes
back can exhaust the grader's recursion or Python's int-to-text limit.

Lines: the runner signs each line it writes with a key only it and the grader hold (it
reads it from its stdin before any learner code runs) and a line counter, so a line that
learner code writes to the channel (through an inherited descriptor, ``/proc/self/fd``) is
recognised and ignored; only code that reads the runner's own memory could sign one.
"""

from __future__ import annotations

import hmac
import json

# The C function, taken at import: learner code that patches the hmac or hashlib modules
# inside the sandbox cannot change how the runner signs.
from _hashlib import hmac_digest as _hmac_digest
from typing import Any

_dumps = json.dumps  # taken at import, like the digest, before any learner code runs
MAX_DEPTH = 100
MAX_INT_BITS = 12_000  # about 3,600 digits, under Python's 4,300-digit limit for int <-> text
KEY_BYTES = 32
_DIGEST = "sha256"
_MAC_CHARS = 64


def _checked_int(value: int) -> int:
    if value.bit_length() > MAX_INT_BITS:
        raise ValueError(f"an int of more than {MAX_INT_BITS:,} bits")
    return value


def encode(value: Any, depth: int = 0) -> Any:
    """A JSON-ready form of a plain value (see ``checks.to_plain``); ValueError if too deep."""
    if depth > MAX_DEPTH:
        raise ValueError(f"a value nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, list):
        return {"list": [encode(v, depth + 1) for v in value]}
    if isinstance(value, tuple):
        return {"tuple": [encode(v, depth + 1) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if isinstance(value, int) and not isinstance(value, bool):
        return _checked_int(value)
    return value


def decode(data: Any, depth: int = 0) -> Any:
    """The plain value :func:`encode` was given; ``ValueError`` for anything malformed."""
    if depth > MAX_DEPTH:
        raise ValueError(f"a value nested more than {MAX_DEPTH} levels deep")
    if isinstance(data, dict):
        if len(data) != 1:
            raise ValueError("malformed value on the channel")
        ((tag, items),) = data.items()
        if not isinstance(items, list):
            raise ValueError("malformed value on the channel")
        if tag == "list":
            return [decode(v, depth + 1) for v in items]
        if tag == "tuple":
            return tuple(decode(v, depth + 1) for v in items)
        if tag == "dict":
            out = {}
            for pair in items:
                if not isinstance(pair, list) or len(pair) != 2:
                    raise ValueError("malformed value on the channel")
                key = decode(pair[0], depth + 1)
                try:
                    out[key] = decode(pair[1], depth + 1)
                except TypeError:
                    raise ValueError("unhashable key on the channel") from None
            return out
        raise ValueError(f"unknown tag {str(tag)[:50]!r} on the channel")
    if isinstance(data, list):
        raise ValueError("untagged list on the channel")
    if isinstance(data, int) and not isinstance(data, bool):
        return _checked_int(data)
    return data


def _mac(key: bytes, counter: int, payload: bytes) -> bytes:
    return _hmac_digest(key, b"%d:" % counter + payload, _DIGEST).hex().encode()


def sign(key: bytes, counter: int, event: dict) -> bytes:
    """The channel line for the runner's ``counter``-th event (counting from 0)."""
    payload = _dumps(event, allow_nan=True).encode()
    return _mac(key, counter, payload) + b" " + payload + b"\n"


def verify(key: bytes, counter: int, line: bytes) -> bytes | None:
    """The JSON payload of ``line`` if the runner signed it as its ``counter``-th; else None."""
    mac, _, payload = line.partition(b" ")
    if len(mac) != _MAC_CHARS or not hmac.compare_digest(mac, _mac(key, counter, payload)):
        return None
    return payload
