"""The practice notebook in a real browser: `make lab`'s server, JupyterLab, headless Chromium.

A 5-question exam is taken the way a learner takes one (answer, flag, go back and find the
answer still there, submit), the report is read, the kernel is restarted and the history is
still there. The course's own practice notebook is Run All'd too. The progress file lives in
the test's own Jupyter data directory. Skipped, with the reason, without Debian's chromium or
PyPI's playwright.
"""

from __future__ import annotations

import pytest
from browser_lab import (
    TIMEOUT_MS,
    Lab,
    chromium,
    lab_server,
    menu,
    missing,
    open_notebook,
    run_all,
    screenshot_dir,
    write_notebook,
)

pytestmark = [pytest.mark.notebooks, pytest.mark.browser]

PORT = 18957  # not test_browser.py's, so both can run at once
EXAM_CELLS = [
    "from aws_compute_course.practice import exam_view, study_view\n"
    "from aws_compute_course.practice.session import Practice\n"
    "practice = Practice()\n"
    'exam_view.exam(practice, shapes={"quick": (5, 12)})',
    "study_view.progress_view(practice)",
]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    why = missing()
    if why:
        pytest.skip(why)
    state = tmp_path_factory.mktemp("practice-lab")
    with pytest.MonkeyPatch.context() as env:
        # The server and its kernels inherit these: the progress file goes under the test's
        # own data directory, never the real one.
        env.setenv("JUPYTER_DATA_DIR", str(state / "jupyter-data"))
        env.setenv("AWS_COURSE_LEARNER", "browser-learner")
        with lab_server(state, port=PORT) as server:
            server.data_dir = state / "jupyter-data"
            yield server


@pytest.fixture(scope="module")
def page(lab: Lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, chromium(pw) as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.set_default_timeout(TIMEOUT_MS)
        yield page


def _answer(notebook) -> None:
    """Choose the first option on screen (the first two for a choose-two question)."""
    radios = notebook.locator(".widget-radio-box input[type=radio]")
    if radios.first.is_visible():
        radios.first.check()
    else:
        boxes = notebook.locator(".widget-checkbox input[type=checkbox]")
        visible = [b for b in boxes.all() if b.is_visible()]
        visible[0].check()
        visible[1].check()


def _button(notebook, text: str):
    return notebook.locator(f'button.jupyter-button:text-is("{text}")')


def test_take_an_exam_see_the_report_restart_and_see_the_history(lab: Lab, page) -> None:
    name = write_notebook(lab, "practice_exam.ipynb", EXAM_CELLS)
    notebook = open_notebook(page, lab, name)
    run_all(page, notebook)
    _button(notebook, "Start quick exam (5 questions, 12 min)").click()
    status = notebook.locator(".widget-html-content:has-text('Question ')").first
    status.filter(has_text="Question 1 of 5").wait_for()
    assert "Time left: 11 min" in notebook.locator(".aws-practice-countdown").inner_text()

    _answer(notebook)
    _button(notebook, "Next").click()
    status.filter(has_text="Question 2 of 5 · 1 answered").wait_for()
    _button(notebook, "Flag for review").click()
    status.filter(has_text="1 flagged for review").wait_for()
    # A page reload (the notebook unsaved, so its outputs are gone): running it again
    # resumes the same exam from the progress file, and the clock keeps its deadline.
    notebook = open_notebook(page, lab, name)
    run_all(page, notebook)
    status = notebook.locator(".widget-html-content:has-text('Question ')").first
    status.filter(has_text="Question 2 of 5 · 1 answered · 1 flagged").wait_for()
    assert "Time left: 11 min" in notebook.locator(".aws-practice-countdown").inner_text()
    _button(notebook, "Previous").click()
    status.filter(has_text="Question 1 of 5").wait_for()
    # Back on question 1: its answer is still chosen.
    chosen = notebook.locator(".widget-radio-box input:checked, .widget-checkbox input:checked")
    assert sum(c.is_visible() for c in chosen.all()) >= 1
    for n in range(2, 6):
        _button(notebook, "Next").click()
        status.filter(has_text=f"Question {n} of 5").wait_for()
        if n != 2:
            _answer(notebook)
    status.filter(has_text="4 answered · 1 flagged").wait_for()
    _button(notebook, "Submit exam").click()

    report = notebook.locator(".aws-practice-score")
    report.wait_for()
    assert "of 5" in report.inner_text()
    reviews = notebook.locator(".aws-practice-review")
    assert reviews.count() == 5
    assert "Not answered" in notebook.locator(".aws-practice-review").nth(1).inner_text()
    assert "Scenario-questions" in reviews.first.locator("a").get_attribute("href")
    page.screenshot(path=screenshot_dir() / "practice_report.png", full_page=False)

    kernel_before = lab.api("GET", "kernels")[0]["id"]
    menu(page, "Kernel", "Restart Kernel…")
    page.click(".jp-Dialog .jp-mod-accept")
    page.locator(".jp-Dialog").wait_for(state="detached")
    notebook.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for()
    run_all(page, notebook)
    assert lab.api("GET", "kernels")[0]["id"] == kernel_before  # restarted, not replaced
    # A fresh kernel counts from 1 again (the same kernel would have shown [3]).
    assert notebook.locator(".jp-CodeCell .jp-InputPrompt").first.inner_text() == "[1]:"
    summary = notebook.locator(".widget-html-content:has-text('submitted')")
    summary.wait_for()
    assert "1 exam submitted, 5 answers recorded" in summary.inner_text()
    assert notebook.locator(".js-plotly-plot .scatterlayer .trace").count() >= 2
    files = list((lab.data_dir / "aws_compute_course").glob("progress-browser-learner.sqlite3"))
    assert len(files) == 1
    lab.shutdown_kernels()


def test_the_course_practice_notebook_runs_in_the_browser(lab: Lab, page) -> None:
    notebook = open_notebook(page, lab, "course/10_practice.ipynb")
    run_all(page, notebook)
    _button(notebook, "Start short exam (20 questions, 48 min)").wait_for()
    assert _button(notebook, "Show answer").count() == 1
    lab.shutdown_kernels()
