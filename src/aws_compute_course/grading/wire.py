"""Plain values across the sandbox's channel, with their types intact.

JSON alone would turn a dict's int keys into strings and tuples into lists, so containers
travel tagged: ``{"list": [...]}``, ``{"tuple": [...]}``, ``{"dict": [[key, value], ...]}``.
Scalars (None, bool, int, float incl. NaN and infinities, str) travel as themselves.
"""

from __future__ import annotations

from typing import Any


def encode(value: Any) -> Any:
    """A JSON-ready form of a plain value (see ``checks.to_plain``)."""
    if isinstance(value, list):
        return {"list": [encode(v) for v in value]}
    if isinstance(value, tuple):
        return {"tuple": [encode(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[encode(k), encode(v)] for k, v in value.items()]}
    return value


def decode(data: Any) -> Any:
    """The plain value :func:`encode` was given; ``ValueError`` for anything malformed."""
    if isinstance(data, dict):
        if len(data) != 1:
            raise ValueError("malformed value on the channel")
        ((tag, items),) = data.items()
        if not isinstance(items, list):
            raise ValueError("malformed value on the channel")
        if tag == "list":
            return [decode(v) for v in items]
        if tag == "tuple":
            return tuple(decode(v) for v in items)
        if tag == "dict":
            out = {}
            for pair in items:
                if not isinstance(pair, list) or len(pair) != 2:
                    raise ValueError("malformed value on the channel")
                key = decode(pair[0])
                try:
                    out[key] = decode(pair[1])
                except TypeError:
                    raise ValueError("unhashable key on the channel") from None
            return out
        raise ValueError(f"unknown tag {tag!r} on the channel")
    if isinstance(data, list):
        raise ValueError("untagged list on the channel")
    return data
