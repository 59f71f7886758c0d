"""``make topic``: a new topic's parts in place, and the registry's tables kept in step.

``python -m aws_compute_course.scaffold topic ID "TITLE"`` appends a planned row to the
topic registry and writes the topic's package folder (empty facts, model, explorables and
question bank), its course notebook and its solution notebook, both already in the
course's conventions, and a folder for its wrong submissions. Every place a maintainer
must fill in says ``SCAFFOLD``; the conformance test lists what a topic still lacks and
refuses a built topic that still holds one of those markers.

``python -m aws_compute_course.scaffold tables`` rewrites the topic tables of the README
and the start page from the registry (``--check`` only reports whether they are current).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from aws_compute_course import topics
from aws_compute_course.topics import Topic

MARKER = "SCAFFOLD"
BEGIN, END = "<!-- topics:begin -->", "<!-- topics:end -->"
START_PAGE = Path("course") / "00_start_here.ipynb"
README = Path("README.md")
REGISTRY = Path("src") / "aws_compute_course" / "topics" / "registry.toml"
_KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


# --- the tables ---------------------------------------------------------------------------


def _between_markers(text: str, table: str, where: str) -> str:
    pattern = re.compile(re.escape(BEGIN) + r"\n.*?\n" + re.escape(END), re.DOTALL)
    if len(pattern.findall(text)) != 1:
        raise ValueError(f"{where}: needs exactly one {BEGIN} ... {END} block")
    return pattern.sub(lambda _: f"{BEGIN}\n{table}\n{END}", text)


def _start_page_cell(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    cells = [c for c in nb.cells if c.cell_type == "markdown" and BEGIN in c.source]
    if len(cells) != 1:
        raise ValueError(f"{START_PAGE}: needs exactly one markdown cell with {BEGIN}")
    return cells[0]


def stale_tables(root: Path) -> list[str]:
    """The files whose topic table differs from the registry's (empty when all current)."""
    registry = topics.load(root / REGISTRY)
    stale = []
    readme = (root / README).read_text(encoding="utf-8")
    if _between_markers(readme, topics.readme_table(registry), str(README)) != readme:
        stale.append(str(README))
    cell = _start_page_cell(nbformat.read(root / START_PAGE, as_version=4))
    table = topics.start_page_table(registry)
    if _between_markers(cell.source, table, str(START_PAGE)) != cell.source:
        stale.append(str(START_PAGE))
    return stale


def write_tables(root: Path) -> None:
    """Rewrite the README's and the start page's topic tables from the registry."""
    registry = topics.load(root / REGISTRY)
    readme = root / README
    text = _between_markers(readme.read_text("utf-8"), topics.readme_table(registry), "README")
    nb = nbformat.read(root / START_PAGE, as_version=4)
    cell = _start_page_cell(nb)
    cell.source = _between_markers(cell.source, topics.start_page_table(registry), "start page")
    readme.write_text(text, "utf-8")
    nbformat.write(nb, root / START_PAGE)


# --- a new topic --------------------------------------------------------------------------


def _meta(grade_id: str, *, grade: bool = False, solution: bool = False, points: int = 0) -> dict:
    meta: dict = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": not solution,
        "schema_version": 3,
        "solution": solution,
    }
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def course_notebook(t: Topic) -> nbformat.NotebookNode:
    """The course notebook of a new topic: every section the standard asks for."""
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        md(
            f"# {t.number:02d} · {t.title}\n\n"
            "**What you will learn**\n\n"
            f"* {MARKER}: the learning objectives, one line each.\n\n"
            f"The exercise for this topic is [`{t.exercise}`](../{t.exercise})."
        ),
        code("from aws_compute_course.notebook import changes_since_notes, say, sources"),
        md(
            f"## 1 · {MARKER}: the first section of the notes\n\n"
            f"{MARKER}: the notes' points in order, corrected. Numbers come from the topic's "
            "facts through `say(...)`, never typed into markdown."
        ),
        md(
            f"### Explorable: {MARKER}\n\n**Try this:** {MARKER}: what to move, and what to notice."
        ),
        md(f"## Exam tips\n\n* {MARKER}: what the exam asks about this topic."),
        code(f'changes_since_notes("{t.id}")'),
        md(
            "## Scenario questions\n\n"
            "Pick an answer, press **Check**, and read why each option is right or wrong."
        ),
        code(
            f"from aws_compute_course.topics.{t.package}.questions import QUESTIONS\n"
            "from aws_compute_course.widgets.quiz import quiz\n\n"
            "quiz(QUESTIONS)",
            metadata={"tags": ["nbval-ignore-output"]},
        ),
        md(f"## Summary\n\n* {MARKER}: the points to remember."),
        md(
            "## Sources\n\nEvery number this notebook states, with its source and when it was "
            "checked."
        ),
        code(f'sources("{t.id}")'),
    ]
    return nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": _KERNEL})


