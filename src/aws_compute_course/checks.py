"""The checks that graded test cells call, and the convention those cells follow.

Each check compares the learner's value (``actual``) with the instructor's (``expected``)
and raises ``AssertionError`` naming what was checked, the expected and the actual value.

Before comparing, both values are converted to *plain values*: ``None``, ``bool``, ``int``,
``float``, ``str``, or lists, tuples and dicts of those. numpy scalars and arrays and pandas
``Series``, ``DataFrame`` and ``Index`` objects are converted explicitly (a Series becomes a
dict from index label to value, a DataFrame a dict from column to such a dict); ``pd.NA`` and
``pd.NaT`` become NaN. Anything else fails, subclasses of the plain types included: an
answer must not be able to decide for itself that it equals the expected value (an object
whose ``__eq__`` always returns True is the classic fake). The comparison itself is
structural and never calls a method of the learner's objects. NaN equals nothing, not even
NaN. A bool is not a number: ``True`` does not pass for ``1``. Lists and tuples compare
alike; ``730`` equals ``730.0``.

Test-cell convention
--------------------
The class grader evaluates each check's ``actual`` expression inside the sandboxed student
kernel and its ``expected`` expression outside it, by parsing the test cell
(:mod:`aws_compute_course.testcells`, which ``make exercises``, the grader and the
self-check all use). So:

* One graded question per test cell (nbgrader scores each cell all-or-nothing).
* Each check is one top-level statement, a single call::

      check_xxx(<actual>, <expected>, "<what is checked>")

  ``<actual>`` is an expression using the learner's code. ``<expected>`` is a literal or an
  expression using only ``aws_compute_course`` and names defined in read-only (locked)
  fixture cells, never anything the learner defines. ``"<what>"`` is a string literal.
  The call names the check directly (``check_equal(...)``, not ``checks.check_equal(...)``);
  ``check_close``'s tolerances (``rel=``, ``abs_tol=``) are literal numbers, and no other
  keyword is accepted. Besides check calls, a test cell holds only imports: no assignments
  (``expected = 73.0``), no ``assert``, no loops.
* Hidden checks go between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``; the
  line right above ``### BEGIN HIDDEN TESTS`` is a visible comment ``# Hidden checks: N``
  telling the learner how many hidden checks the instructor will run. ``make exercises``,
  the grader and the self-check refuse a cell whose count is wrong or that breaks any rule
  above, with the same message naming the cell and line.

Example test cell::

    from aws_compute_course.checks import check_close, check_equal

    check_close(monthly_cost(0.1, 730), 73.0, "monthly cost of 730 h at $0.10/h")
    check_equal(cheapest(["a", "b"]), "a", "cheapest of two options")
    # Hidden checks: 2
    ### BEGIN HIDDEN TESTS
    check_close(monthly_cost(0.2, 100), pricing.monthly(0.2, 100), "monthly cost, 100 h")
    check_equal(cheapest([]), None, "cheapest of no options")
    ### END HIDDEN TESTS

For a multiple-choice question, a visible ``check_in`` confirms the answer is one of the
options and a hidden ``check_equal`` checks the letter.
"""

from __future__ import annotations

import math
import sys
import traceback
from collections.abc import Callable, Iterable
from fractions import Fraction

__all__ = [
    "CHECKS",
    "CheckFailed",
    "NotPlainError",
    "check_close",
    "check_equal",
    "check_in",
    "short_repr",
    "to_plain",
]

#: Names of the check functions, for tools that parse test cells.
CHECKS = ("check_equal", "check_close", "check_in")


class CheckFailed(AssertionError):
    """A check that did not pass: what was checked, the expected and the actual value.

    In a notebook IPython shows it as its message first, then the learner's line that
    called the check, and nothing of this module: the learner needs the message, not the
    internals of the comparison (``__tracebackhide__`` alone still leaves the raising frame).
    """

    def _render_traceback_(self) -> list[str]:
        frames = [f for f in traceback.extract_tb(self.__traceback__) if f.filename != __file__]
        called = traceback.format_list(frames[-1:])
        return [f"Check failed: {self}", "", *"".join(called).rstrip().splitlines()]


_PLAIN_SCALARS = (type(None), bool, int, float, str)
_MAX_REPR = 200
_PLAIN_HINT = "bool, int, float, str, None, or lists, tuples and dicts of them"

Plain = bool | int | float | str | list["Plain"] | tuple["Plain", ...] | dict | None


class NotPlainError(TypeError):
    """The value is not (and cannot be converted to) a plain value."""


def to_plain(value: object) -> Plain:
    """Convert ``value`` to a plain value, or raise ``NotPlainError`` saying what it was."""
    try:
        return _to_plain(value, "", frozenset())
    except RecursionError:
        raise NotPlainError("a value nested too deeply") from None


def _where(path: str) -> str:
    return f" at {path}" if path else ""


