"""The checks graded test cells call: plain-value conversion, comparison, messages."""

from __future__ import annotations

import copy
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aws_compute_course.checks import (
    CHECKS,
    NotPlainError,
    check_close,
    check_equal,
    check_in,
    to_plain,
)

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
plain_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4)
    ),
    max_leaves=20,
)


class AlwaysEqual:
    """The classic fake answer: equal to whatever it is compared with."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0


class EqualFloat(float):
    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0


class EqualList(list):
    def __eq__(self, other: object) -> bool:
        return True


class EqualNumpyFloat(np.float64):
    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0


def failure(check, *args, **kwargs) -> str:
    """The AssertionError message of a check that must fail."""
    with pytest.raises(AssertionError) as info:
        check(*args, **kwargs)
    return str(info.value)


# --- equal values pass ----------------------------------------------------------------------


@given(plain_values)
def test_a_plain_value_equals_itself_and_its_copy(value):
    check_equal(value, copy.deepcopy(value), "same value")
    check_close(value, copy.deepcopy(value), "same value")
    assert to_plain(value) == value


@given(st.lists(st.integers(-(2**40), 2**40), max_size=6))
def test_lists_and_tuples_compare_alike(items):
    check_equal(tuple(items), items, "tuple vs list")
    check_equal(items, tuple(items), "list vs tuple")


def test_ints_equal_floats_of_the_same_value():
    check_equal(730, 730.0, "int vs float")
    check_equal(730.0, 730, "float vs int")


# --- the defences ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fake",
    [AlwaysEqual(), EqualFloat(1.0), EqualList([1]), [1, AlwaysEqual()], {"a": AlwaysEqual()}],
    ids=["object", "float-subclass", "list-subclass", "nested-in-list", "nested-in-dict"],
)
def test_objects_with_a_custom_eq_fail(fake):
    message = failure(check_equal, fake, 1, "the fake")
    assert message.startswith("the fake: expected 1, got an object of type ")
    assert "plain value" in message


def test_fake_dict_keys_fail():
    assert "AlwaysEqual" in failure(check_equal, {AlwaysEqual(): 1}, {"a": 1}, "keys")


def test_a_numpy_subclass_is_compared_by_its_real_value():
    check_equal(EqualNumpyFloat(3.0), 3.0, "real value")
    assert "got 2.0" in failure(check_equal, EqualNumpyFloat(2.0), 3.0, "real value")


@given(st.integers())
def test_a_bool_never_passes_for_a_number(n):
    for flag in (True, False):
        message = failure(check_equal, flag, n, "flag")
        assert "expected a number, got a bool" in message
        failure(check_close, flag, n, "flag")
        failure(check_equal, n, flag, "number")


def test_a_bool_inside_a_structure_does_not_pass_for_a_number():
    message = failure(check_equal, [1, True], [1, 1], "pair")
    assert "at [1]: expected a number, got a bool" in message


@given(plain_values, st.sampled_from([math.nan, np.nan, np.float32("nan")]))
def test_nan_never_equals_anything(value, nan):
    assert "NaN never equals anything" in failure(check_equal, nan, math.nan, "nan")
    failure(check_close, nan, math.nan, "nan")
    failure(check_equal, [value, nan], [value, nan], "nan inside")
    failure(check_equal, {"x": nan}, {"x": value}, "nan vs value")


def test_self_containing_and_deeply_nested_values_fail_cleanly():
    loop: list = []
    loop.append(loop)
    assert "a list that contains itself at [0]" in failure(check_equal, loop, [], "loop")
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    assert "nested too deeply" in failure(check_equal, deep, [], "deep")


@pytest.mark.parametrize("value", [{1, 2}, b"bytes", 1j, object(), print])
def test_other_types_are_not_plain(value):
    with pytest.raises(NotPlainError):
        to_plain(value)
    assert "plain value" in failure(check_equal, value, 1, "other")


# --- numpy and pandas -----------------------------------------------------------------------


@given(st.lists(st.integers(-(2**31), 2**31), max_size=8))
def test_numpy_arrays_and_scalars_convert(items):
    array = np.array(items, dtype=np.int64)
    check_equal(array, items, "array")
    assert all(type(v) is int for v in to_plain(array))
    if items:
        assert type(to_plain(array[0])) is int


def test_numpy_types_convert_to_plain_python_types():
    assert type(to_plain(np.float32(0.5))) is float
    assert type(to_plain(np.bool_(True))) is bool
    assert type(to_plain(np.str_("a"))) is str
    assert to_plain(np.array([[1.5, 2.0]])) == [[1.5, 2.0]]
    check_equal(np.bool_(True), True, "numpy bool")
    failure(check_equal, np.bool_(True), 1, "numpy bool is not a number")
    failure(check_equal, np.array([1, object()], dtype=object), [1, 2], "object array")


def test_pandas_objects_convert_explicitly():
    series = pd.Series([1.5, 2.5], index=["a", "b"])
    assert to_plain(series) == {"a": 1.5, "b": 2.5}
    frame = pd.DataFrame({"x": [1, 2]}, index=["p", "q"])
    assert to_plain(frame) == {"x": {"p": 1, "q": 2}}
    assert to_plain(pd.Index([3, 4])) == [3, 4]
    assert to_plain(pd.RangeIndex(2)) == [0, 1]
    check_close(series, {"a": 1.5, "b": 2.5}, "series")
    message = failure(check_equal, series, {"a": 1.5, "b": 3.0}, "series")
    assert "at ['b']: expected 3.0, got 2.5" in message


def test_pandas_missing_values_never_equal_anything():
    series = pd.Series([1.0, None], dtype="Float64")
    assert "NaN never equals" in failure(check_equal, series, {0: 1.0, 1: 2.0}, "NA")
    failure(check_equal, pd.NaT, None, "NaT")


def test_pandas_objects_with_duplicate_labels_are_not_plain():
    with pytest.raises(NotPlainError, match="duplicate index labels"):
        to_plain(pd.Series([1, 2], index=["a", "a"]))


# --- check_close ----------------------------------------------------------------------------


@given(st.floats(min_value=1e-3, max_value=1e12))
def test_check_close_respects_the_relative_tolerance(x):
    check_close(x * (1 + 1e-9), x, "tiny error")
    check_close([x * (1 - 1e-9)], [x], "tiny error in a list")
    message = failure(check_close, x * 1.001, x, "cost")
    assert message.startswith(f"cost: expected {x!r} (within rel=1e-06, abs_tol=1e-09), got ")


def test_check_close_handles_infinities_and_tolerances():
    check_close(math.inf, math.inf, "inf")
    failure(check_close, math.inf, -math.inf, "inf")
    check_close(1.05, 1.0, "loose", rel=0.1)
    check_close(1e-12, 0.0, "near zero")
    for bad in ({"rel": -1}, {"abs_tol": math.inf}, {"rel": True}):
        with pytest.raises(ValueError):
            check_close(1.0, 1.0, "bad tolerance", **bad)


# --- check_in -------------------------------------------------------------------------------


def test_check_in_accepts_only_the_listed_options():
    check_in("B", ["A", "B", "C"], "choice")
    check_in(np.str_("C"), ("A", "B", "C"), "numpy string choice")
    message = failure(check_in, "E", ["A", "B", "C"], "answer_q1")
    assert message == "answer_q1: expected one of ['A', 'B', 'C'], got 'E'"
    failure(check_in, True, [1, 2], "bool is not 1")
    failure(check_in, AlwaysEqual(), ["A"], "fake")
    with pytest.raises(TypeError):
        check_in("A", [], "no options")


# --- messages and authoring errors ----------------------------------------------------------


def test_messages_name_what_expected_and_actual():
    message = failure(check_equal, "B", "C", "the cheaper option")
    assert message == "the cheaper option: expected 'C', got 'B'"
    message = failure(check_equal, [1, 2], [1, 2, 3], "list")
    assert message == "list: expected [1, 2, 3], got [1, 2] (expected 3 items, got 2)"
    assert "(missing key 'b')" in failure(check_equal, {"a": 1}, {"a": 1, "b": 2}, "d")
    assert "(unexpected key 'c')" in failure(check_equal, {"a": 1, "c": 2}, {"a": 1}, "d")
    assert "(expected a string, got a number)" in failure(check_equal, 1, "1", "type")


def test_long_values_are_shortened_in_messages():
    message = failure(check_equal, list(range(10_000)), [], "long")
    assert len(message) < 600
    assert "…" in message


def test_authoring_errors_are_not_assertion_errors():
    with pytest.raises(TypeError, match="expected value is not plain"):
        check_equal(1, AlwaysEqual(), "bad expected")
    with pytest.raises(TypeError, match="'what'"):
        check_equal(1, 1, "")
    with pytest.raises(TypeError, match="'what'"):
        check_equal(1, 1, None)


def test_checks_are_listed_for_test_cell_parsers():
    import aws_compute_course.checks as checks

    assert all(callable(getattr(checks, name)) for name in CHECKS)
