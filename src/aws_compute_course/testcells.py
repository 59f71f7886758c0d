"""nbgrader's cell metadata and the test-cell convention, read in one place.

``make exercises`` (:mod:`aws_compute_course.assignments`), the class grader's plan
(:mod:`aws_compute_course.grading.plan`) and the self-check (:mod:`aws_compute_course.selfcheck`)
all read graded cells through :func:`graded_cells`, so the three accept and refuse the same
cells with the same message. The convention itself is described in
:mod:`aws_compute_course.checks`; in short, a test cell holds only imports and top-level
``check_xxx(actual, expected, "what")`` calls, with its hidden checks in blocks announced by
a ``# Hidden checks: N`` comment right above each.

The metadata helpers never trust a cell's shape: a submission may carry any JSON there
(``metadata.nbgrader`` a string, ``grade_id`` a list), and such a cell is simply not an
nbgrader cell.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass, field

from aws_compute_course.checks import CHECKS

BEGIN_HIDDEN = "BEGIN HIDDEN TESTS"  # nbgrader matches these anywhere in a line
END_HIDDEN = "END HIDDEN TESTS"
HIDDEN_COMMENT = re.compile(r"^\s*#\s*Hidden checks:\s*(\d+)\s*$", re.IGNORECASE)
#: The keyword options each check takes (each a literal number >= 0).
CHECK_OPTIONS: dict[str, tuple[str, ...]] = {
    "check_equal": (),
    "check_close": ("rel", "abs_tol"),
    "check_in": (),
}


#: What feedback may show of a failed hidden check (see :mod:`aws_compute_course.grading.plan`).
FEEDBACK_LEVELS = ("result", "answer", "expected")
METADATA_KEY = "aws_compute_course"


class ConventionError(ValueError):
    """A graded cell breaks the test-cell convention; the message names the cell and line."""


# --- nbgrader cell metadata -----------------------------------------------------------------


def nbgrader_meta(cell: object) -> dict:
    """The cell's nbgrader metadata: {} for a cell nbgrader does not know or a malformed one."""
    metadata = cell.get("metadata") if isinstance(cell, dict) else None
    meta = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return meta if isinstance(meta, dict) else {}


def grade_id(cell: object) -> str | None:
    """The cell's nbgrader grade_id, or None when it has none (or not a non-empty string)."""
    value = nbgrader_meta(cell).get("grade_id")
    return value if isinstance(value, str) and value else None


def _flag(cell: object, name: str) -> bool:
    return nbgrader_meta(cell).get(name) is True


def is_test_cell(cell: object) -> bool:
    """An autograded test cell: graded, not a solution, code."""
    return _cell_type(cell) == "code" and _flag(cell, "grade") and not _flag(cell, "solution")


def is_answer_cell(cell: object) -> bool:
    """A cell where the learner writes an autograded answer (solution, not graded itself)."""
    return _flag(cell, "solution") and not _flag(cell, "grade")


def is_manual_cell(cell: object) -> bool:
    """An answer or task the instructor grades by hand."""
    return (_flag(cell, "grade") and _flag(cell, "solution")) or _flag(cell, "task")


def cell_points(cell: object) -> float:
    """The points nbgrader awards for the cell (0 when none, or not a finite number >= 0)."""
    points = nbgrader_meta(cell).get("points")
    if isinstance(points, bool) or not isinstance(points, int | float):
        return 0.0
    return float(points) if math.isfinite(points) and points >= 0 else 0.0


def cell_name(cell: object, index: int) -> str:
    """How messages refer to a cell: its grade_id, else its position."""
    return grade_id(cell) or f"cell {index + 1}"


def _cell_type(cell: object) -> object:
    return cell.get("cell_type") if isinstance(cell, dict) else None


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


# --- the test-cell convention ---------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One check call of a test cell: the source of its arguments."""

    function: str
    actual: str
    expected: str
    what: str
    options: dict[str, float] = field(default_factory=dict)
    hidden: bool = False


@dataclass(frozen=True)
class TestCell:
    """A parsed test cell: its points and checks."""

    __test__ = False  # not a pytest test class, despite the name

    grade_id: str
    points: float
    checks: tuple[Check, ...]