def solution_notebook(t: Topic) -> nbformat.NotebookNode:
    """The nbgrader source of a new topic's assignment, one question of each kind."""
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        md(
            f"# Assignment {t.number:02d} · {t.title}\n\n"
            f"This assignment practises `{t.notebook}`. {MARKER}: what each question trains.",
            metadata=_meta("intro"),
        ),
        code(
            "# Setup (read-only): the data the questions use. Run this cell first.\n"
            f"from aws_compute_course.topics import {t.package}",
            metadata=_meta("setup"),
        ),
        md(
            f"## Q1 · {MARKER}: a code question (1 point)\n\n"
            "Write `double(x)`, which returns twice `x`.",
            metadata=_meta("q1_prompt"),
        ),
        code(
            "def double(x):\n"
            '    """Twice x."""\n'
            "    ### BEGIN SOLUTION\n"
            "    return 2 * x\n"
            "    ### END SOLUTION",
            metadata=_meta("q1_answer", solution=True),
        ),
        code(
            "from aws_compute_course.checks import check_equal\n\n"
            'check_equal(double(2), 4, "Q1 example")\n'
            "# Hidden checks: 1\n"
            "### BEGIN HIDDEN TESTS\n"
            'check_equal(double(-3), -6, "Q1 a negative number")\n'
            "### END HIDDEN TESTS",
            metadata=_meta("q1_tests", grade=True, points=1),
        ),
        md(
            f"## Q2 · {MARKER}: a scenario question (1 point)\n\n"
            "Set `answer_q2` to the letter of the best option.\n\n"
            "* A. ...\n* B. ...\n* C. ...\n* D. ...",
            metadata=_meta("q2_prompt"),
        ),
        code(
            '### BEGIN SOLUTION\nanswer_q2 = "B"\n### END SOLUTION',
            metadata=_meta("q2_answer", solution=True),
        ),
        code(
            "from aws_compute_course.checks import check_equal, check_in\n\n"
            'check_in(answer_q2, ["A", "B", "C", "D"], "Q2 answer is one of the options")\n'
            "# Hidden checks: 1\n"
            "### BEGIN HIDDEN TESTS\n"
            'check_equal(answer_q2, "B", "Q2 answer")\n'
            "### END HIDDEN TESTS",
            metadata=_meta("q2_tests", grade=True, points=1),
        ),
        md(
            f"## Q3 · Design: {MARKER} (2 points, graded by hand)\n\n"
            "Write your answer in the cell below.",
            metadata=_meta("q3_prompt"),
        ),
        md(
            "### BEGIN SOLUTION\n"
            f"**Model answer** {MARKER}\n\n"
            f"**Rubric** (2 points): {MARKER}: what earns each point.\n"
            "### END SOLUTION",
            metadata=_meta("q3_answer", grade=True, solution=True, points=2),
        ),
        md(
            "## Before you hand in\n\n"
            "Restart the kernel and run all cells, save, and run "
            f"`make check NB={t.exercise}` for a per-question summary.",
            metadata=_meta("outro"),
        ),
    ]
    return nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": _KERNEL})


def _package_files(t: Topic) -> dict[str, str]:
    return {
        "__init__.py": f'"""{t.title} (topic {t.number:02d}). {MARKER}: its models."""\n',
        "facts.toml": (
            f"# Facts of topic {t.id}: every AWS number the topic states, with its source and\n"
            "# the date it was checked (see facts.py for the format). " + MARKER + "\n"
        ),
        "model.py": f'"""{MARKER}: the topic\'s models (pure, typed, no Jupyter imports)."""\n',
        "explorables.py": f'"""{MARKER}: the topic\'s explorables, each registered."""\n',
        "questions.py": (
            f'"""Scenario questions of topic {t.id}. {MARKER}: at least fifteen (quiz.py)."""\n\n'
            "from aws_compute_course.quiz import Option, Question, validate_bank\n\n"
            "QUESTIONS = validate_bank(\n"
            "    [\n"
            "        Question(\n"
            f'            id="{t.id}-placeholder",\n'
            f'            prompt="{MARKER}: a scenario in the exam\'s style.",\n'
            "            options=[\n"
            f'                Option("{MARKER}: the right answer", True, "Why it is right."),\n'
            f'                Option("{MARKER}: a wrong answer", False, "Why it is wrong."),\n'
            "            ],\n"
            "        ),\n"
            "    ]\n"
            ")\n"
        ),
    }


