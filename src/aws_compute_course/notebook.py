"""Text for course notebooks that states AWS numbers: always rendered from ``facts``.

Markdown cells in the notebooks carry no AWS numbers; a sentence that needs one is a code
cell calling :func:`say`, so a number changes in one place (its topic's ``facts.toml``).
``{topic.key}`` shows a fact's value; ``{topic.key:link}`` shows it linked to its AWS page.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from IPython.display import Markdown

from aws_compute_course.facts import Fact, fact, facts_for

PAGE_NAME_MAX = 40
"""Longest link text for a source page in a table."""
_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+(?:\.[a-z0-9_]+)+)(:link)?\}")


def _show(f: Fact) -> str:
    """The value as a sentence shows it: numbers with thousands separators, lists joined."""
    v = f.value
    if isinstance(v, tuple):
        return ", ".join(v)
    if isinstance(v, bool) or not isinstance(v, int | float):
        return str(v)
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, float) and "e" in repr(v):  # a per-second price: never 1.66667e-05
        return f"{v:,.12f}".rstrip("0")
    return f"{v:,}"


def _escape(text: str) -> str:
    """``text`` safe inside a Markdown link's text."""
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def _page(url: str) -> str:
    """A short name for a source page: its last path part (``configuration-memory``), or its
    host when the path is empty; long URLs would squeeze a table's other columns."""
    parts = urlsplit(url)
    last = re.sub(r"\.html?$", "", parts.path.rstrip("/").rsplit("/", 1)[-1])
    if len(last) > PAGE_NAME_MAX:  # a blog post's slug: its first words
        last = last[: PAGE_NAME_MAX - 1].rsplit("-", 1)[0] + "…"
    return last or parts.netloc or url


def link(f: Fact) -> str:
    """``f``'s citation with the source as a short Markdown link: ``[page](url) (checked …)``."""
    cite = f.cite()
    notes = cite[len(f.source) :] if cite.startswith(f.source) else f" ({cite})"
    if not f.source.startswith("https://"):
        return cite
    return f"[{_escape(_page(f.source))}]({f.source}){notes}"


def _fill(match: re.Match) -> str:
    f = fact(match.group(1))
    if match.group(2) and f.source.startswith("https://"):
        return f"[{_escape(_show(f))}]({f.source})"
    return _show(f)


def render(text: str) -> str:
    """``text`` with every ``{topic.key}`` placeholder replaced by that fact's value, and every
    ``{topic.key:link}`` by the value linked to the fact's source page."""
    return _PLACEHOLDER.sub(_fill, text)


def say(text: str) -> Markdown:
    """Markdown for a notebook cell, with ``{topic.key}`` (value) and ``{topic.key:link}``
    (value linked to its source) placeholders filled from facts."""
    return Markdown(render(text))


def _row(*cells: str) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def changes_since_notes(topic: str) -> Markdown:
    """The "What changed since the 2021 notes" table for ``topic``."""
    changed = [f for f in facts_for(topic) if f.changed_since_notes]
    lines = [
        "**What changed since the 2021 notes**",
        "",
        _row("The notes said", "Today", "Source (checked)"),
        _row("---", "---", "---"),
        *(_row(f.notes_2021 or "", f.summary, link(f)) for f in changed),
    ]
    return Markdown("\n".join(lines))


def sources(topic: str) -> Markdown:
    """Every fact the topic states, with its value, source and the date it was checked."""
    lines = [
        _row("Fact", "Value", "Source (checked)"),
        _row("---", "---", "---"),
        *(_row(f.summary, f"{_show(f)} {f.unit}".strip(), link(f)) for f in facts_for(topic)),
    ]
    return Markdown("\n".join(lines))
