"""What a topic still lacks against the standard of a built topic (DESIGN.md).

:func:`missing_parts` lists, in words a maintainer can act on, every part a topic does not
have yet: its registry row, facts, models, explorables, question bank, course notebook,
solution, student copy and committed wrong submission. The conformance test calls it for
every built topic and every topic that has started (``make topic`` made its folder); the
grading half of the standard (both graders give the expected scores) is tested beside it.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Sequence
from pathlib import Path

import nbformat

from aws_compute_course.topics import Topic

MIN_EXPLORABLES = 3
MARKER = "SCAFFOLD"
_NOT_MODELS = {"__init__.py", "explorables.py", "questions.py"}
_JUPYTER = ("ipywidgets", "plotly", "IPython", "anywidget")
PACKAGES = Path("src") / "aws_compute_course" / "topics"


def package_folder(t: Topic, root: Path) -> Path:
    """The topic's package folder in the checkout at ``root``."""
    return root / PACKAGES / t.package


def started(t: Topic, root: Path) -> bool:
    """True when any part of the topic exists (so the standard applies to it)."""
    paths = (package_folder(t, root), root / t.notebook, root / t.solution)
    return t.built or any(p.exists() for p in paths)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def _package_parts(t: Topic, root: Path) -> list[str]:
    folder = package_folder(t, root)
    if not folder.is_dir():
        return [f"its package folder {folder}"]
    lacks = []
    if not (folder / "facts.toml").is_file():
        lacks.append(f"a facts file {folder / 'facts.toml'}")
    models = [
        p
        for p in folder.glob("*.py")
        if p.name not in _NOT_MODELS
        and any(
            isinstance(n, ast.FunctionDef | ast.ClassDef) and not n.name.startswith("_")
            for n in ast.parse(p.read_text(encoding="utf-8")).body
        )
    ]
    if not models:
        lacks.append(f"a model module in {folder} defining a public function or class")
    for model in models:
        jupyter = sorted(_imports(model) & set(_JUPYTER))
        if jupyter:
            lacks.append(f"models importable without Jupyter ({model.name} imports {jupyter})")
    if not any((folder / name).exists() for name in ("explorables.py", "explorables")):
        lacks.append(f"an explorables module in {folder}")
    if not (folder / "questions.py").is_file():
        lacks.append(f"a question bank {folder / 'questions.py'}")
    return lacks


def _notebook_parts(t: Topic, root: Path) -> list[str]:
    lacks = []
    course = root / t.notebook
    if not course.is_file():
        lacks.append(f"a course notebook {t.notebook}")
    else:
        code = "\n".join(
            c.source for c in nbformat.read(course, as_version=4).cells if c.cell_type == "code"
        )
        for call in (f'changes_since_notes("{t.id}")', "quiz(", f'sources("{t.id}")'):
            if call not in code:
                lacks.append(f"{t.notebook} calling {call}{'' if call.endswith(')') else '...)'}")
    if not (root / t.solution).is_file():
        lacks.append(f"a solution notebook {t.solution} (the nbgrader source)")
    if not (root / t.exercise).is_file():
        lacks.append(f"a generated student copy {t.exercise} (make exercises)")
    return lacks


def wrong_submissions(t: Topic, root: Path) -> dict[str, tuple[Path, float]]:
    """The committed wrong submissions: name -> (notebook, expected automatic score).

    ValueError when ``expected.json`` is unreadable or does not match the notebooks beside it.
    """
    folder = root / t.submissions
    notebooks = {p.stem: p for p in sorted(folder.glob("*.ipynb"))}
    expected_file = folder / "expected.json"
    if not expected_file.is_file():
        return {}
    try:
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ValueError(f"{expected_file}: not valid JSON ({err.msg})") from None
    if not isinstance(expected, dict) or set(expected) != set(notebooks):
        raise ValueError(
            f"{expected_file} must give a score for exactly the notebooks beside it: "
            f"{sorted(notebooks)}"
        )
    return {name: (notebooks[name], float(expected[name])) for name in notebooks}


def _scaffold_left(t: Topic, root: Path) -> list[str]:
    folder = package_folder(t, root)
    places = [root / t.notebook, root / t.solution]
    if folder.is_dir():
        places += sorted(p for p in folder.iterdir() if p.is_file())
    return [
        f"{p.relative_to(root)} still holds {MARKER} placeholders"
        for p in places
        if p.is_file() and MARKER in p.read_text(encoding="utf-8")
    ]


def missing_parts(
    t: Topic,
    root: Path,
    *,
    facts: int,
    questions: int,
    explorables: int,
    question_problems: Sequence[str] = (),
) -> list[str]:
    """Every part ``t`` lacks, as phrases ("a course notebook course/02_x.ipynb", ...).

    ``facts``, ``questions`` and ``explorables`` are the counts the caller found through the
    package (its facts registry, question bank and explorer registry), so that this module
    imports no topic; ``question_problems`` are the bank's shortfalls against the question
    standard (``quiz.bank_problems``).
    """
    lacks = [] if t.status in ("built", "planned") else [f"a valid status, not {t.status!r}"]
    if facts == 0:
        lacks.append(f"facts (none registered for {t.id!r})")
    lacks += _package_parts(t, root)
    if questions == 0:
        lacks.append("scenario questions (QUESTIONS is empty)")
    lacks += [f"questions to the standard: {problem}" for problem in question_problems]
    if explorables < MIN_EXPLORABLES:
        lacks.append(f"at least {MIN_EXPLORABLES} registered explorables (has {explorables})")
    lacks += _notebook_parts(t, root)
    try:
        if not wrong_submissions(t, root):
            lacks.append(f"a committed wrong submission with expected.json in {t.submissions}")
    except ValueError as err:
        lacks.append(str(err))
    lacks += _scaffold_left(t, root)
    return lacks
