"""The practice widgets, driven headless the way a learner's clicks drive them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from practice_helpers import START, Clock, small_bank

from aws_compute_course.practice import bank as practice_bank
from aws_compute_course.practice.exam_view import ExamView
from aws_compute_course.practice.session import Practice
from aws_compute_course.practice.study_view import CardsView, PracticeView, ProgressView

BANK = small_bank()


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))


def practice(clock=None) -> Practice:
    return Practice(bank=BANK, learner_name="alice", clock=clock or Clock())


def test_exam_answer_flag_go_back_submit_then_report():
    clock = Clock()
    view = ExamView(practice(clock))
    assert view.exam_box.layout.display == "none"
    view.start("short")
    exam = view.exam
    assert len(exam.items) == 18 and view.start_box.layout.display == "none"
    assert "Question 1 of 18" in view.status.value
    view.radio.value = 2  # the third option on screen
    clock.t += 20
    view.next()
    view.flag()
    assert "1 answered · 1 flagged" in view.status.value
    assert view.flag_button.description == "Unflag"
    assert [label for label, _ in view.jump.options[:2]] == ["1 ✓", "2 ⚑"]
    view.previous()
    assert view.radio.value == 2  # the answer is still there
    view.jump.value = 5
    assert view.exam.current == 5
    view.submit()
    first = exam.items[0]
    assert view.report.results[0].chosen == practice_bank.to_authored(first, "alice", {2})
    assert view.report.results[0].seconds == 20
    assert "Score:" in view.report_view.value and view.exam_box.layout.display == "none"
    assert "aws-quiz-feedback" in view.report_view.value  # the review of the answered one


def test_a_choose_two_question_uses_checkboxes():
    view = ExamView(practice())
    view.start("short")
    index = next(n for n, i in enumerate(view.exam.items) if i.question.multi)
    view.jump.value = index
    assert view.checks.layout.display is None and view.radio.layout.display == "none"
    view.boxes[0].value = True
    view.boxes[3].value = True
    assert view.exam.answers[view.exam.item.id] == practice_bank.to_authored(
        view.exam.item, "alice", {0, 3}
    )


def test_the_clock_running_out_in_the_browser_submits():
    clock = Clock()
    view = ExamView(practice(clock))
    view.start("short")
    assert view.clock.deadline_ms == (START + 48 * 60) * 1000
    clock.t += 48 * 60
    view.clock.expired = True  # what the browser's countdown sends at zero
    assert view.report is not None and view.exam.done


def test_reopening_resumes_the_open_exam():
    clock = Clock()
    view = ExamView(practice(clock))
    view.start("short")
    view.radio.value = 1
    view.next()
    again = ExamView(practice(clock))
    assert again.exam.exam_id == view.exam.exam_id and again.exam.current == 1
    again.previous()
    assert again.radio.value == 1


def test_a_file_broken_mid_exam_shows_the_way_out_and_keeps_the_answers():
    p = practice()
    view = ExamView(p)
    view.start("short")
    view.radio.value = 0
    p.store.close()
    p.store.path.write_bytes(b"garbage" * 500)
    view.next()
    view.radio.value = 3
    assert "is damaged" in view.problem.value and view.fresh.layout.display is None
    assert len(view.exam.answers) == 2
    view.fresh.click()
    assert "kept as" in view.problem.value and view.fresh.layout.display == "none"
    assert practice().resume_exam().answers == view.exam.answers


def test_practice_by_topic_weakest_first_with_feedback():
    p = practice()
    p.store.add_attempts(
        [("ec2-0", "ec2", True, START, "practice"), ("spot-0", "spot", False, START, "exam")]
    )
    view = PracticeView(p)
    assert [label for label, _ in view.topic.options] == [
        "Spot Instances (0 of 1 right)",
        "EC2 (1 of 1 right)",
    ]
    assert view.item.id == "spot-1"  # the least answered question of the weakest topic
    view.check()
    assert "Choose" in view.feedback.value  # nothing chosen: no explanations given away
    view.radio.value = 0
    view.check()
    assert "why option" in view.feedback.value
    assert p.topic_accuracy()["spot"] == (int("✓ Correct" in view.feedback.value), 2)


def test_flashcards_show_rate_and_count():
    view = CardsView(practice())
    assert "Due today: 10 cards" in view.due.value
    assert view.ratings.layout.display == "none"
    view.show.click()
    assert view.back.value and view.ratings.layout.display is None
    view.ratings.children[2].click()  # Good
    assert "Due today: 10 cards" in view.due.value  # a learning card is due again today


def test_progress_view_reset_asks_first_and_export_imports_back(tmp_path):
    p = practice()
    p.store.add_attempts([("ec2-0", "ec2", True, START, "practice")])
    view = ProgressView(p, export_dir=tmp_path)
    assert "1 answers recorded" in view.summary.value
    view.export()
    exported = next(tmp_path.glob("aws-course-progress-*.sqlite3"))
    view.confirm.layout.display = None  # "Reset…" pressed: nothing happens yet
    assert p.topic_accuracy()["ec2"] == (1, 1)
    view.reset()
    assert p.topic_accuracy()["ec2"] == (0, 0) and "kept as" in view.problem.value
    content = exported.read_bytes()
    view.upload.value = (
        {
            "name": exported.name,
            "type": "",
            "size": len(content),
            "content": content,
            "last_modified": datetime.now(UTC),
        },
    )
    assert p.topic_accuracy()["ec2"] == (1, 1) and "Imported" in view.problem.value
