"""The cheat sheets: committed and current, every fact of every built topic in its sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from aws_compute_course import cheatsheets
from aws_compute_course.facts import facts_for
from aws_compute_course.topics import built

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / cheatsheets.FOLDER


@pytest.fixture(scope="module")
def made() -> dict[str, str]:
    return cheatsheets.sheets()


def test_the_committed_sheets_are_current(made):
    problems = cheatsheets.stale(COMMITTED, made)
    assert not problems, f"cheat sheets are stale: run `make cheatsheets`: {problems}"


def test_a_changed_missing_or_left_over_sheet_is_stale(tmp_path, made):
    cheatsheets.write(tmp_path, made)
    assert cheatsheets.stale(tmp_path, made) == []
    spot = "03_spot.md"
    (tmp_path / spot).write_text(made[spot].replace("90 %", "70 %"))
    (tmp_path / "05_lambda.md").unlink()
    (tmp_path / "99_gone.md").write_text(cheatsheets.GENERATED_NOTE + "\n# old topic\n")
    (tmp_path / "my_notes.md").write_text("a learner's own notes")
    assert cheatsheets.stale(tmp_path, made) == [
        "03_spot.md: out of date",
        "05_lambda.md: missing",
        "99_gone.md: no built topic makes it",
    ]
    assert len(cheatsheets.write(tmp_path, made)) == 3
    assert cheatsheets.stale(tmp_path, made) == []
    assert (tmp_path / "my_notes.md").read_text() == "a learner's own notes"


def test_every_built_topic_has_a_sheet_with_all_its_facts_and_tips(made):
    assert set(made) == {cheatsheets.COURSE_SHEET} | {cheatsheets.sheet_name(t) for t in built()}
    for topic in built():
        sheet = made[cheatsheets.sheet_name(topic)]
        rows = [line for line in sheet.splitlines() if line.startswith("| ")][2:]
        facts = facts_for(topic.id)
        assert len(rows) == len(facts), topic.id
        for row, fact in zip(rows, facts, strict=True):
            assert cheatsheets._cell(fact.summary) in row, fact.key
            assert f"]({fact.source})" in row, fact.key
            assert row.startswith(f"| {cheatsheets._cell(cheatsheets._value(fact))} |"), fact.key
        assert "## Exam tips" in sheet
        assert cheatsheets._tips(topic, ROOT) in sheet
        assert cheatsheets._tips(topic, ROOT) in made[cheatsheets.COURSE_SHEET]


def test_values_show_their_units():
    values = {f.key: cheatsheets._value(f) for t in built() for f in facts_for(t.id)}
    assert values["lambda.memory_max_mb"] == "10,240 MB"
    assert values["spot.interruption_notice_minutes"] == "2 minutes"


def test_exam_tips_are_the_markdown_under_the_heading():
    nb = new_notebook(
        cells=[
            new_markdown_cell("## Something else\n- not a tip"),
            new_markdown_cell("## Exam tips\n- first tip, see [Lambda](05_lambda.ipynb)"),
            new_markdown_cell("- second tip ([docs](https://aws.amazon.com/lambda/))"),
            new_markdown_cell("### A sub-heading stays\n- third tip\n## Summary\n- not a tip"),
            new_markdown_cell("- not a tip either"),
        ]
    )
    assert cheatsheets.exam_tips(nb, "nb") == (
        "- first tip, see [Lambda](../05_lambda.ipynb)\n\n"
        "- second tip ([docs](https://aws.amazon.com/lambda/))\n\n"
        "### A sub-heading stays\n- third tip"
    )
    nb.cells.insert(3, new_code_cell("changes_since_notes('x')"))
    assert cheatsheets.exam_tips(nb, "nb").endswith("(https://aws.amazon.com/lambda/))")


def test_a_notebook_without_exam_tips_is_refused_naming_it():
    nb = new_notebook(cells=[new_markdown_cell("## Exam tips\n"), new_code_cell("1")])
    with pytest.raises(cheatsheets.CheatSheetError, match=r"course/x\.ipynb: no markdown under"):
        cheatsheets.exam_tips(nb, "course/x.ipynb")


def test_check_exits_1_naming_a_stale_sheet(monkeypatch, tmp_path, made, capsys):
    cheatsheets.write(tmp_path / cheatsheets.FOLDER, made)
    monkeypatch.setattr(cheatsheets, "ROOT", tmp_path)
    monkeypatch.setattr(cheatsheets, "sheets", lambda: made)
    assert cheatsheets.main(["check"]) == 0
    (tmp_path / cheatsheets.FOLDER / "03_spot.md").write_text("edited by hand")
    assert cheatsheets.main(["check"]) == 1
    err = capsys.readouterr().err
    assert err == "course/cheatsheets/03_spot.md: out of date: run `make cheatsheets`\n"
    assert cheatsheets.main(["write"]) == 0
    assert cheatsheets.main(["check"]) == 0
