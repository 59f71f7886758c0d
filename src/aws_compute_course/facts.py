"""Every AWS number the course states, once, with its source and the date it was checked.

Each topic keeps its facts in ``topics/<package>/facts.toml`` (a topic without facts has no
such file, or one of comments only); this module finds the files through the topic registry
(:func:`aws_compute_course.topics.all_topics`), checks every entry and refuses a bad one with
a ``ValueError`` naming the file and the key. Notebooks, widgets, models and tests read
facts from here; nothing else hard-codes them.

One table per fact, named by the key without the topic prefix (``[memory_max_mb]`` in the
Lambda file is the fact ``"lambda.memory_max_mb"``), in the order the notebooks list them::

    [memory_max_mb]
    value = 10_240              # a number, a text or a list of texts: the TOML type is the type
    unit = "MB"                 # "" for texts and lists, "date" for a 'YYYY-MM-DD' text
    summary = "Largest Lambda memory setting: 10,240 MB, since 1 December 2020."
    source = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html"
    verified_on = "2026-11-26"  # the day it was read there ('YYYY-MM' if only the month is known)
    notes_2021 = "RAM: 128 MB to 3 GB."  # only where the January 2021 notes said otherwise
    # confidence = "H"          # optional: H (the default), M or L
    # illustrative = false      # optional: true marks a figure that only illustrates

The rules: those fields and no others; ``source`` an https URL; ``verified_on`` a quoted
real date; a value with a unit (other than ``"date"``) is a TOML number (``90``, not
``"90"``), a value without one is text or a non-empty array of texts. ``source``,
``verified_on``, ``confidence`` and ``illustrative`` are the :class:`Provenance` that price
rows carry too (:mod:`aws_compute_course.provenance`); facts are ``H`` and not illustrative
unless their entry says otherwise. ``notes_2021`` records what the January 2021 study notes
said where they differ, so the course can tell learners what changed (they will meet the
old values in older material).

Read a value with the accessor of its type: :func:`integer`, :func:`number`, :func:`text`
or :func:`items`; each refuses a fact of another type with an error naming the file and
the key. :func:`value` returns any value untyped (lists joined with ``", "``).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import UnionType

from aws_compute_course.provenance import Provenance, Sourced, check_date
from aws_compute_course.topics import all_topics

FILE_NAME = "facts.toml"
TEXT_UNITS = ("", "date")
"""Units of values that are not numbers: ``""`` (text or a list of texts) and ``"date"``."""

Value = int | float | str | tuple[str, ...]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_REQUIRED = ("value", "unit", "summary", "source", "verified_on")
_OPTIONAL = ("notes_2021", "confidence", "illustrative")
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def _describe(v: object) -> str:
    if isinstance(v, bool):
        return f"the boolean {str(v).lower()}"
    if isinstance(v, int):
        return f"the integer {v}"
    if isinstance(v, float):
        return f"the number {v}"
    if isinstance(v, str):
        return f"the text {v!r}"
    if isinstance(v, tuple | list):
        return f"the list {list(v)!r}"
    return f"{v!r} ({type(v).__name__})"


def _key_problem(key: object, topic: object) -> str | None:
    if isinstance(key, str) and isinstance(topic, str) and key.startswith(topic + "."):
        return None
    return f"the key must start with its topic {topic!r}"


def _text_problem(name: str, text: object) -> str | None:
    if isinstance(text, str) and text.strip():
        return None
    return f"{name} must be non-empty text, got {text!r}"


def _provenance_problem(provenance: object) -> str | None:
    if not isinstance(provenance, Provenance):
        return f"provenance must be a Provenance, got {provenance!r}"
    if not provenance.web:
        return f"source must be an https URL, got {provenance.source!r}"
    return None


def _value_problem(v: object, unit: object) -> str | None:
    """What is wrong with value ``v`` for ``unit``: a unit other than ``TEXT_UNITS`` takes a
    number, ``"date"`` a date text, ``""`` a text or a non-empty list of texts."""
    if not isinstance(unit, str):
        return f"unit must be text, got {_describe(unit)}"
    if isinstance(v, bool) or not isinstance(v, int | float | str | tuple):
        return f"value must be a number, a text or a list of texts, got {_describe(v)}"
    if unit not in TEXT_UNITS:
        if not isinstance(v, int | float):
            return f"value must be a number (its unit is {unit!r}), got {_describe(v)}"
        return None if math.isfinite(v) else f"value must be a finite number, got {v}"
    if unit == "date":
        try:
            check_date(v, "value")
        except ValueError as err:
            return f"{err} (its unit is 'date')"
        return None
    return _unitless_problem(v)


def _unitless_problem(v: int | float | str | tuple) -> str | None:
    if isinstance(v, int | float):
        return f"a number needs a unit, got {_describe(v)} with unit ''"
    if isinstance(v, str):
        return _text_problem("value", v)
    if v and all(isinstance(i, str) and i.strip() for i in v):
        return None
    return f"a list value must hold one or more non-empty texts, got {list(v)!r}"


@dataclass(frozen=True)
class Fact(Sourced):
    """One stated AWS value: what it is, where it comes from, when it was checked."""

    key: str
    value: Value
    unit: str
    summary: str
    provenance: Provenance
    topic: str
    notes_2021: str | None = None
    file: str = field(default="", compare=False)
    """The facts file it was read from (for messages); empty for a fact built in code."""

    def __post_init__(self) -> None:
        for problem in (
            _key_problem(self.key, self.topic),
            _value_problem(self.value, self.unit),
            _text_problem("summary", self.summary),
            None if self.notes_2021 is None else _text_problem("notes_2021", self.notes_2021),
            _provenance_problem(self.provenance),
        ):
            if problem:
                self._fail(problem)

    def _fail(self, message: str) -> None:
        where = f"{self.file}: fact {self.key!r}" if self.file else f"fact {self.key!r}"
        raise ValueError(f"{where}: {message}")

    @property
    def changed_since_notes(self) -> bool:
        """True when the 2021 notes stated something else (or nothing correct) for this fact."""
        return self.notes_2021 is not None

    def typed(self, kind: type | UnionType, wanted: str) -> Value:
        """The value if it is of ``kind``; ValueError naming the file and the key otherwise."""
        v = self.value
        if isinstance(v, bool) or not isinstance(v, kind):
            self._fail(f"is {_describe(v)}, not {wanted}")
        return v


# --- loading ----------------------------------------------------------------------------


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(_PACKAGE_ROOT))
    except ValueError:
        return str(path)


def _toml_value(raw: object, where: str) -> Value:
    if isinstance(raw, list):
        if not all(isinstance(i, str) for i in raw):
            raise ValueError(f"{where}: a list value must hold texts only, got {raw!r}")
        return tuple(raw)
    if isinstance(raw, dict):
        raise ValueError(f"{where}: value must be a number, a text or a list, not a table")
    if not isinstance(raw, bool) and isinstance(raw, int | float | str):
        return raw
    raise ValueError(
        f"{where}: value must be a number, a text or a list of texts, got {_describe(raw)}"
        + (" (write a date as a quoted 'YYYY-MM-DD' text)" if hasattr(raw, "isoformat") else "")
    )


def _entry(name: str, raw: object, topic: str, file: str) -> Fact:
    key = f"{topic}.{name}"
    where = f"{file}: fact {key!r}"
    if not _NAME.match(name):
        raise ValueError(f"{where}: the table name must match {_NAME.pattern}")
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: must be a table [{name}] of fields, got {_describe(raw)}")
    missing = [f for f in _REQUIRED if f not in raw]
    if missing:
        raise ValueError(f"{where}: missing field(s) {missing}")
    unknown = sorted(set(raw) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise ValueError(
            f"{where}: unknown field(s) {unknown}; allowed: {[*_REQUIRED, *_OPTIONAL]}"
        )
    try:
        provenance = Provenance(
            raw["source"],
            raw["verified_on"],
            raw.get("confidence", "H"),
            raw.get("illustrative", False),
        )
    except ValueError as err:
        raise ValueError(f"{where}: {err}") from None
    return Fact(
        key,
        _toml_value(raw["value"], where),
        raw["unit"],
        raw["summary"],
        provenance,
        topic,
        raw.get("notes_2021"),
        file=file,
    )


def read(source: Path | str, topic: str, *, name: str = "<text>") -> tuple[Fact, ...]:
    """The facts of ``topic`` in a facts file (a ``Path``) or in TOML text (a ``str``, named
    ``name`` in messages), in file order (none in a new topic's file of comments only);
    ValueError naming the file and the key otherwise."""
    if isinstance(source, Path):
        file = _display(source)
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise ValueError(f"{file}: cannot read the facts file ({err})") from None
    else:
        file, text = name, source
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"{file}: not valid TOML ({err})") from None
    return tuple(_entry(n, raw, topic, file) for n, raw in data.items())


def collect(files: Iterable[tuple[str, Path | str]]) -> dict[str, Fact]:
    """Every fact of ``(topic id, facts file or text)`` pairs, by key, in order; a key found
    twice is refused, naming both files."""
    found: dict[str, Fact] = {}
    for topic, source in files:
        for f in read(source, topic):
            if f.key in found:
                raise ValueError(
                    f"{f.file}: fact {f.key!r}: duplicate key, also in {found[f.key].file}"
                )
            found[f.key] = f
    return found


def registry_files() -> list[tuple[str, Path]]:
    """``(topic id, facts file)`` of every registered topic that has a facts file."""
    return [(t.id, t.folder / FILE_NAME) for t in all_topics() if (t.folder / FILE_NAME).is_file()]


FACTS: dict[str, Fact] = collect(registry_files())


# --- lookups ----------------------------------------------------------------------------


def fact(key: str) -> Fact:
    """The fact registered under ``key``; a ``KeyError`` names close keys when it is unknown."""
    try:
        return FACTS[key]
    except KeyError:
        prefix = key.split(".")[0]
        near = sorted(k for k in FACTS if k.startswith(prefix + "."))
        raise KeyError(f"no fact {key!r}; facts for {prefix!r}: {near}") from None


def value(key: str) -> float | int | str:
    """The value of ``key`` untyped, a list joined with ``", "`` (as callers written before
    facts were typed expect). New code uses :func:`integer`, :func:`number`, :func:`text` or
    :func:`items`."""
    v = fact(key).value
    return ", ".join(v) if isinstance(v, tuple) else v


def integer(key: str) -> int:
    """The value of ``key``, which must be a TOML integer."""
    return fact(key).typed(int, "an integer")


def number(key: str) -> float:
    """The value of ``key`` as a float; it must be a TOML number (integer or float)."""
    return float(fact(key).typed(int | float, "a number"))


def text(key: str) -> str:
    """The value of ``key``, which must be a TOML string."""
    return fact(key).typed(str, "a text")


def items(key: str) -> tuple[str, ...]:
    """The value of ``key``, which must be a TOML array of strings."""
    return fact(key).typed(tuple, "a list of texts")


def facts_for(topic: str) -> list[Fact]:
    """All facts of one topic, in file order ([] for a registered topic that has none yet)."""
    ids = [t.id for t in all_topics()]
    if topic not in ids:
        raise ValueError(f"topic must be one of {ids}, got {topic!r}")
    return [f for f in FACTS.values() if f.topic == topic]
