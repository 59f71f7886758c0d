"""The topic registry, the tables generated from it, and ``make topic``'s scaffold."""

import shutil
from pathlib import Path

import nbformat
import pytest

from aws_compute_course import conformance, scaffold, topics

ROOT = Path(__file__).resolve().parent.parent

ROW = """
[[topic]]
number = {number}
id = "{id}"
title = "T"
covers = "c"
highlights = "h"
status = "{status}"
"""


def registry(tmp_path, text):
    path = tmp_path / "registry.toml"
    path.write_text(text)
    return path


COURSE = (
    "ec2",
    "auto_scaling",
    "spot",
    "ecs_fargate",
    "lambda",
    "load_balancers",
    "api_gateway",
    "route53",
    "architectures",
)


def test_the_registry_lists_the_course_topics_in_order_with_one_id_each():
    rows = topics.all_topics()
    assert [t.id for t in rows[: len(COURSE)]] == list(COURSE)
    assert [t.number for t in rows[: len(COURSE)]] == list(range(1, len(COURSE) + 1))
    assert {"ec2", "spot", "lambda"} <= {t.id for t in topics.built()}
    lam = topics.topic("lambda")
    assert (lam.package, lam.notebook, lam.exercise) == (
        "lambda_",
        "course/05_lambda.ipynb",
        "exercises/lambda/lambda.ipynb",
    )
    assert topics.topic("lambda_") == lam


def test_every_built_topic_names_existing_files():
    for t in topics.built():
        for path in (t.notebook, t.solution, t.exercise):
            assert (ROOT / path).is_file(), path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (ROW.format(number=1, id="a", status="built") * 2, "duplicate id"),
        (ROW.format(number=1, id="a", status="done"), "status must be one of"),
        (ROW.format(number=1, id="Bad-Id", status="built"), "id must match"),
        (ROW.format(number=1, id="a", status="built").replace('title = "T"\n', ""), "missing"),
        (ROW.format(number=1, id="a", status="built").replace("number = 1", 'number = "1"'), "int"),
        (ROW.format(number=1, id="a", status="built") + "colour = 1\n", "unknown keys"),
        ("[[topic]\n", "not valid TOML"),
        ("", "no \\[\\[topic\\]\\] rows"),
    ],
)
def test_a_bad_registry_row_is_refused_with_what_is_wrong(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        topics.load(registry(tmp_path, text))


def test_unknown_topic_names_the_known_ones():
    with pytest.raises(ValueError, match=r"topic must be one of \['ec2'"):
        topics.topic("mainframes")


# --- the tables -------------------------------------------------------------------------


def test_readme_and_start_page_tables_match_the_registry():
    assert scaffold.stale_tables(ROOT) == [], "run `make tables`"


def course_copy(tmp_path):
    """The files the scaffold reads and writes, copied from the repository."""
    for rel in ("README.md", scaffold.START_PAGE, scaffold.REGISTRY):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    return tmp_path


def test_a_table_that_differs_from_the_registry_is_reported_and_rewritten(tmp_path):
    root = course_copy(tmp_path)
    readme = root / "README.md"
    readme.write_text(readme.read_text().replace("| `course/01_ec2.ipynb` |", "| soon |", 1))
    nb = nbformat.read(root / scaffold.START_PAGE, as_version=4)
    map_cell = next(c for c in nb.cells if scaffold.BEGIN in c.source)
    map_cell.source = map_cell.source.replace("[EC2]", "[Elastic Compute]")
    nbformat.write(nb, root / scaffold.START_PAGE)
    assert scaffold.stale_tables(root) == ["README.md", str(scaffold.START_PAGE)]
    scaffold.write_tables(root)
    assert scaffold.stale_tables(root) == []
    assert (root / "README.md").read_text() == (ROOT / "README.md").read_text()


# --- make topic -------------------------------------------------------------------------


def test_make_topic_writes_a_planned_topic_that_the_standard_then_measures(tmp_path):
    root = course_copy(tmp_path)
    written = scaffold.new_topic(root, "demo", "Demo")
    demo = next(t for t in topics.load(root / scaffold.REGISTRY) if t.id == "demo")
    assert (demo.number, demo.status) == (10, "planned")
    assert {p.relative_to(root).as_posix() for p in written} >= {
        "course/10_demo.ipynb",
        "solutions/demo/demo.ipynb",
        "src/aws_compute_course/topics/demo/facts.toml",
        "src/aws_compute_course/topics/demo/questions.py",
        "tests/submissions/demo/README.md",
    }
    assert "| 10 | Demo: SCAFFOLD | *planned* | *planned* |" in (root / "README.md").read_text()
    assert scaffold.stale_tables(root) == []
    nb = nbformat.read(root / demo.solution, as_version=4)
    kinds = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells]
    assert {"setup", "q1_answer", "q1_tests", "q2_tests", "q3_answer"} <= set(kinds)
    assert conformance.started(demo, root)
    lacks = "\n".join(conformance.missing_parts(demo, root, facts=0, questions=0, explorables=0))
    for phrase in (
        "facts (none registered",
        "a model module",
        "scenario questions",
        "at least 3 registered explorables",
        "a generated student copy",
        "a committed wrong submission",
        "course/10_demo.ipynb still holds SCAFFOLD",
    ):
        assert phrase in lacks


