"""Text for course notebooks that states AWS numbers: always rendered from ``facts``.

Markdown cells in the notebooks carry no AWS numbers; a sentence that needs one is a code
cell calling :func:`say`, so a number changes in one place (its topic's ``facts.toml``).
"""

from __future__ import annotations

import re

from IPython.display import Markdown

from aws_compute_course.facts import Fact, fact, facts_for

_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+(?:\.[a-z0-9_]+)+)\}")


def _show(f: Fact) -> str:
    """The value as a sentence shows it: numbers with thousands separators, lists joined."""
    v = f.value
    if isinstance(v, tuple):
        return ", ".join(v)
    if isinstance(v, bool) or not isinstance(v, int | float):
        return str(v)
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}"


def render(text: str) -> str:
    """``text`` with every ``{topic.key}`` placeholder replaced by that fact's value."""
    return _PLACEHOLDER.sub(lambda m: _show(fact(m.group(1))), text)


def say(text: str) -> Markdown:
    """Markdown for a notebook cell, with ``{topic.key}`` placeholders filled from facts."""
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
        *(_row(f.notes_2021 or "", f.summary, f.cite()) for f in changed),
    ]
    return Markdown("\n".join(lines))


def sources(topic: str) -> Markdown:
    """Every fact the topic states, with its value, source and the date it was checked."""
    lines = [
        _row("Fact", "Value", "Source (checked)"),
        _row("---", "---", "---"),
        *(_row(f.summary, f"{_show(f)} {f.unit}".strip(), f.cite()) for f in facts_for(topic)),
    ]
    return Markdown("\n".join(lines))
