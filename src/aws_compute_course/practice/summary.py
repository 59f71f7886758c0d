"""The practice column of the start page's progress table (``progress.PRACTICE_HOOK``)."""

from __future__ import annotations

from aws_compute_course.practice.store import Store


def topic_scores(store: Store | None = None) -> dict[str, tuple[int, int]]:
    """{topic id: (answered correctly, answered)} over every exam and practice answer.

    Reads the learner's progress file; without one (nothing practised yet) it is empty. A
    damaged or locked file raises ``ProgressUnavailable``, which the start page shows.
    """
    rows = (store or Store()).read(
        "SELECT topic, sum(correct), count(*) FROM attempts GROUP BY topic ORDER BY topic"
    )
    return {topic: (int(right), int(n)) for topic, right, n in rows}