def declared_hidden_checks(source: str) -> int:
    """The hidden checks a test cell announces: the sum of its ``# Hidden checks: N`` lines."""
    return sum(int(m.group(1)) for m in map(HIDDEN_COMMENT.match, source.splitlines()) if m)


def has_hidden_block(source: str) -> bool:
    return BEGIN_HIDDEN in source or END_HIDDEN in source


def _split(source: str, where: str, in_source: bool) -> tuple[list[str], list[str]]:
    """The visible lines and the hidden lines (each blank where the other kind is).

    Lines keep their numbers (the other kind's lines become blank), so messages can point
    at the line of the cell.
    """
    lines = source.splitlines()
    visible, hidden = [""] * len(lines), [""] * len(lines)
    start = None
    orphans = []  # comments not right above a block: an error in a source, checked last
    for i, line in enumerate(lines):
        if BEGIN_HIDDEN in line:
            if start is not None:
                raise ConventionError(f"{where}: line {i + 1}: nested '{BEGIN_HIDDEN}'")
            start = i
        elif END_HIDDEN in line:
            if start is None:
                raise ConventionError(
                    f"{where}: line {i + 1}: '{END_HIDDEN}' without '{BEGIN_HIDDEN}'"
                )
            block = _checks_in(lines, start + 1, i, where)
            comment = HIDDEN_COMMENT.match(lines[start - 1]) if start else None
            if comment is None:
                raise ConventionError(
                    f"{where}: line {start + 1}: the line right above '### {BEGIN_HIDDEN}' "
                    f"must be '# Hidden checks: {block}'"
                )
            if int(comment.group(1)) != block:
                raise ConventionError(
                    f"{where}: line {start}: says '# Hidden checks: {comment.group(1)}' but "
                    f"its hidden block has {block} check call(s)"
                )
            start = None
        elif start is not None:
            hidden[i] = line
        else:
            visible[i] = line
            above_block = i + 1 < len(lines) and BEGIN_HIDDEN in lines[i + 1]
            if HIDDEN_COMMENT.match(line) and not above_block:
                orphans.append(i + 1)
    if start is not None:
        raise ConventionError(f"{where}: line {start + 1}: '{BEGIN_HIDDEN}' without '{END_HIDDEN}'")
    if in_source and orphans:
        raise ConventionError(
            f"{where}: line {orphans[0]}: a '# Hidden checks' comment is not right above "
            "a hidden block"
        )
    return visible, hidden


def _checks_in(lines: list[str], first: int, end: int, where: str) -> int:
    """How many check calls a hidden block holds (it must parse on its own)."""
    code = "\n".join([""] * first + lines[first:end])
    return len(_parse(code, where, hidden=True))


def _literal_option(kw: ast.keyword, function: str, where: str, line: int) -> float:
    allowed = CHECK_OPTIONS[function]
    if kw.arg not in allowed:
        takes = f"only {', '.join(f'{a}=' for a in allowed)}" if allowed else "no keyword options"
        raise ConventionError(f"{where}: line {line}: {function} takes {takes}, not {kw.arg}=")
    try:
        value = ast.literal_eval(kw.value)
    except (ValueError, TypeError, RecursionError):
        raise ConventionError(f"{where}: line {line}: {kw.arg}= must be a literal") from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < math.inf:
        raise ConventionError(f"{where}: line {line}: {kw.arg}= must be a number >= 0")
    return value


