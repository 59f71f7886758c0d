"""Notebook text (issue 19's study aids): facts linked to their AWS page, short source links
in the "What changed" and sources tables, and section cross-references that are right."""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from aws_compute_course import notebook
from aws_compute_course.facts import fact

COURSE = Path(__file__).resolve().parents[1] / "course"
HEADING = re.compile(r"^## (\d+)\s*[.·]\s*(.+)$", re.M)
REFERENCE = re.compile(r"\b[Ss]ection (\d+)(?:, ([^).:;\"\n]+))?")
"""A cross-reference names the number and the start of the heading: "section 8, Invocation
models". The title is what lets a test see that the number is the right one."""

LIMIT = "lambda.memory_max_mb"


def test_say_fills_values_as_before_and_links_on_request():
    f = fact(LIMIT)
    plain = notebook.render(f"up to {{{LIMIT}}} MB")
    assert plain == f"up to {notebook._show(f)} MB"  # backward compatible
    linked = notebook.render(f"up to {{{LIMIT}:link}} MB")
    assert linked == f"up to [{notebook._show(f)}]({f.source}) MB"
    assert notebook.say(f"{{{LIMIT}:link}}").data == linked.removeprefix("up to ").removesuffix(
        " MB"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1.66667e-05, "0.0000166667"), (2.5e-07, "0.00000025"), (10240.0, "10,240"), (0.2, "0.2")],
)
def test_values_never_show_in_scientific_notation(value, shown):
    assert notebook._show(SimpleNamespace(value=value)) == shown


def test_unknown_link_placeholder_names_the_fact():
    with pytest.raises(Exception, match=r"lambda\.no_such_fact"):
        notebook.render("{lambda.no_such_fact:link}")


@pytest.mark.parametrize("table", [notebook.changes_since_notes, notebook.sources])
def test_tables_show_sources_as_short_links(table):
    lines = table("lambda").data.splitlines()
    rows = [line for line in lines if line.startswith("| ") and "| --- |" not in line][1:]
    assert rows, "no fact rows to check"
    for row in rows:
        source = row.rsplit(" | ", 1)[-1]
        assert re.match(r"^\[[^\]]{1,60}\]\(https://[^)]+\) \(checked ", source), source


def test_link_text_is_the_page_name():
    f = fact(LIMIT)
    assert notebook.link(f).startswith(f"[configuration-memory]({f.source}) (checked ")


def _cells(path):
    return ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]]


@pytest.mark.parametrize("path", sorted(COURSE.glob("*.ipynb")), ids=lambda p: p.name)
def test_section_references_name_an_existing_section_by_its_title(path):
    cells = _cells(path)
    headings = {int(n): title for n, title in HEADING.findall("\n".join(cells))}
    problems = []
    for text in cells:
        for match in REFERENCE.finditer(text):
            number, title = int(match.group(1)), (match.group(2) or "").strip()
            if number not in headings:
                problems.append(f"{match.group(0)!r}: no section {number}")
            elif not title or not headings[number].lower().startswith(title.lower()):
                problems.append(
                    f"{match.group(0)!r}: section {number} is {headings[number]!r}; write "
                    f"'section {number}, <its title>'"
                )
    assert not problems, f"{path.name}: {problems}"
