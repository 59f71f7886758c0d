"""The exam report as HTML: score overall and per topic, time per question, and a review of
every question with the learner's answer, the right one, why each option is right or wrong,
and a link to the notebook that teaches it. Pure functions of a :class:`Report`."""

from __future__ import annotations

from html import escape

from aws_compute_course import topics
from aws_compute_course.practice.bank import shown, teaching_link, to_shown
from aws_compute_course.practice.exam import Report, Result
from aws_compute_course.quiz import LETTERS
from aws_compute_course.widgets.quiz import feedback_html, prompt_html


def _minutes(seconds: float) -> str:
    m, s = divmod(round(seconds), 60)
    return f"{m} min {s:02d} s"


def summary_html(report: Report) -> str:
    """Score overall, then a table per topic (weakest first)."""
    titles = {t.id: t.title for t in topics.all_topics()}
    rows = sorted(report.per_topic().items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0]))
    table = "".join(
        f"<tr><td>{escape(titles.get(t, t))}</td><td>{c} of {n}</td>"
        f"<td>{100 * c / n:.0f} %</td></tr>"
        for t, (c, n) in rows
    )
    return (
        f'<div class="aws-practice-score"><h3>Score: {report.correct} of {report.total} '
        f"({report.percent:.0f} %)</h3><p>Time used: {_minutes(report.elapsed_s)}.</p>"
        "<table><tr><th>topic</th><th>correct</th><th>%</th></tr>"
        f"{table}</table></div>"
    )


def timing_html(report: Report) -> str:
    """Time spent on each question, with its outcome and whether it was flagged."""
    rows = "".join(
        f"<tr><td>{n}</td><td>{'✓' if r.correct else '✗'}</td>"
        f"<td>{r.seconds:.0f} s</td><td>{'⚑' if r.flagged else ''}</td></tr>"
        for n, r in enumerate(report.results, start=1)
    )
    return (
        "<details><summary>Time per question</summary><table><tr><th>#</th><th>result</th>"
        f"<th>time</th><th>flagged</th></tr>{rows}</table></details>"
    )


def _unanswered_html(result: Result, learner_name: str) -> str:
    question = shown(result.item, learner_name)
    right = ", ".join(LETTERS[i] for i in sorted(question.correct_indices))
    items = "".join(
        f"<li><b>{LETTERS[i]}.</b> {escape(o.text)} <i>({'correct' if o.correct else 'wrong'})"
        f"</i><br>{escape(o.explanation)}</li>"
        for i, o in enumerate(question.options)
    )
    return f"<p><b>✗ Not answered.</b> The answer is {right}.</p><ul>{items}</ul>"


def review_html(report: Report, learner_name: str) -> str:
    """Every question in the order it was asked, in the learner's option order."""
    parts = []
    for n, result in enumerate(report.results, start=1):
        question = shown(result.item, learner_name)
        chosen = to_shown(result.item, learner_name, result.chosen)
        text, href = teaching_link(result.item.topic)
        verdict = (
            feedback_html(question, chosen) if chosen else _unanswered_html(result, learner_name)
        )
        parts.append(
            f'<div class="aws-practice-review">{prompt_html(n, question)}{verdict}'
            f'<p>Learn it: <a href="{escape(href)}">{escape(text)}</a>, and its explorables.</p>'
            "</div><hr>"
        )
    return "".join(parts)


def report_html(report: Report, learner_name: str) -> str:
    return summary_html(report) + timing_html(report) + review_html(report, learner_name)
