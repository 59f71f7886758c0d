"""No script in a learner's answer runs in formgrader or in feedback (headless Chromium).

The tiny course is graded with a design answer (markdown, graded by hand) full of script:
``<script>``, ``<img onerror>``, ``<svg onload>``, ``<iframe src=javascript:>``,
``<details ontoggle>`` and ``javascript:`` links, around ordinary markdown (a table, code,
emphasis, an https link); and an answer whose value is HTML, which ends up in a check's
message. nbgrader's own ``generate_feedback`` writes the feedback, and nbgrader's formgrader
(a Jupyter server with the nbgrader extension) serves the manual-grading page. Each
payload records itself in ``window.__xss`` when it runs.

The detector is shown to work on the same pages: a control student's autograded notebook
is overwritten with the answer as the learner wrote it (what the grader used to write),
and there every payload that can run unattended does. Skipped where Debian's chromium or
PyPI's playwright is missing (see tests/test_browser.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from browser_lab import CHROMIUM, CHROMIUM_ARGS

from aws_compute_course.assignments import nbgrader_env
from aws_compute_course.grading import batch, sandbox

pytestmark = [pytest.mark.notebooks, pytest.mark.browser]

TINY = Path(__file__).parent / "fixtures" / "tiny"
RECORD = "(window.__xss = window.__xss || []).push"
PAYLOAD = f"""**Capacity.** Option *b* has the memory; see
[the EC2 guide](https://docs.aws.amazon.com/ec2/).

| option | memory |
|:-------|-------:|
| a | 4 GiB |
| b | 16 GiB |

```python
fits = memory_gib >= 16
```

<script>{RECORD}("script")</script>
<img src="x" onerror='{RECORD}("img")'>
<svg onload='{RECORD}("svg")'><circle r="4"/></svg>
<iframe src='javascript:(parent.__xss = parent.__xss || []).push("iframe")'></iframe>
<details open ontoggle='{RECORD}("details")'>details</details>
[a link](javascript:alert(1)) and <a href="javascript:alert(2)">an anchor</a>
"""
RUNS_UNATTENDED = {"script", "img", "svg", "details"}  # in the unsanitised control


def _answers(design: str) -> dict[str, str]:
    return {
        "q1_answer": "def monthly_cost(price_per_hour, hours):\n    return price_per_hour * hours",
        "q2_answer": f"answer_q2 = '<img src=x onerror=\"{RECORD}(`value`)\">'",
        "q3_design": design,
    }


def _submit(root: Path, student: str, answers: dict[str, str]) -> None:
    folder = root / "autograder" / "submitted" / student / "tiny"
    folder.mkdir(parents=True)
    nb = nbformat.read(TINY / "exercises" / "tiny" / "tiny.ipynb", as_version=4)
    for cell in nb.cells:
        cell.source = answers.get(cell.metadata["nbgrader"]["grade_id"], cell.source)
    nbformat.write(nb, folder / "tiny.ipynb")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def course(tmp_path):
    """The tiny course graded with the payload, its feedback generated, formgrader served."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    root = tmp_path / "course"
    for folder in ("solutions", "exercises"):
        shutil.copytree(TINY / folder, root / folder)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        "c.CourseDirectory.source_directory = 'solutions'\n"
        "c.CourseDirectory.release_directory = 'exercises'\n"
        "c.CourseDirectory.submitted_directory = 'autograder/submitted'\n"
        "c.CourseDirectory.autograded_directory = 'autograder/autograded'\n"
        "c.CourseDirectory.feedback_directory = 'autograder/feedback'\n"
        f"c.CourseDirectory.db_url = 'sqlite:///{root}/autograder/gradebook.db'\n"
    )
    for student in ("mallory", "control"):
        _submit(root, student, _answers(PAYLOAD))
    limits = sandbox.Limits(cell_seconds=20)
    course = batch.Course(root, "tiny")
    with open(os.devnull, "w") as quiet:
        batch.grade_class(course, workers=2, limits=limits, out=quiet)
    # The control: the answer as the learner wrote it, as the grader used to copy it.
    control = course.autograded / "control" / "tiny" / "tiny.ipynb"
    nb = nbformat.read(control, as_version=4)
    next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "q3_design").source = PAYLOAD
    nbformat.write(nb, control)
    env = {**nbgrader_env(), "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config")}
    feedback = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_feedback", "tiny", "--force"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert feedback.returncode == 0, feedback.stderr[-2000:]
    port, token = _free_port(), "formgrader-test-token"
    log = (tmp_path / "server.log").open("w")
    command = [sys.executable, "-m", "jupyter", "server", f"--port={port}", "--no-browser"]
    command += [f"--ServerApp.root_dir={root}", *(["--allow-root"] if os.geteuid() == 0 else [])]
    server = subprocess.Popen(
        command,
        cwd=root,
        env={**env, "JUPYTER_TOKEN": token},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(
                        f"the server did not start:\n{(tmp_path / 'server.log').read_text()}"
                    )
                time.sleep(0.3)
        yield course, url, token
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _submission_id(course: batch.Course, student: str) -> str:
    from nbgrader.api import Gradebook

    with Gradebook(course.default_db()) as gb:
        return gb.find_submission_notebook("tiny", "tiny", student).id


def _visit(page, url: str) -> dict:
    """Open ``url``; what ran, and what the learner's answer looks like on the page."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_timeout(1500)  # handlers (onerror, onload, ontoggle) fire by now
    ran = page.evaluate("() => window.__xss || []")
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    text = page.inner_text("body")
    return {"ran": ran, "dialogs": dialogs, "links": links, "text": text}


def test_no_learner_script_runs_in_formgrader_or_in_feedback(course):
    from playwright.sync_api import sync_playwright

    course, url, token = course
    pages = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            login = context.new_page()
            login.goto(f"{url}/tree?token={token}", wait_until="domcontentloaded")
            for student in ("mallory", "control"):
                sid = _submission_id(course, student)
                page = context.new_page()
                pages[f"formgrader {student}"] = _visit(
                    page, f"{url}/formgrader/submissions/{sid}/"
                )
                feedback = course.root / "autograder" / "feedback" / student / "tiny" / "tiny.html"
                page = context.new_page()
                pages[f"feedback {student}"] = _visit(page, feedback.as_uri())
        finally:
            browser.close()
    for where in ("formgrader control", "feedback control"):  # the detector sees script run
        assert set(pages[where]["ran"]) >= RUNS_UNATTENDED, (where, pages[where]["ran"])
    for where in ("formgrader mallory", "feedback mallory"):
        seen = pages[where]
        assert seen["ran"] == [] and seen["dialogs"] == [], (where, seen["ran"], seen["dialogs"])
        assert not [h for h in seen["links"] if h.strip().lower().startswith("javascript:")]
        assert "https://docs.aws.amazon.com/ec2/" in seen["links"], where
        for shown in ("Capacity.", "16 GiB", "fits = memory_gib >= 16", "<img src=x onerror="):
            assert shown in seen["text"], (where, shown)