def _to_plain(value: object, path: str, parents: frozenset[int]) -> Plain:
    kind = type(value)  # exact types only: a subclass could override __eq__ or __iter__
    if kind in _PLAIN_SCALARS:
        return value
    if kind in (list, tuple, dict):
        if id(value) in parents:
            raise NotPlainError(f"a {kind.__name__} that contains itself{_where(path)}")
        inner = parents | {id(value)}
        if kind is dict:
            return _dict_to_plain(value.items(), path, inner)
        items = [_to_plain(v, f"{path}[{i}]", inner) for i, v in enumerate(value)]
        return items if kind is list else tuple(items)
    converted = _convert_numpy(value, path, parents)
    if converted is not _UNCONVERTED:
        return converted
    converted = _convert_pandas(value, path, parents)
    if converted is not _UNCONVERTED:
        return converted
    raise NotPlainError(f"{_describe_type(kind)}{_where(path)}")


_UNCONVERTED = object()


def _dict_to_plain(items: Iterable, path: str, parents: frozenset[int]) -> dict:
    out: dict = {}
    for key, item in items:
        plain_key = _to_plain(key, path, parents)
        if isinstance(plain_key, list | dict):
            raise NotPlainError(f"an unhashable dict key{_where(path)}")
        out[plain_key] = _to_plain(item, f"{path}[{plain_key!r}]", parents)
    return out


def _convert_numpy(value: object, path: str, parents: frozenset[int]) -> object:
    np = sys.modules.get("numpy")  # not imported means value cannot be a numpy object
    if np is None:
        return _UNCONVERTED
    if isinstance(value, np.generic):
        # The unbound C method returns a genuine Python scalar even for a subclass.
        return _to_plain(np.generic.item(value), path, parents)
    if type(value) is np.ndarray:
        return _to_plain(np.ndarray.tolist(value), path, parents)
    return _UNCONVERTED


def _convert_pandas(value: object, path: str, parents: frozenset[int]) -> object:
    pd = sys.modules.get("pandas")
    if pd is None:
        return _UNCONVERTED
    if value is pd.NA or value is pd.NaT:
        return math.nan
    kind = type(value)
    if kind is pd.Series:
        return _series_to_plain(value, path, parents)
    if kind is pd.DataFrame:
        if not value.columns.is_unique:
            raise NotPlainError(f"a DataFrame with duplicate column labels{_where(path)}")
        return {
            _to_plain(label, path, parents): _series_to_plain(col, f"{path}[{label!r}]", parents)
            for label, col in value.items()
        }
    if isinstance(value, pd.Index) and kind.__module__.split(".")[0] == "pandas":
        return _to_plain(value.tolist(), path, parents)
    return _UNCONVERTED


def _series_to_plain(series: object, path: str, parents: frozenset[int]) -> dict:
    if not series.index.is_unique:
        raise NotPlainError(f"a Series with duplicate index labels{_where(path)}")
    pairs = zip(series.index.tolist(), series.tolist(), strict=True)
    return _dict_to_plain(pairs, path, parents)


def _describe_type(kind: type) -> str:
    for base in (*_PLAIN_SCALARS, list, tuple, dict):
        if issubclass(kind, base):
            return f"an object of type {kind.__qualname__} (a subclass of {base.__name__})"
    module = kind.__module__
    prefix = "" if module in ("builtins", "__main__") else f"{module}."
    return f"an object of type {prefix}{kind.__qualname__}"


def short_repr(value: Plain) -> str:
    """``repr`` of a plain value, cut to 200 characters (for messages)."""
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # an int past Python's digit limit, or deep nesting
        return f"<{_kind(value)} too large to show>"
    return text if len(text) <= _MAX_REPR else text[: _MAX_REPR - 1] + "…"


def _kind(value: Plain) -> str:
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "a bool"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "a list"
    return "a dict"


NumbersMatch = Callable[[float, float], bool]
Steps = tuple[int | str | float | bool | tuple | None, ...]  # list indexes and dict keys
Difference = tuple[Steps, str]  # where the values differ, and how ("" when obvious)


def _difference(
    actual: Plain, expected: Plain, path: Steps, same: NumbersMatch
) -> Difference | None:
    """Find the first difference between two plain values; None when they match."""
    if _kind(actual) != _kind(expected):
        return path, f"expected {_kind(expected)}, got {_kind(actual)}"
    if _kind(expected) == "a number":
        if _is_nan(actual) or _is_nan(expected):
            return path, "NaN never equals anything"
        return None if same(actual, expected) else (path, "")
    if isinstance(expected, list | tuple):
        if len(actual) != len(expected):
            return path, f"expected {len(expected)} items, got {len(actual)}"
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            found = _difference(a, e, (*path, i), same)
            if found:
                return found
        return None
    if isinstance(expected, dict):
        missing = [k for k in expected if k not in actual]
        if missing:
            return path, f"missing key {short_repr(missing[0])}"
        extra = [k for k in actual if k not in expected]
        if extra:
            return path, f"unexpected key {short_repr(extra[0])}"
        for key, e in expected.items():
            found = _difference(actual[key], e, (*path, key), same)
            if found:
                return found
        return None
    return None if actual == expected else (path, "")  # str, bool or None


