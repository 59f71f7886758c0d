"""The scenario-question widget: feedback HTML (headless) and the Check button."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aws_compute_course import quiz as quiz_model
from aws_compute_course.quiz import Option, Question, display_order, shuffled
from aws_compute_course.widgets.quiz import feedback_html, prompt_html, quiz

SINGLE = Question(
    "lb.path",
    "Route /api and /web to different targets?",
    (
        Option("Network Load Balancer", False, "NLB works at layer 4 and cannot see paths."),
        Option("Application Load Balancer", True, "ALB routes on the HTTP path."),
        Option("Classic Load Balancer", False, "CLB has no path-based routing."),
    ),
)
MULTI = Question(
    "spot.two",
    "Which two reduce the impact of Spot interruptions?",
    (
        Option("Diversify instance types", True, "More capacity pools, fewer interruptions."),
        Option("Set a high maximum price", False, "AWS does not recommend a maximum price."),
        Option("Checkpoint work", True, "Interrupted work resumes from the checkpoint."),
    ),
    multi=True,
)


def explanations(q: Question) -> list[str]:
    return [escape(o.explanation) for o in q.options]


# --- feedback_html ---------------------------------------------------------------------


def test_a_right_answer_says_so_and_explains_every_option():
    html = feedback_html(SINGLE, 1)
    assert "Correct." in html
    assert "Not quite" not in html
    assert all(e in html for e in explanations(SINGLE))
    assert html.count("your choice") == 1
    assert html.count("(correct") == 1
    assert html.count("(wrong") == 2


def test_a_wrong_answer_names_the_choice_and_the_answer_and_explains_every_option():
    html = feedback_html(SINGLE, {2})
    assert "Not quite." in html
    assert "You chose C; the answer is B." in html
    assert "Correct." not in html
    assert all(e in html for e in explanations(SINGLE))
    assert "(wrong · your choice)" in html


def test_a_multi_answer_lists_the_answers():
    assert "Correct." in feedback_html(MULTI, {0, 2})
    html = feedback_html(MULTI, {0, 1})
    assert "You chose A and B; the answers are A and C." in html
    assert all(e in html for e in explanations(MULTI))


def test_checking_without_an_answer_asks_for_one_and_gives_nothing_away():
    html = feedback_html(SINGLE, set())
    assert "Choose an answer" in html
    assert not any(e in html for e in explanations(SINGLE))
    assert "one or more answers" in feedback_html(MULTI, set())


def test_bad_indices_are_rejected_as_in_the_model():
    with pytest.raises(ValueError, match="out of range"):
        feedback_html(SINGLE, 3)


NASTY = '<script>alert("x")</script> & <b>'


def test_text_is_escaped_everywhere():
    q = Question(
        "q.nasty",
        NASTY,
        (Option(NASTY, True, NASTY), Option("plain", False, f"not {NASTY}")),
    )
    for html in (prompt_html(1, q), feedback_html(q, 0), feedback_html(q, 1)):
        assert NASTY not in html
        assert "<script>" not in html
        assert escape(NASTY) in html


@given(st.text(min_size=1).filter(str.strip), st.text(min_size=1).filter(str.strip))
def test_any_option_and_explanation_text_appears_escaped(text, explanation):
    q = Question(
        "q.any", "Which?", (Option(text, True, explanation), Option(text + "!", False, "x"))
    )
    html = feedback_html(q, 0)
    assert escape(text) in html
    assert escape(explanation) in html
    assert escape(text) in prompt_html(1, q)


def test_the_prompt_numbers_the_question_letters_the_options_and_asks_how_many():
    html = prompt_html(3, MULTI)
    assert "<b>Question 3.</b>" in html
    assert '<ol type="A"' in html
    assert html.count("<li>") == 3
    assert "(Choose 2.)" in html
    assert "Choose" not in prompt_html(1, SINGLE)


# --- the widget ------------------------------------------------------------------------


def parts(box: widgets.VBox, n: int) -> tuple:
    """Prompt, choice widget, Check button and feedback area of question ``n`` (from 0)."""
    return box.children[n].children


def test_the_widget_holds_one_numbered_box_per_question():
    box = quiz([SINGLE, MULTI], shuffle=False)
    assert isinstance(box, widgets.VBox)
    assert len(box.children) == 2
    prompt, choice, check, feedback = parts(box, 1)
    assert "Question 2." in prompt.value
    assert isinstance(choice, widgets.HBox)
    assert [c.description for c in choice.children] == ["A", "B", "C"]
    assert check.description == "Check"
    assert feedback.value == ""
    assert isinstance(parts(box, 0)[1], widgets.RadioButtons)
    assert parts(box, 0)[1].value is None


def test_clicking_check_fills_the_feedback_and_a_new_choice_clears_it():
    box = quiz([SINGLE], shuffle=False)
    _, radio, check, feedback = parts(box, 0)
    check.click()
    assert "Choose an answer" in feedback.value
    radio.value = 0
    check.click()
    assert "Not quite." in feedback.value
    assert all(e in feedback.value for e in explanations(SINGLE))
    radio.value = 1
    assert feedback.value == ""
    check.click()
    assert feedback.value == feedback_html(SINGLE, 1)


def test_checkboxes_grade_a_multi_answer_question():
    box = quiz([MULTI], shuffle=False)
    _, choice, check, feedback = parts(box, 0)
    a, _, c = choice.children
    a.value = True
    check.click()
    assert "Not quite." in feedback.value
    c.value = True
    assert feedback.value == ""
    check.click()
    assert "Correct." in feedback.value


def test_the_widget_rejects_a_bank_with_duplicate_ids():
    with pytest.raises(ValueError, match="duplicate question id"):
        quiz([SINGLE, SINGLE])


def test_the_text_repr_is_stable_for_notebook_comparison():
    assert repr(quiz([SINGLE, MULTI])) == repr(quiz([SINGLE, MULTI]))
    assert "model_id" not in repr(quiz([SINGLE]))


# --- the learner's own order -----------------------------------------------------------

FOUR = Question(
    "lb.tls",
    "Terminate TLS with a certificate from ACM and route on host names?",
    (
        Option("Network Load Balancer with TCP listeners", False, "TCP passes TLS through."),
        Option("Application Load Balancer with HTTPS listeners", True, "ALB routes on host."),
        Option("Classic Load Balancer with TCP listeners", False, "CLB has no host routing."),
        Option("Gateway Load Balancer", False, "GWLB forwards to appliances, not by host."),
    ),
)


def test_the_widget_shows_the_learners_order_and_grades_the_shown_letters():
    order = display_order(FOUR, "alice")
    assert order != (0, 1, 2, 3)  # a real shuffle for this learner
    box = quiz([FOUR], learner_name="alice")
    prompt, radio, check, feedback = parts(box, 0)
    assert prompt.value == prompt_html(1, shuffled(FOUR, "alice"))
    positions = [prompt.value.index(escape(FOUR.options[i].text)) for i in order]
    assert positions == sorted(positions)  # options appear in the learner's order
    shown_answer = order.index(1)
    letter = "ABCD"[shown_answer]
    radio.value = shown_answer
    check.click()
    assert "Correct." in feedback.value
    assert f"{letter}.</b> {escape(FOUR.options[1].text)}" in feedback.value
    wrong = (shown_answer + 1) % 4
    radio.value = wrong
    check.click()
    assert f"You chose {'ABCD'[wrong]}; the answer is {letter}." in feedback.value
    # Every explanation is printed next to its own option.
    for option in FOUR.options:
        assert f"{escape(option.text)} <i>(" in feedback.value
        text_at = feedback.value.index(escape(option.text))
        assert feedback.value.index(escape(option.explanation), text_at) > text_at


def test_a_re_run_shows_the_same_order_and_another_learner_may_see_another():
    alice = [parts(quiz([FOUR], learner_name="alice"), 0)[0].value for _ in range(2)]
    assert alice[0] == alice[1]
    others = {parts(quiz([FOUR], learner_name=f"l{i}"), 0)[0].value for i in range(20)}
    assert len(others) > 1


def test_the_learner_defaults_to_the_environment_override(monkeypatch):
    monkeypatch.setenv(quiz_model.LEARNER_ENV, "alice")
    assert parts(quiz([FOUR]), 0)[0].value == parts(quiz([FOUR], learner_name="alice"), 0)[0].value
    unshuffled = parts(quiz([FOUR], shuffle=False), 0)[0].value
    assert unshuffled == prompt_html(1, FOUR)


def test_a_prompt_that_says_how_many_is_not_told_twice():
    said = Question(MULTI.id, MULTI.prompt + " (Choose two.)", MULTI.options, multi=True)
    html = prompt_html(1, said)
    assert html.count("Choose two.") == 1
    assert "(Choose 2.)" not in html
