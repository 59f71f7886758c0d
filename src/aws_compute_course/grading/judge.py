"""Judging outside the sandbox: each check's returned value against its expected value.

One check at a time: whatever a returned value does to the comparison (an int too large
for a float, a value nested too deeply), it fails that check only, with the reason.
A failed hidden check says as much as the assignment lets feedback show
(:mod:`plan`, ``hidden_check_feedback``); a visible check's message is always in full.
"""

from __future__ import annotations

from dataclasses import dataclass

from aws_compute_course.checks import check_close, check_equal, check_in, short_repr
from aws_compute_course.grading import wire
from aws_compute_course.grading.plan import Check, Plan

_CHECKS = {"check_equal": check_equal, "check_close": check_close, "check_in": check_in}


@dataclass(frozen=True)
class CheckResult:
    what: str
    hidden: bool
    passed: bool
    message: str  # starts with ``what``; empty when passed


@dataclass(frozen=True)
class QuestionResult:
    grade_id: str
    points: float
    score: float
    checks: tuple[CheckResult, ...]
    note: str = ""


# --- judging --------------------------------------------------------------------------------


def _failure(check: Check, actual: object, message: str, feedback: str) -> str:
    """A failed comparison's message, as much of it as the instructor lets feedback show."""
    if not check.hidden or feedback == "expected":
        return message
    if feedback == "answer":
        return f"{check.what}: got {short_repr(actual)}, not the expected answer"
    return f"{check.what}: not the expected answer"


def _judge_check(
    check: Check, got: object, expected: object, feedback: str, broken: str
) -> CheckResult:
    """One check: the value the sandbox returned against the expected one."""

    def failed(message: str) -> CheckResult:
        return CheckResult(check.what, check.hidden, False, message)

    if not isinstance(got, dict):
        return failed(f"{check.what}: {broken or 'not evaluated'}")
    if "error" in got:  # the learner's own code raised: safe to show
        return failed(f"{check.what}: {str(got['error'])[:500]}")
    try:
        actual = wire.decode(got.get("value"))
    except ValueError as err:
        return failed(f"{check.what}: {err}")
    try:
        _CHECKS[check.function](actual, expected, check.what, **check.options)
    except AssertionError as err:
        return failed(_failure(check, actual, str(err)[:500], feedback))
    except Exception as err:  # the value broke the comparison: this check fails, nothing else
        return failed(
            f"{check.what}: the grader could not compare this value ({type(err).__name__})"
        )
    return CheckResult(check.what, check.hidden, True, "")


def judge(
    plan: Plan,
    steps: list[dict],
    events: dict[int, dict],
    broken: dict[int, str],
    expected: dict[str, list],
) -> list[QuestionResult]:
    """Compare the values the sandbox returned with the expected ones, question by question."""
    results = []
    by_grade = {s["grade_id"]: s for s in steps if s["kind"] == "test"}
    failed_answers: dict[str, list[str]] = {}
    pending: list[str] = []
    for s in steps:
        if s["kind"] == "answer":
            error = events.get(s["step"], {}).get("error") or broken.get(s["step"])
            if error:
                pending.append(f"{s['grade_id']}: {str(error)[:300]}")
        elif s["kind"] == "test":
            failed_answers[s["grade_id"]], pending = pending, []
    for question in plan.questions:
        step = by_grade[question.grade_id]
        event = events.get(step["step"], {})
        values = event.get("values") if isinstance(event.get("values"), list) else []
        checks = tuple(
            _judge_check(
                check,
                values[n] if n < len(values) else None,
                expected[question.grade_id][n],
                plan.hidden_feedback,
                broken.get(step["step"], ""),
            )
            for n, check in enumerate(question.checks)
        )
        passed = bool(checks) and all(c.passed for c in checks)
        errors = failed_answers.get(question.grade_id, [])
        note = ("an answer cell failed: " + "; ".join(errors)) if errors else ""
        score = question.points if passed else 0.0
        results.append(QuestionResult(question.grade_id, question.points, score, checks, note))
    return results
