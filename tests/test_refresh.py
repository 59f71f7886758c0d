"""`make notebooks`: committed notebooks keep stable outputs and no live widget state."""

from pathlib import Path

import nbformat
import pytest

from aws_compute_course import refresh

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = sorted(
    path
    for folder in ("course", "solutions", "exercises")
    for path in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in path.parts
)
WIDGET_OUTPUT = {
    "output_type": "display_data",
    "metadata": {},
    "data": {refresh.WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0}},
}


def notebook(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=list(cells))
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return nb


def widget_cell(tags: list[str]) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("explorer", metadata={"tags": tags}, execution_count=3)
    cell.outputs = [nbformat.from_dict(WIDGET_OUTPUT)]
    return cell


def test_tagged_widget_cells_lose_their_outputs_and_the_widget_state_goes():
    printed = nbformat.v4.new_code_cell("print(1)", execution_count=2)
    printed.outputs = [nbformat.v4.new_output("stream", text="1\n")]
    nb = refresh.strip_live_widgets(notebook(printed, widget_cell([refresh.IGNORE_OUTPUT])))
    assert "widgets" not in nb.metadata
    assert nb.cells[0].outputs == printed.outputs, "an ordinary output must be kept"
    assert nb.cells[1].outputs == [] and nb.cells[1].execution_count is None


def test_an_untagged_widget_cell_is_refused_by_number():
    nb = notebook(nbformat.v4.new_markdown_cell("# title"), widget_cell([]))
    with pytest.raises(ValueError, match=r"cell 2 shows a live widget but is not tagged"):
        refresh.strip_live_widgets(nb)


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_notebooks_hold_no_widget_state_or_widget_output(path):
    nb = nbformat.read(path, as_version=4)
    assert "widgets" not in nb.metadata, "widget state is committed"
    for number, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            assert refresh.WIDGET_VIEW not in output.get("data", {}), f"cell {number}"


@pytest.mark.notebooks
def test_a_failing_notebook_is_left_unchanged(tmp_path, capsys):
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook(nbformat.v4.new_code_cell("1 / 0")), path)
    before = path.read_bytes()
    assert refresh.main([str(path)]) == 1
    assert path.read_bytes() == before
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_prose_cells_have_their_source_hidden_and_other_cells_do_not():
    prose = nbformat.v4.new_code_cell('say("Lambda takes up to {lambda.memory_max_mb} MB.")')
    built = nbformat.v4.new_code_cell('lines = ["a", "b"]\nsay("\\n".join(lines))')
    code = nbformat.v4.new_code_cell("sweep = memory_sweep(workload)\nsay")
    broken = nbformat.v4.new_code_cell("say(")
    nb = refresh.hide_prose_sources(notebook(prose, built, code, broken))
    assert nb.cells[0].metadata["jupyter"]["source_hidden"] is True
    assert nb.cells[1].metadata["jupyter"]["source_hidden"] is True
    assert "jupyter" not in nb.cells[2].metadata
    assert "jupyter" not in nb.cells[3].metadata


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_prose_cells_show_their_text_once(path):
    nb = nbformat.read(path, as_version=4)
    for number, cell in enumerate(nb.cells, start=1):
        if refresh.is_prose_cell(cell):
            hidden = cell.metadata.get("jupyter", {}).get("source_hidden")
            assert hidden is True, f"cell {number}: say(...) source shown as well as its text"
