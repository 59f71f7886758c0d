"""The start page's practice column reads the learner's practice answers per topic."""

import pytest

from aws_compute_course import progress
from aws_compute_course.practice.store import ProgressUnavailable, Store
from aws_compute_course.practice.summary import topic_scores


def test_answers_are_counted_per_topic(tmp_path):
    store = Store(tmp_path / "progress.sqlite3")
    store.add_attempts(
        [
            ("spot-a", "spot", True, 1.0, "exam"),
            ("spot-b", "spot", False, 2.0, "practice"),
            ("ec2-a", "ec2", True, 3.0, "practice"),
        ]
    )
    assert topic_scores(store) == {"ec2": (1, 1), "spot": (1, 2)}


def test_no_progress_file_means_nothing_practised(tmp_path):
    assert topic_scores(Store(tmp_path / "none.sqlite3")) == {}
    assert not (tmp_path / "none.sqlite3").exists()


def test_a_damaged_file_is_reported_not_read_as_empty(tmp_path):
    damaged = tmp_path / "progress.sqlite3"
    damaged.write_bytes(b"not a database" * 100)
    with pytest.raises(ProgressUnavailable):
        topic_scores(Store(damaged))


def test_the_start_page_hook_names_this_function():
    module, _, function = progress.PRACTICE_HOOK.partition(":")
    assert (module, function) == (topic_scores.__module__, topic_scores.__name__)