def _check(stmt: ast.stmt, where: str, hidden: bool) -> Check:
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    name = call.func.id if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) else ""
    if isinstance(stmt, ast.Assert):
        raise ConventionError(
            f"{where}: line {stmt.lineno}: 'assert' in a test cell; use the check_* functions"
        )
    method = call.func if isinstance(call, ast.Call) else None
    if isinstance(method, ast.Attribute) and method.attr in CHECKS:
        raise ConventionError(
            f"{where}: line {stmt.lineno}: call the check by its name, "
            f"{method.attr}(...), not {ast.unparse(method)}(...)"
        )
    if name not in CHECKS:
        nested = any(_is_check_call(node) for node in ast.walk(stmt))
        why = (
            "a check must be a top-level statement of its own, not inside a loop, function "
            "or expression"
            if nested
            else f"a test cell may hold only imports and top-level check calls "
            f"({', '.join(CHECKS)} by name)"
        )
        raise ConventionError(f"{where}: line {stmt.lineno}: {why}")
    if len(call.args) != 3 or any(isinstance(a, ast.Starred) for a in call.args):
        raise ConventionError(f"{where}: line {stmt.lineno}: {name} takes (actual, expected, what)")
    what = call.args[2]
    if not (isinstance(what, ast.Constant) and isinstance(what.value, str) and what.value.strip()):
        raise ConventionError(
            f"{where}: line {stmt.lineno}: the description of a check must be a string literal"
        )
    return Check(
        function=name,
        actual=ast.unparse(call.args[0]),
        expected=ast.unparse(call.args[1]),
        what=what.value,
        options={kw.arg: _literal_option(kw, name, where, stmt.lineno) for kw in call.keywords},
        hidden=hidden,
    )


def _is_check_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    f = node.func
    return (isinstance(f, ast.Name) and f.id in CHECKS) or (
        isinstance(f, ast.Attribute) and f.attr in CHECKS
    )


def _parse(code: str, where: str, hidden: bool) -> list[Check]:
    kind = "hidden tests do not" if hidden else "does not"
    try:
        tree = ast.parse(code)
    except SyntaxError as err:
        line = f"line {err.lineno}: " if err.lineno else ""
        raise ConventionError(f"{where}: {line}{kind} parse ({err.msg})") from None
    except (ValueError, RecursionError, MemoryError) as err:  # null bytes, absurd nesting
        raise ConventionError(f"{where}: {kind} parse ({type(err).__name__})") from None
    return [
        _check(stmt, where, hidden)
        for stmt in tree.body
        if not isinstance(stmt, ast.Import | ast.ImportFrom)
    ]


def parse_test_cell(source: str, where: str, in_source: bool = True) -> tuple[Check, ...]:
    """The checks of a test cell, visible then hidden, in order; ``ConventionError`` if bad.

    ``in_source``: the cell comes from an instructor's source (a notebook with hidden
    blocks), where every ``# Hidden checks`` comment must sit right above a block; in a
    learner's copy the blocks are gone and the comments only announce them.
    """
    visible, hidden = _split(source, where, in_source)
    return tuple(_parse("\n".join(visible), where, False) + _parse("\n".join(hidden), where, True))


def graded_cells(cells: list) -> list[TestCell]:
    """Every test cell of a notebook's ``cells``, parsed; ``ConventionError`` on the first bad one.

    Also refuses what would make a plan ambiguous: a duplicate grade_id, a hidden block
    outside a test cell, a graded cell without a grade_id.
    """
    in_source = any(is_test_cell(c) and has_hidden_block(_source(c)) for c in cells)
    seen: set[str] = set()
    found = []
    for index, cell in enumerate(cells):
        where = cell_name(cell, index)
        gid = grade_id(cell)
        if gid is not None:
            if gid in seen:
                raise ConventionError(f"{where}: duplicate grade_id")
            seen.add(gid)
        source = _source(cell)
        if not is_test_cell(cell):
            if has_hidden_block(source):
                raise ConventionError(f"{where}: hidden tests outside a graded test cell")
            if is_manual_cell(cell) and gid is None:
                raise ConventionError(f"{where}: a graded cell without a grade_id")
            continue
        if gid is None:
            raise ConventionError(f"{where}: a graded cell without a grade_id")
        checks = parse_test_cell(source, where, in_source)
        found.append(TestCell(gid, cell_points(cell), checks))
    return found


def hidden_check_feedback(notebook_metadata: object) -> str:
    """The notebook's choice of what feedback shows of a failed hidden check ("result" if none)."""
    settings = (
        notebook_metadata.get(METADATA_KEY, {}) if isinstance(notebook_metadata, dict) else {}
    )
    level = settings.get("hidden_check_feedback", "result") if isinstance(settings, dict) else None
    if level not in FEEDBACK_LEVELS:
        raise ConventionError(
            f"notebook metadata {METADATA_KEY}.hidden_check_feedback must be one of "
            f"{', '.join(map(repr, FEEDBACK_LEVELS))}, got {level!r}"
        )
    return level
