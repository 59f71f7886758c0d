"""What to run and what to check, read from the instructor's notebook (never a submission).

A test cell is parsed into its checks: for each ``check_xxx(actual, expected, "what")``
call, the source of ``actual`` (evaluated in the sandbox, against the learner's code) and
of ``expected`` (evaluated by the grader from the instructor's fixture cells). Anything
else in a test cell except imports is an authoring error: the grader must know every
statement it is asked to trust.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from aws_compute_course.assignments import (
    BEGIN_HIDDEN,
    END_HIDDEN,
    cell_points,
    is_answer_cell,
    is_manual_cell,
    is_test_cell,
    load_notebook,
    nbgrader_meta,
)
from aws_compute_course.checks import CHECKS


class PlanError(ValueError):
    """The instructor's notebook does not follow the test-cell convention."""


@dataclass(frozen=True)
class Check:
    """One check call of a test cell."""

    function: str
    actual: str
    expected: str
    what: str
    options: dict[str, float] = field(default_factory=dict)
    hidden: bool = False


@dataclass(frozen=True)
class Step:
    """One cell of the instructor's notebook, in order.

    ``kind`` is 'fixture' (an instructor code cell, run as the instructor wrote it),
    'answer' (the learner's code for ``grade_id``), 'test' (evaluate ``grade_id``'s
    checks here), or 'manual' (a hand-graded answer: nothing to run).
    """

    kind: str
    grade_id: str
    source: str = ""


@dataclass(frozen=True)
class Question:
    """An autograded test cell: its points and checks."""

    grade_id: str
    points: float
    checks: tuple[Check, ...]

    @property
    def visible(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.hidden)


@dataclass(frozen=True)
class Plan:
    """How to grade one notebook of an assignment."""

    notebook: str
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    manual: tuple[tuple[str, float], ...]

    @property
    def fixtures(self) -> tuple[str, ...]:
        """The instructor's code cells, in order: what expected values are computed from."""
        return tuple(s.source for s in self.steps if s.kind == "fixture")

    def question(self, grade_id: str) -> Question:
        return next(q for q in self.questions if q.grade_id == grade_id)

    @property
    def max_auto_score(self) -> float:
        return sum(q.points for q in self.questions)


def _literal_str(node: ast.AST, where: str) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
        return node.value
    raise PlanError(f"{where}: the description of a check must be a string literal")


def _checks(code: str, hidden: bool, where: str) -> list[Check]:
    try:
        tree = ast.parse(code)
    except SyntaxError as err:
        raise PlanError(f"{where}: does not parse ({err.msg}, line {err.lineno})") from None
    found = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Import | ast.ImportFrom):
            continue
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        name = getattr(getattr(call, "func", None), "id", None)
        if not isinstance(call, ast.Call) or name not in CHECKS:
            raise PlanError(
                f"{where}: line {stmt.lineno}: a test cell may hold only imports and "
                f"check calls ({', '.join(CHECKS)})"
            )
        if len(call.args) != 3:
            raise PlanError(f"{where}: line {stmt.lineno}: {name} takes (actual, expected, what)")
        options = {}
        for kw in call.keywords:
            try:
                options[kw.arg] = ast.literal_eval(kw.value)
            except ValueError:
                raise PlanError(
                    f"{where}: line {stmt.lineno}: {kw.arg}= must be a literal"
                ) from None
        found.append(
            Check(
                function=name,
                actual=ast.unparse(call.args[0]),
                expected=ast.unparse(call.args[1]),
                what=_literal_str(call.args[2], where),
                options=options,
                hidden=hidden,
            )
        )
    return found


def parse_test_cell(source: str, where: str) -> list[Check]:
    """The checks of a test cell, visible and hidden, in order."""
    visible, hidden, inside = [], [], False
    for line in source.splitlines():
        if BEGIN_HIDDEN in line:
            inside = True
        elif END_HIDDEN in line:
            inside = False
        else:
            (hidden if inside else visible).append(line)
    return _checks("\n".join(visible), False, where) + _checks("\n".join(hidden), True, where)


def plan_notebook(nb: nbformat.NotebookNode, name: str) -> Plan:
    """Read a grading plan from an instructor (or released) notebook."""
    steps, questions, manual, seen = [], [], [], set()
    for index, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        grade_id = meta.get("grade_id") or f"cell-{index + 1}"
        where = f"{name}: {grade_id}"
        if meta and grade_id in seen:
            raise PlanError(f"{where}: duplicate grade_id")
        seen.add(grade_id)
        if is_test_cell(cell):
            checks = parse_test_cell(cell.source, where)
            questions.append(Question(grade_id, cell_points(cell), tuple(checks)))
            steps.append(Step("test", grade_id))
        elif is_manual_cell(cell):
            manual.append((grade_id, cell_points(cell)))
            steps.append(Step("manual", grade_id))
        elif is_answer_cell(cell) and cell.cell_type == "code":
            steps.append(Step("answer", grade_id))
        elif cell.cell_type == "code":
            steps.append(Step("fixture", grade_id, cell.source))
    return Plan(name, tuple(steps), tuple(questions), tuple(manual))


def plan_file(path: Path) -> Plan:
    """The plan of the notebook at ``path`` (``PlanError`` when it cannot be read)."""
    try:
        nb = load_notebook(path)
    except Exception as err:
        raise PlanError(str(err)) from None
    return plan_notebook(nb, Path(path).name)
