"""Checks every model applies to its parameters: a clear ValueError naming what is wrong.

A bad input is refused at the door with the parameter, the value and the allowed range,
never passed on to fail deep inside numpy or to come out as a NaN.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable

import numpy as np


def is_number(x: object) -> bool:
    """A real number (Python or numpy), not a bool."""
    return not isinstance(x, bool) and isinstance(x, int | float | np.integer | np.floating)


def number(
    name: str, x: object, low: float = -math.inf, high: float = math.inf, *, low_open: bool = False
) -> float:
    """``x`` as a finite float in [low, high] (``(low, high]`` with ``low_open``)."""
    if not is_number(x) or not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {x!r}")
    if (x <= low if low_open else x < low) or x > high:
        if high == math.inf:
            allowed = f"a finite number {'>' if low_open else '>='} {low:,g}"
        else:
            allowed = f"in {'(' if low_open else '['}{low:,g}, {high:,g}]"
        raise ValueError(f"{name} must be {allowed}, got {x!r}")
    return float(x)


def positive(name: str, x: object) -> float:
    """``x`` as a finite float > 0."""
    return number(name, x, 0.0, low_open=True)


def integer(name: str, x: object, low: int, high: int | None = None) -> int:
    """``x`` as an int in [low, high] (no upper bound when ``high`` is None)."""
    if isinstance(x, bool) or not isinstance(x, int | np.integer):
        raise ValueError(f"{name} must be an integer, got {x!r}")
    if x < low or (high is not None and x > high):
        allowed = f"between {low:,} and {high:,}" if high is not None else f">= {low:,}"
        raise ValueError(f"{name} must be an integer {allowed}, got {x!r}")
    return int(x)


def flag(name: str, x: object) -> bool:
    """``x`` when it is True or False (not 0, 1 or a string)."""
    if not isinstance(x, bool):
        raise ValueError(f"{name} must be True or False, got {x!r}")
    return x


def choice(name: str, x: object, allowed: Iterable) -> str:
    """``x`` when it is one of ``allowed``."""
    options = list(allowed)
    if x not in options:
        raise ValueError(f"{name} must be one of {options}, got {x!r}")
    return x


def json_document(text: str, where: str) -> object:
    """``text`` parsed as JSON; a ValueError naming ``where`` and the first problem if not."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(
            f"source: {where} is not valid JSON ({err.msg}, line {err.lineno})"
        ) from None