def _append_row(registry: Path, t: Topic) -> None:
    row = (
        f'\n[[topic]]\nnumber = {t.number}\nid = "{t.id}"\ntitle = "{t.title}"\n'
        f'covers = "{MARKER}"\nhighlights = "{MARKER}"\nstatus = "planned"\n'
    )
    with registry.open("a", encoding="utf-8") as f:
        f.write(row)


def new_topic(root: Path, topic_id: str, title: str, number: int | None = None) -> list[Path]:
    """Write a topic's parts, registering it as planned first unless it is registered
    already (as the course's planned topics are); returns the files written.

    Refuses, before writing anything, a bad id, a title with a quote or a line break, a
    number taken by another topic, a built topic, and a topic whose files exist.
    """
    known = topics.load(root / REGISTRY)
    if not title.strip() or any(c in title for c in '"\\\n'):
        raise ValueError(f"title must be one line without quotes or backslashes, got {title!r}")
    existing = next((k for k in known if k.id == topic_id), None)
    if existing is not None and existing.built:
        raise ValueError(f"topic {topic_id!r} is built already")
    if existing is not None and number not in (None, existing.number):
        raise ValueError(f"topic {topic_id!r} is registered as number {existing.number}")
    # numbered course notebooks that are not topics (10_practice) hold their numbers too
    others = {int(p.name[:2]): p.name for p in (root / "course").glob("[0-9][0-9]_*.ipynb")}
    if number is None:
        number = existing.number if existing else max({k.number for k in known} | set(others)) + 1
    t = existing or topics.parse_row(
        {
            "number": number,
            "id": topic_id,
            "title": title,
            "covers": MARKER,
            "highlights": MARKER,
            "status": "planned",
        },
        "new topic",
    )
    taken = [k for k in known if k.number == t.number and k.id != t.id]
    if taken:
        raise ValueError(f"topic number {t.number} is taken by {taken[0].id!r}")
    if t.number in others and f"course/{others[t.number]}" != t.notebook:
        raise ValueError(f"topic number {t.number} is taken by course/{others[t.number]}")
    notebook, solution = root / t.notebook, root / t.solution
    package = root / "src" / "aws_compute_course" / "topics" / t.package
    submissions = root / t.submissions
    for path in (notebook, solution, package, submissions):
        if path.exists():
            raise ValueError(f"{path} exists already: not overwriting it")
    if existing is None:
        _append_row(root / REGISTRY, t)
        topics.all_topics.cache_clear()
    written = []
    package.mkdir(parents=True)
    for name, text in _package_files(t).items():
        (package / name).write_text(text, encoding="utf-8")
        written.append(package / name)
    solution.parent.mkdir(parents=True)
    for path, nb in ((notebook, course_notebook(t)), (solution, solution_notebook(t))):
        nbformat.write(nb, path)
        written.append(path)
    submissions.mkdir(parents=True)
    (submissions / "README.md").write_text(
        f"Committed wrong submissions of the `{t.id}` assignment: copies of\n"
        f"`{t.exercise}` answered partly wrong, and `expected.json` giving each one's\n"
        'automatic score, e.g. `{"partly_wrong": 1}`. Both graders must give exactly that.\n',
        encoding="utf-8",
    )
    written.append(submissions / "README.md")
    write_tables(root)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    new = sub.add_parser("topic", help="register a planned topic and write its parts")
    new.add_argument("id")
    new.add_argument("title")
    new.add_argument("--number", type=int)
    tables = sub.add_parser("tables", help="rewrite the README's and start page's tables")
    tables.add_argument("--check", action="store_true", help="only report stale tables")
    args = parser.parse_args(argv)
    root = Path.cwd()
    try:
        if args.command == "topic":
            for path in new_topic(root, args.id, args.title, args.number):
                print(f"wrote {path.relative_to(root)}")
        elif args.check:
            stale = stale_tables(root)
            for path in stale:
                print(f"{path}: topic table differs from the registry (make tables)")
            return 1 if stale else 0
        else:
            write_tables(root)
    except ValueError as err:
        print(f"scaffold: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