@pytest.mark.parametrize(
    ("topic_id", "title", "message"),
    [
        ("ec2", "Again", "is built already"),
        ("Demo-1", "Demo", "id must match"),
        ("demo", 'A "quoted" title', "one line without quotes"),
        ("demo", "", "one line without quotes"),
    ],
)
def test_make_topic_refuses_before_writing_anything(tmp_path, topic_id, title, message):
    root = course_copy(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    with pytest.raises(ValueError, match=message):
        scaffold.new_topic(root, topic_id, title)
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def with_planned_row(root):
    """``root``'s registry with one more planned topic, as the course's were before built."""
    with (root / scaffold.REGISTRY).open("a") as registry:
        registry.write(ROW.format(number=42, id="planned_one", status="planned"))
    return next(t for t in topics.load(root / scaffold.REGISTRY) if t.id == "planned_one")


def test_make_topic_fills_in_a_registered_planned_topic_without_a_second_row(tmp_path):
    root = course_copy(tmp_path)
    planned = with_planned_row(root)
    rows_before = (root / scaffold.REGISTRY).read_text().count("[[topic]]")
    scaffold.new_topic(root, planned.id, planned.title)
    assert (root / scaffold.REGISTRY).read_text().count("[[topic]]") == rows_before
    assert (root / planned.notebook).is_file()
    again = course_copy(tmp_path / "again")
    with pytest.raises(ValueError, match=f"registered as number {planned.number}"):
        scaffold.new_topic(again, with_planned_row(again).id, "X", number=99)
    with pytest.raises(ValueError, match="number 1 is taken by 'ec2'"):
        scaffold.new_topic(course_copy(tmp_path / "third"), "unregistered", "U", number=1)


def test_make_topic_never_overwrites_an_existing_notebook(tmp_path):
    root = course_copy(tmp_path)
    existing = root / "course" / "10_demo.ipynb"
    existing.write_text("mine")
    registry_before = (root / scaffold.REGISTRY).read_text()
    with pytest.raises(ValueError, match="exists already"):
        scaffold.new_topic(root, "demo", "Demo", number=10)
    assert existing.read_text() == "mine"
    assert (root / scaffold.REGISTRY).read_text() == registry_before


def test_make_topic_numbers_past_the_course_notebooks_that_are_not_topics(tmp_path):
    root = course_copy(tmp_path)
    shutil.copy(ROOT / "course" / "10_practice.ipynb", root / "course" / "10_practice.ipynb")
    with pytest.raises(ValueError, match=r"number 10 is taken by course/10_practice\.ipynb"):
        scaffold.new_topic(root, "demo", "Demo", number=10)
    scaffold.new_topic(root, "demo", "Demo")
    demo = next(t for t in topics.load(root / scaffold.REGISTRY) if t.id == "demo")
    assert demo.number == 11 and (root / "course" / "11_demo.ipynb").is_file()
