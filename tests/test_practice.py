"""Practice: drawing an exam, its clock, scoring, the report and the learner's option order."""

from __future__ import annotations

from collections import Counter

import pytest
from practice_helpers import START, small_bank

from aws_compute_course.practice import bank as practice_bank
from aws_compute_course.practice.exam import SHAPES, Exam, new_exam, score
from aws_compute_course.practice.report import report_html, review_html, summary_html
from aws_compute_course.quiz import display_order, shuffled
from aws_compute_course.topics import built

BANK = small_bank()


def test_course_bank_holds_every_built_topic_once():
    items = practice_bank.course_bank()
    assert {i.topic for i in items} == {t.id for t in built()}
    assert len({i.id for i in items}) == len(items)


def test_draw_is_proportional_reproducible_and_mixed():
    drawn = practice_bank.draw(BANK, 9, seed=7)
    # 12 of 18 are ec2: two thirds of 9.
    assert Counter(i.topic for i in drawn) == {"ec2": 6, "spot": 3}
    assert len(set(drawn)) == 9
    assert drawn == practice_bank.draw(BANK, 9, seed=7)
    assert drawn != practice_bank.draw(BANK, 9, seed=8)
    # The order is shuffled, not topic by topic.
    assert [i.topic for i in drawn] != sorted(i.topic for i in drawn)


@pytest.mark.parametrize("n", [0, 19])
def test_draw_refuses_a_size_the_bank_cannot_give(n):
    with pytest.raises(
        ValueError, match=f"n must be between 1 and the bank's 18 questions, got {n}"
    ):
        practice_bank.draw(BANK, n, seed=0)


def test_full_exam_has_the_real_exam_shape():
    assert SHAPES["full"] == (75, 180)
    exam = new_exam(practice_bank.course_bank(), "full", 1, START, "x")
    assert len(exam.items) == 75 and exam.duration_s == 180 * 60
    with pytest.raises(ValueError, match="kind must be one of"):
        new_exam(BANK, "long", 1, START, "x")


def test_options_are_shown_in_the_quizzes_per_learner_order():
    item = BANK[0]
    for name in ("alice", "bob"):
        assert practice_bank.shown(item, name) == shuffled(item.question, name)
        order = display_order(item.question, name)
        # Position 0 on screen is authored option order[0], and back.
        assert practice_bank.to_authored(item, name, {0}) == {order[0]}
        assert practice_bank.to_shown(item, name, {order[0]}) == {0}


def test_exam_keeps_answers_flags_and_time_per_question():
    exam = Exam("e", "short", BANK[:3], START, 600)
    exam.answer({1}, START + 10)
    exam.goto(1, START + 30)
    assert exam.toggle_flag(START + 40) is True
    exam.answer({2}, START + 50)
    exam.goto(0, START + 70)  # back: the first answer is still there, and can change
    assert exam.answers[BANK[0].id] == {1}
    exam.answer({0}, START + 75)
    exam.answer(set(), START + 76)  # cleared
    exam.answer({3}, START + 80)
    report = exam.submit(START + 100)
    assert exam.seconds == {BANK[0].id: 60.0, BANK[1].id: 40.0}
    assert [r.chosen for r in report.results] == [{3}, {2}, set()]
    assert [r.flagged for r in report.results] == [False, True, False]
    assert report.elapsed_s == 100


def test_exam_gives_no_feedback_and_refuses_bad_answers():
    exam = Exam("e", "short", BANK[:2], START, 600)
    # answer() returns nothing: no verdict before submission.
    assert exam.answer({0}, START) is None
    with pytest.raises(ValueError, match="out of range"):
        exam.answer({4}, START)
    with pytest.raises(ValueError, match="takes one answer"):
        exam.answer({0, 1}, START)
    with pytest.raises(ValueError, match=r"index must be in 0..1, got 2"):
        exam.goto(2, START)


def test_time_running_out_submits_with_the_answers_given():
    exam = Exam("e", "short", BANK[:2], START, 60)
    exam.answer({0}, START + 5)
    assert exam.time_left(START + 45) == 15
    with pytest.raises(TimeoutError, match="time is up"):
        exam.goto(1, START + 61)
    assert exam.done and exam.submitted_at == START + 60  # not later than the deadline
    assert exam.time_left(START + 61) == 0
    assert score(exam).results[0].chosen == {0}
    with pytest.raises(ValueError, match="was submitted"):
        exam.answer({1}, START + 62)


def test_score_overall_and_per_topic():
    items = (BANK[0], BANK[1], BANK[12], BANK[13])  # ec2-0 (A), ec2-1 (B), spot-0 (A+B), spot-1
    exam = Exam("e", "short", items, START, 600)
    exam.answer({0}, START)  # right
    exam.goto(1, START)
    exam.answer({0}, START)  # wrong: ec2-1's answer is option 1
    exam.goto(2, START)
    exam.answer({0, 1}, START)  # right, both of a choose-two
    report = exam.submit(START + 1)  # spot-1 unanswered: wrong
    assert (report.correct, report.total, report.percent) == (2, 4, 50.0)
    assert report.per_topic() == {"ec2": (1, 2), "spot": (1, 2)}


def test_report_shows_every_question_with_answers_explanations_and_link():
    item = practice_bank.course_bank()[0]
    exam = Exam("e", "short", (item, *BANK[:1]), START, 600)
    right = practice_bank.to_shown(item, "alice", item.question.correct_indices)
    exam.answer(practice_bank.to_authored(item, "alice", right), START)
    report = exam.submit(START + 1)
    html = report_html(report, "alice")
    assert "Score: 1 of 2 (50 %)" in summary_html(report)
    for o in item.question.options + BANK[0].question.options:
        assert o.explanation.replace("'", "&#x27;") in html
    assert "✓ Correct." in html and "✗ Not answered." in html
    number = next(t.number for t in built() if t.id == item.topic)
    assert f'href="{number:02d}_{item.topic}.ipynb#Scenario-questions"' in html
    # The review follows the learner's order: another learner's review differs.
    assert review_html(report, "alice") != review_html(report, "bob")
