"""The topic registry: every topic's number, id, title and status, and where its parts live.

The rows are in ``registry.toml`` beside this file (``make topic`` appends one). Everything
that lists topics reads them from here: the README table and the start page's map
(:func:`markdown_table`), the conformance test, the explorer registry and the benchmarks.

A topic is one folder, ``aws_compute_course/topics/<package>/``: its facts
(``facts.toml``), its model modules, its explorables and its question bank. Imports go one
way: shared modules never import a topic; a topic may use another topic's models, never its
explorables. This module imports no topic.
"""

from __future__ import annotations

import keyword
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

HERE = Path(__file__).resolve().parent
REGISTRY = HERE / "registry.toml"
STATUSES = ("built", "planned")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")

Status = Literal["built", "planned"]


@dataclass(frozen=True)
class Topic:
    """One topic of the course and where its parts live (paths relative to the repo root)."""

    number: int
    id: str
    title: str
    covers: str
    """What the topic teaches, for the tables."""
    highlights: str
    """Its headline explorables, for the start page."""
    status: Status

    @property
    def package(self) -> str:
        """The Python package name: the id, with ``_`` appended where the id is a keyword."""
        return f"{self.id}_" if keyword.iskeyword(self.id) else self.id

    @property
    def module(self) -> str:
        return f"aws_compute_course.topics.{self.package}"

    @property
    def folder(self) -> Path:
        """The topic's package folder (absolute)."""
        return HERE / self.package

    @property
    def notebook(self) -> str:
        return f"course/{self.number:02d}_{self.id}.ipynb"

    @property
    def solution(self) -> str:
        return f"solutions/{self.id}/{self.id}.ipynb"

    @property
    def exercise(self) -> str:
        return f"exercises/{self.id}/{self.id}.ipynb"

    @property
    def submissions(self) -> str:
        """The folder of committed wrong submissions and their ``expected.json``."""
        return f"tests/submissions/{self.id}"

    @property
    def built(self) -> bool:
        return self.status == "built"


def parse_row(raw: object, where: str) -> Topic:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: a topic must be a table, got {raw!r}")
    fields = {
        "number": int,
        "id": str,
        "title": str,
        "covers": str,
        "highlights": str,
        "status": str,
    }
    missing = sorted(set(fields) - set(raw))
    extra = sorted(set(raw) - set(fields))
    if missing or extra:
        raise ValueError(f"{where}: missing keys {missing}, unknown keys {extra}")
    for name, kind in fields.items():
        if not isinstance(raw[name], kind) or isinstance(raw[name], bool):
            raise ValueError(f"{where}: {name} must be {kind.__name__}, got {raw[name]!r}")
    if not _ID.match(raw["id"]):
        raise ValueError(f"{where}: id must match {_ID.pattern} (a folder and module name)")
    if raw["status"] not in STATUSES:
        raise ValueError(f"{where}: status must be one of {STATUSES}, got {raw['status']!r}")
    if not 1 <= raw["number"] <= 99:
        raise ValueError(f"{where}: number must be in [1, 99], got {raw['number']}")
    return Topic(**raw)


def load(path: Path = REGISTRY) -> tuple[Topic, ...]:
    """The rows of a registry file, checked: a bad row raises ValueError naming it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"{path}: not valid TOML ({err})") from None
    rows = data.get("topic")
    if not isinstance(rows, list) or not rows:
        raise ValueError(f"{path}: no [[topic]] rows")
    topics = tuple(parse_row(raw, f"{path.name} row {i + 1}") for i, raw in enumerate(rows))
    for attr in ("id", "number"):
        seen = [getattr(t, attr) for t in topics]
        dupes = sorted({x for x in seen if seen.count(x) > 1})
        if dupes:
            raise ValueError(f"{path}: duplicate {attr} {dupes}")
    return tuple(sorted(topics, key=lambda t: t.number))


@cache
def all_topics() -> tuple[Topic, ...]:
    """Every registered topic, in course order."""
    return load()


def built() -> tuple[Topic, ...]:
    """The topics whose status is ``built``."""
    return tuple(t for t in all_topics() if t.built)


def topic(topic_id: str) -> Topic:
    """The topic registered under ``topic_id``; ValueError naming the known ids otherwise."""
    for t in all_topics():
        if t.id == topic_id or t.package == topic_id:
            return t
    raise ValueError(f"topic must be one of {[t.id for t in all_topics()]}, got {topic_id!r}")


def readme_table(topics: tuple[Topic, ...] | None = None) -> str:
    """The README's topic table: one row per topic, with its notebook and assignment."""
    rows = [
        "| # | topic | notebook | assignment |",
        "| --- | --- | --- | --- |",
        "| 00 | start here: the map of the course | `course/00_start_here.ipynb` | — |",
    ]
    for t in all_topics() if topics is None else topics:
        what = f"{t.title}: {t.covers}"
        if t.built:
            rows.append(f"| {t.number:02d} | {what} | `{t.notebook}` | `{t.exercise}` |")
        else:
            rows.append(f"| {t.number:02d} | {what} | *planned* | *planned* |")
    return "\n".join(rows)


def start_page_table(topics: tuple[Topic, ...] | None = None) -> str:
    """The start page's map: links to the built notebooks (relative to ``course/``)."""
    rows = [
        "| # | Notebook | What it covers | Headline explorables |",
        "| --- | --- | --- | --- |",
    ]
    for t in all_topics() if topics is None else topics:
        name = Path(t.notebook).name
        link = f"[{t.title}]({name})" if t.built else f"{t.title} *(coming)*"
        rows.append(f"| {t.number:02d} | {link} | {t.covers} | {t.highlights} |")
    return "\n".join(rows)
