"""The shared parameter checks every model uses."""

import math

import numpy as np
import pytest

from aws_compute_course import validate


@pytest.mark.parametrize(
    ("x", "kwargs", "message"),
    [
        (True, {}, "must be a finite number, got True"),
        ("1", {}, "must be a finite number"),
        (math.nan, {}, "must be a finite number"),
        (math.inf, {}, "must be a finite number"),
        (-1, {"low": 0}, r"must be a finite number >= 0, got -1"),
        (0, {"low": 0, "low_open": True}, r"must be a finite number > 0, got 0"),
        (11, {"low": 0, "high": 10}, r"must be in \[0, 10\], got 11"),
        (0, {"low": 0, "high": 10, "low_open": True}, r"must be in \(0, 10\], got 0"),
    ],
)
def test_number_names_the_parameter_and_the_range(x, kwargs, message):
    with pytest.raises(ValueError, match=f"^speed {message}"):
        validate.number("speed", x, **kwargs)


def test_number_accepts_numpy_and_returns_float():
    assert validate.number("x", np.int64(3), 0, 3) == 3.0
    assert type(validate.positive("x", np.float32(0.5))) is float


@pytest.mark.parametrize(
    ("x", "low", "high", "message"),
    [
        (1.0, 0, None, "must be an integer, got 1.0"),
        (False, 0, None, "must be an integer, got False"),
        (-1, 0, None, "must be an integer >= 0, got -1"),
        (10_001, 1, 10_000, "must be an integer between 1 and 10,000, got 10001"),
    ],
)
def test_integer(x, low, high, message):
    with pytest.raises(ValueError, match=f"^count {message}"):
        validate.integer("count", x, low, high)
    assert validate.integer("count", np.int32(5), 0, 10) == 5


@pytest.mark.parametrize("x", [0, 1, "yes", None, np.bool_(True)])
def test_flag_takes_only_true_or_false(x):
    with pytest.raises(ValueError, match=f"^free_tier must be True or False, got {x!r}$"):
        validate.flag("free_tier", x)
    assert validate.flag("free_tier", False) is False


def test_choice():
    assert validate.choice("kind", "b", ("a", "b")) == "b"
    with pytest.raises(ValueError, match=r"^kind must be one of \['a', 'b'\], got 'c'"):
        validate.choice("kind", "c", ("a", "b"))


def test_json_document_names_the_source():
    assert validate.json_document('{"a": 1}', "x.json") == {"a": 1}
    with pytest.raises(ValueError, match=r"^source: x.json is not valid JSON \(.*line 1\)"):
        validate.json_document("{oops", "x.json")
