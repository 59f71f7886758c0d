"""The scenario-question model: validation, grading and question banks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aws_compute_course import quiz
from aws_compute_course.quiz import (
    Option,
    OptionResult,
    Question,
    Verdict,
    display_order,
    grade,
    learner,
    shuffled,
    validate_bank,
)

RIGHT = Option("Use an Application Load Balancer", True, "ALB routes on HTTP paths.")
WRONG = Option("Use a Network Load Balancer", False, "NLB works at layer 4: no path routing.")
ALSO_WRONG = Option("Use Route 53 weighted records", False, "DNS cannot see the URL path.")


def single() -> Question:
    return Question("lb.path", "Route /api and /web to different targets?", (WRONG, RIGHT))


def multi() -> Question:
    return Question(
        "spot.two",
        "Which two reduce the impact of Spot interruptions? (Choose two.)",
        (
            Option("Diversify across instance types and AZs", True, "More pools, fewer losses."),
            Option("Set a high maximum price", False, "Not recommended; it does not help."),
            Option("Checkpoint work regularly", True, "Interrupted work resumes."),
        ),
        multi=True,
    )


# --- validation ------------------------------------------------------------------------


def test_a_valid_question_stores_options_as_a_tuple_and_is_hashable():
    q = Question("lb.path", "Which?", [WRONG, RIGHT])
    assert q.options == (WRONG, RIGHT)
    assert hash(q) == hash(Question("lb.path", "Which?", (WRONG, RIGHT)))
    assert q.correct_indices == {1}
    assert multi().correct_indices == {0, 2}


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"options": ()}, "at least 2 options, got 0"),
        ({"options": (RIGHT,)}, "at least 2 options, got 1"),
        ({"options": (WRONG, ALSO_WRONG)}, "no option is marked correct"),
        (
            {"options": (RIGHT, Option("Use a Gateway Load Balancer", True, "x"))},
            "2 options are marked correct; set multi=True",
        ),
        ({"options": (RIGHT, Option("NLB", False, ""))}, r"option 1 \('NLB'\) has an empty expl"),
        ({"options": (RIGHT, Option("NLB", False, "  \n"))}, "option 1 .* empty explanation"),
        ({"options": (RIGHT, WRONG, RIGHT)}, "duplicate option text"),
        ({"options": (RIGHT, Option(" ", False, "x"))}, "option 1 has empty text"),
        ({"options": (RIGHT, "NLB")}, "option 1 must be an Option, got str"),
        (
            {"options": (RIGHT, *(Option(f"o{i}", False, "x") for i in range(26)))},
            "has 27 options; at most 26",
        ),
        ({"prompt": ""}, "prompt must not be empty"),
        (
            {"options": (Option("ALB", True, "x", obsolete=True), WRONG)},
            r"option 0 \('ALB'\) is marked both correct and obsolete",
        ),
    ],
)
def test_an_ill_formed_question_is_rejected_naming_its_id_and_the_problem(kwargs, problem):
    fields = {"id": "q.bad", "prompt": "Which?", "options": (RIGHT, WRONG)} | kwargs
    with pytest.raises(ValueError, match=rf"question 'q.bad': .*{problem}"):
        Question(**fields)


def test_an_empty_id_is_rejected():
    with pytest.raises(ValueError, match="id must not be empty"):
        Question(" ", "Which?", (RIGHT, WRONG))


def test_several_correct_options_are_fine_when_multi():
    assert len(multi().correct_indices) == 2


def test_a_multi_question_still_needs_a_correct_option():
    with pytest.raises(ValueError, match=r"'q\.none': no option is marked correct"):
        Question("q.none", "Which?", (WRONG, ALSO_WRONG), multi=True)


def test_questions_are_frozen():
    with pytest.raises(AttributeError):
        single().multi = True  # type: ignore[misc]


# --- grading ---------------------------------------------------------------------------


def test_grade_a_single_answer_by_index_or_set():
    q = single()
    assert grade(q, 1).correct
    assert grade(q, {1}).correct
    assert not grade(q, 0).correct
    assert grade(q, 0) == Verdict(
        "lb.path",
        False,
        (
            OptionResult(WRONG.text, True, False, WRONG.explanation),
            OptionResult(RIGHT.text, False, True, RIGHT.explanation),
        ),
    )


def test_nothing_chosen_is_wrong_and_unanswered():
    verdict = grade(single(), set())
    assert not verdict.correct
    assert not verdict.answered
    assert grade(single(), 0).answered


def test_a_multi_answer_is_right_only_with_exactly_the_correct_options():
    q = multi()
    assert grade(q, {0, 2}).correct
    assert grade(q, [2, 0]).correct
    assert not grade(q, {0}).correct
    assert not grade(q, {0, 1, 2}).correct
    assert not grade(q, 1).correct


@pytest.mark.parametrize("chosen", [2, -1, {0, 5}, [99]])
def test_an_out_of_range_index_is_rejected(chosen):
    with pytest.raises(
        ValueError, match=r"question 'lb.path': chosen index -?\d+ is out of range 0..1"
    ):
        grade(single(), chosen)


def test_several_answers_to_a_single_answer_question_are_rejected():
    with pytest.raises(ValueError, match=r"'lb.path' takes one answer, got 2: \[0, 1\]"):
        grade(single(), {0, 1})


@pytest.mark.parametrize("chosen", [True, {False}, "1", 1.0])
def test_a_non_index_is_rejected(chosen):
    with pytest.raises(TypeError):
        grade(single(), chosen)


def test_numpy_integers_are_indices():
    assert grade(single(), np.int64(1)).correct


# --- properties ------------------------------------------------------------------------


@st.composite
def questions(draw) -> Question:
    """Any well-formed question: 2 to 8 distinct options, at least one correct."""
    texts = draw(
        st.lists(st.text(min_size=1).filter(str.strip), min_size=2, max_size=8, unique=True)
    )
    marks = draw(st.lists(st.booleans(), min_size=len(texts), max_size=len(texts)))
    if not any(marks):
        marks[draw(st.integers(0, len(texts) - 1))] = True
    multi = sum(marks) > 1 or draw(st.booleans())
    options = tuple(
        Option(t, m, f"why {i}") for i, (t, m) in enumerate(zip(texts, marks, strict=True))
    )
    return Question(draw(st.text(min_size=1).filter(str.strip)), "Which?", options, multi)


@given(questions(), st.data())
def test_grade_is_right_exactly_when_the_correct_options_are_chosen(q, data):
    n = len(q.options)
    if q.multi:
        chosen = data.draw(st.sets(st.integers(0, n - 1)))
    else:
        chosen = data.draw(st.sets(st.integers(0, n - 1), max_size=1))
    verdict = grade(q, chosen)
    assert verdict.correct == (chosen == q.correct_indices)
    assert [o.chosen for o in verdict.options] == [i in chosen for i in range(n)]
    assert [(o.text, o.correct, o.explanation) for o in verdict.options] == [
        (o.text, o.correct, o.explanation) for o in q.options
    ]


@given(questions())
def test_a_single_answer_question_has_exactly_one_right_choice(q):
    if not q.multi:
        assert [grade(q, i).correct for i in range(len(q.options))].count(True) == 1


@given(questions(), st.integers())
def test_every_index_outside_the_options_is_rejected(q, index):
    if 0 <= index < len(q.options):
        grade(q, index)
    else:
        with pytest.raises(ValueError, match="out of range"):
            grade(q, index)


# --- banks -----------------------------------------------------------------------------


def test_a_bank_of_distinct_ids_comes_back_as_a_tuple():
    assert validate_bank([single(), multi()]) == (single(), multi())
    assert validate_bank(q for q in [single()]) == (single(),)


def test_a_bank_with_duplicate_ids_is_rejected_naming_them():
    twin = Question("lb.path", "Another question with a reused id?", (RIGHT, WRONG))
    with pytest.raises(ValueError, match=r"duplicate question id\(s\) \['lb.path'\]"):
        validate_bank([single(), multi(), twin])


def test_an_empty_bank_is_rejected():
    with pytest.raises(ValueError, match="at least one question"):
        validate_bank([])


def test_a_bank_holds_only_questions():
    with pytest.raises(TypeError, match="got dict"):
        validate_bank([single(), {"id": "x"}])


def test_an_option_is_current_unless_marked_obsolete():
    assert not RIGHT.obsolete
    old = Option("Use Spot blocks", False, "Spot blocks ended in 2022.", obsolete=True)
    assert old.obsolete
    assert Question("q.old", "Which?", (RIGHT, old)).options[1].obsolete


# --- the order a learner sees ------------------------------------------------------------


def four() -> Question:
    return Question(
        "q.four",
        "Which one?",
        (
            Option("first", False, "why first"),
            Option("second", True, "why second"),
            Option("third", False, "why third"),
            Option("fourth", False, "why fourth"),
        ),
    )


def test_the_order_is_a_permutation_and_the_same_on_every_run():
    order = display_order(four(), "alice")
    assert sorted(order) == [0, 1, 2, 3]
    assert display_order(four(), "alice") == order
    # Fixed digests: the order does not depend on the process, the machine or the version.
    assert display_order(four(), "alice") == (3, 2, 0, 1)
    assert display_order(four(), "carol") == (1, 2, 0, 3)


def test_the_order_depends_on_the_learner_and_the_question():
    orders = {display_order(four(), f"learner-{i}") for i in range(50)}
    assert len(orders) > 10
    other = Question("q.other", "Which one?", four().options)
    assert any(display_order(other, f"l{i}") != display_order(four(), f"l{i}") for i in range(5))


def test_across_learners_the_answer_lands_in_every_position():
    q = four()
    positions = [shuffled(q, f"learner-{i}").correct_indices for i in range(400)]
    counts = [positions.count(frozenset({i})) for i in range(4)]
    assert min(counts) > 60, counts  # about 100 each


def test_a_shuffled_question_keeps_each_explanation_with_its_option():
    q = four()
    shown = shuffled(q, "alice")
    assert shown.id == q.id and shown.prompt == q.prompt and shown.multi == q.multi
    assert {(o.text, o.explanation) for o in shown.options} == {
        (o.text, o.explanation) for o in q.options
    }
    assert [o.text for o in shown.options] == ["fourth", "third", "first", "second"]
    assert grade(shown, 3).correct  # "second" is shown fourth, as D
    assert grade(shown, 3).options[3].explanation == "why second"


def test_the_learner_is_the_override_or_the_os_user(monkeypatch):
    monkeypatch.setenv(quiz.LEARNER_ENV, "  carol ")
    assert learner() == "carol"
    monkeypatch.delenv(quiz.LEARNER_ENV)
    monkeypatch.setattr(quiz.getpass, "getuser", lambda: "dave")
    assert learner() == "dave"

    def no_user() -> str:
        raise KeyError("uid 4242")

    monkeypatch.setattr(quiz.getpass, "getuser", no_user)
    assert learner() == "learner"


@given(questions(), st.text(min_size=1))
def test_grading_the_shown_order_agrees_with_the_authored_order(q, name):
    shown = shuffled(q, name)
    order = display_order(q, name)
    assert shown.correct_indices == {i for i, j in enumerate(order) if j in q.correct_indices}
    for shown_index, authored_index in enumerate(order):
        assert (
            grade(shown, {shown_index} if q.multi else shown_index).options[shown_index].text
            == q.options[authored_index].text
        )