def _is_nan(number: float) -> bool:
    # Only a float can be NaN; math.isnan would raise OverflowError on an int past float range.
    return isinstance(number, float) and math.isnan(number)


def _explain(found: Difference, actual: Plain, expected: Plain) -> str:
    """The part of a failure message that the two values alone do not make obvious."""
    path, reason = found
    if not path:
        return f" ({reason})" if reason else ""
    if not reason:
        reason = f"expected {short_repr(_at(expected, path))}, got {short_repr(_at(actual, path))}"
    return f" (at {''.join(f'[{step!r}]' for step in path)}: {reason})"


def _at(value: Plain, path: Steps) -> Plain:
    for step in path:
        value = value[step]
    return value


def _plain_expected(expected: object, what: str) -> Plain:
    """The instructor's value; a non-plain one is an authoring error, not a failed answer."""
    __tracebackhide__ = True
    if not isinstance(what, str) or not what.strip():
        raise TypeError(f"'what' must be a non-empty string describing the check, got {what!r}")
    try:
        return to_plain(expected)
    except NotPlainError as err:
        raise TypeError(f"{what}: the expected value is not plain: {err}") from None


def _plain_actual(actual: object, what: str, expected_text: str) -> Plain:
    __tracebackhide__ = True
    try:
        return to_plain(actual)
    except NotPlainError as err:
        raise CheckFailed(
            f"{what}: expected {expected_text}, got {err}; "
            f"an answer must be a plain value ({_PLAIN_HINT})"
        ) from None


def _exact(a: float, e: float) -> bool:
    return a == e


def _compare(actual: object, expected: object, what: str, same: NumbersMatch, note: str) -> None:
    __tracebackhide__ = True
    plain_expected = _plain_expected(expected, what)
    expected_text = short_repr(plain_expected) + note
    plain_actual = _plain_actual(actual, what, expected_text)
    found = _difference(plain_actual, plain_expected, (), same)
    if found is not None:
        raise CheckFailed(
            f"{what}: expected {expected_text}, got {short_repr(plain_actual)}"
            + _explain(found, plain_actual, plain_expected)
        )


def check_equal(actual: object, expected: object, what: str) -> None:
    """Pass when ``actual`` equals ``expected`` as plain values; raise AssertionError if not."""
    __tracebackhide__ = True
    _compare(actual, expected, what, _exact, "")


def check_close(
    actual: object, expected: object, what: str, rel: float = 1e-6, abs_tol: float = 1e-9
) -> None:
    """Like ``check_equal``, but numbers (also inside lists and dicts) match within tolerance.

    ``rel`` is relative to the larger magnitude and ``abs_tol`` absolute, as in
    ``math.isclose``. Infinities match only themselves; NaN matches nothing.
    """
    __tracebackhide__ = True
    for name, tol in (("rel", rel), ("abs_tol", abs_tol)):
        if type(tol) not in (int, float) or not 0 <= tol < math.inf:
            raise ValueError(f"{name} must be a finite number >= 0, got {tol!r}")
    note = f" (within rel={rel:g}, abs_tol={abs_tol:g})"
    _compare(actual, expected, what, lambda a, e: _close(a, e, rel, abs_tol), note)


def _close(a: float, e: float, rel: float, abs_tol: float) -> bool:
    """math.isclose, also for ints too large for a float (compared exactly, as fractions)."""
    try:
        return math.isclose(a, e, rel_tol=rel, abs_tol=abs_tol)
    except OverflowError:
        if any(isinstance(x, float) and not math.isfinite(x) for x in (a, e)):
            return False  # an infinity matches only itself
        a, e = Fraction(a), Fraction(e)
        return abs(a - e) <= max(Fraction(rel) * max(abs(a), abs(e)), Fraction(abs_tol))


def check_in(actual: object, allowed: list | tuple, what: str) -> None:
    """Pass when ``actual`` equals one of ``allowed`` (e.g. the letters of a multiple choice)."""
    __tracebackhide__ = True
    options = _plain_expected(allowed, what)
    if not isinstance(options, list | tuple) or not options:
        raise TypeError(f"{what}: 'allowed' must be a non-empty list or tuple, got {allowed!r}")
    expected_text = "one of " + short_repr(options)
    plain_actual = _plain_actual(actual, what, expected_text)
    if any(_difference(plain_actual, option, (), _exact) is None for option in options):
        return
    raise CheckFailed(f"{what}: expected {expected_text}, got {short_repr(plain_actual)}")
