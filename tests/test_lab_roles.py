"""`make lab`'s two roles as a new learner and a new instructor meet them.

The learner sees the course without prompts or instructor tools; the instructor's
nbgrader works out of the box: the README's release → fetch → submit → collect → grade,
through nbgrader's own CLI against the instructor-mode server and config, and the
Assignment List in the browser. Nothing of the machine's own Jupyter or Chromium state
takes part (config, data, settings, workspaces, runtime directory and Chromium profile are
new folders): a fresh profile is where the "get notified about official Jupyter news?"
prompt shows up. Browser tests are skipped (with the reason) where Debian's chromium or
PyPI's playwright is not installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_lab import CHROMIUM, CHROMIUM_ARGS

from aws_compute_course import lab

pytestmark = pytest.mark.notebooks

ROOT = Path(__file__).resolve().parent.parent
# JupyterLab shows its prompts as react-toastify toasts.
TOAST = ".Toastify__toast"
# The prompt comes right after JupyterLab has restored its layout; this is ample after that.
SETTLE_S = 4.0


def fresh_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PLOTLY_RENDERER", None)
    for var, name in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
    ]:
        env[var] = str(tmp_path / name)
    return env


def start_lab(tmp_path: Path, args: list[str]) -> tuple[subprocess.Popen, str]:
    # A file, not a pipe: nobody reads a pipe once the URL is out, and a full one would block.
    log = tmp_path / "lab.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "aws_compute_course.lab", *args],
            cwd=ROOT,
            env=fresh_env(tmp_path),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 90
    while proc.poll() is None and time.monotonic() < deadline:
        found = re.search(r"Open (http://\S+\?token=\S+)", log.read_text())
        if found:
            return proc, found.group(1)
        time.sleep(0.2)
    stop_lab(proc)
    pytest.fail(f"make lab's launcher printed no URL:\n{log.read_text()[-2000:]}")


def stop_lab(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def browser_page(tmp_path):
    """A page of a Chromium with a profile of its own, new for this test."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            page = context.new_page()
            # Generous: under `make test` the other worker keeps this machine's cores busy.
            page.set_default_timeout(180_000)
            yield page
        finally:
            context.close()


def shoot(page, name: str) -> str:
    shots = Path(os.environ.get("BROWSER_SHOT_DIR", ROOT / "build"))
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / name))
    return str(shots / name)


@pytest.mark.browser
def test_a_new_learner_sees_the_course_and_nothing_else(tmp_path, browser_page):
    page = browser_page
    proc, url = start_lab(tmp_path, ["--port", "18941", "--workspace", str(tmp_path / "ws")])
    try:
        page.goto(url)
        notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        notebook.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for()
        time.sleep(SETTLE_S)
        shot = shoot(page, "lab_learner_first_start.png")
        toasts = page.locator(TOAST).all_inner_texts()
        assert toasts == [], f"a prompt over the course: {toasts} (screenshot {shot})"
        menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
        assert "Run" in menus and "Nbgrader" not in menus, menus
        toolbar = notebook.locator(".jp-NotebookPanel-toolbar").inner_text()
        assert "Validate" not in toolbar, toolbar

        # The start page's relative link opens the learner's copy of the exercise. JupyterLab
        # renders only the cells in view: scroll down until the link is there.
        link = notebook.locator("a", has_text="exercises/spot/spot.ipynb")
        scroller = notebook.locator(".jp-WindowedPanel-outer")
        for _ in range(100):
            if link.count():
                break
            scroller.evaluate("el => el.scrollBy(0, el.clientHeight / 2)")
            time.sleep(0.1)
        link.first.click()
        page.locator(
            '.lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel:text-is("spot.ipynb")'
        ).wait_for()
        exercise = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        exercise.locator(".jp-Cell").first.wait_for()
        assert "Validate" not in exercise.locator(".jp-NotebookPanel-toolbar").inner_text()
    finally:
        stop_lab(proc)


# --- instructor mode -------------------------------------------------------------------

COURSE_ID = "aws-compute-course"


def course_copy(course: Path) -> Path:
    """A checkout with the Spot assignment and the repository's own nbgrader_config.py."""
    for folder in ("course", "solutions/spot", "exercises/spot"):
        shutil.copytree(ROOT / folder, course / folder)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    return course


def nbgrader(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """``nbgrader ARGS`` as a user types it in ``cwd``; its output, or the test fails."""
    # nbgrader runs alembic from PATH to create the gradebook.
    env = dict(env, PATH=os.pathsep.join([str(Path(sys.executable).parent), env["PATH"]]))
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stderr[-2000:]}"
    return done.stdout + done.stderr


NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get_json(url: str):
    with NO_PROXY.open(url, timeout=60) as response:
        return json.load(response)


def get_text(url: str) -> str:
    with NO_PROXY.open(url, timeout=60) as response:
        return response.read().decode()


def test_the_course_config_keeps_the_exchange_in_the_checkouts_grading_area():
    settings = lab.exchange_settings(ROOT)
    assert settings == {
        "Exchange": {
            "root": str(ROOT / "autograder" / "exchange"),
            "assignment_dir": str(ROOT / "autograder" / "fetched"),
        },
        "CourseDirectory": {"course_id": COURSE_ID},
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "has no nbgrader_config.py"),
        ("c = get_config()\n", "must set Exchange.root and CourseDirectory.course_id"),
    ],
)
def test_instructor_mode_needs_the_course_config(tmp_path, text, message):
    if text is not None:
        (tmp_path / "nbgrader_config.py").write_text(text)
    with pytest.raises((FileNotFoundError, ValueError), match=message):
        lab.exchange_settings(tmp_path)


def test_release_fetch_submit_collect_grade_in_instructor_mode(tmp_path):
    """The README's instructor steps, run as written against `make lab ROLE=instructor`."""
    course = course_copy(tmp_path / "course")
    env = fresh_env(tmp_path)
    exchange = course / "autograder" / "exchange"
    assert not exchange.exists()
    proc, url = start_lab(
        tmp_path, ["--port", "18961", "--role", "instructor", "--root", str(course)]
    )
    try:
        assert exchange.is_dir() and exchange.stat().st_mode & 0o777 == 0o777
        base, token = re.match(r"(http://[^/]+)/lab\?token=(\S+)", url).groups()
        # Formgrader runs on this course, and sees the exchange.
        assert get_json(f"{base}/formgraders?token={token}")["value"][0]["course_id"] == COURSE_ID
        manage = get_text(f"{base}/formgrader/manage_assignments?token={token}")
        assert 'id="warning-exchange"' not in manage, "formgrader says the exchange is missing"
        assignments = get_json(f"{base}/formgrader/api/assignments?token={token}")
        assert [a["name"] for a in assignments] == ["spot"]
        # The Assignment List's calls: before the release, an empty list and no error.
        assert get_json(f"{base}/courses?token={token}") == {"success": True, "value": []}

        nbgrader(["release_assignment", "spot"], cwd=course, env=env)

        courses = get_json(f"{base}/courses?token={token}")
        assert courses == {"success": True, "value": [COURSE_ID]}
        listed = get_json(f"{base}/assignments?course_id={COURSE_ID}&token={token}")
        assert listed["success"], listed
        assert [(a["assignment_id"], a["status"]) for a in listed["value"]] == [
            ("spot", "released")
        ]

        # A student on this machine: their own folder and config naming the exchange.
        home = tmp_path / "carol"
        home.mkdir()
        (home / "nbgrader_config.py").write_text(
            "c = get_config()\n"
            f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
            f"c.Exchange.root = {str(exchange)!r}\n"
            "c.CourseDirectory.student_id = 'carol'\n"
        )
        nbgrader(["fetch_assignment", "spot"], cwd=home, env=env)
        fetched = home / "spot" / "spot.ipynb"
        assert fetched.read_bytes() == (course / "exercises/spot/spot.ipynb").read_bytes()
        shutil.copy(ROOT / "tests/submissions/spot/partly_wrong.ipynb", fetched)
        nbgrader(["submit", "spot"], cwd=home, env=env)

        nbgrader(["collect", "spot"], cwd=course, env=env)
        assert (course / "autograder/submitted/carol/spot/spot.ipynb").is_file()
        graded = subprocess.run(
            [Path(sys.executable).with_name("aws-course-grade"), "spot", "--root", str(course)],
            cwd=course,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert graded.returncode == 0, graded.stderr[-2000:]
        assert re.search(r"carol\s.*11/14", graded.stdout), graded.stdout
    finally:
        stop_lab(proc)
    # Nothing of the round trip landed in the repository.
    assert not (ROOT / "autograder/submitted/carol").exists()


@pytest.mark.browser
def test_a_new_instructor_finds_the_assignment_list_working(tmp_path, browser_page):
    """Nbgrader → Assignment List lists the course's released assignment, no error."""
    course = course_copy(tmp_path / "course")
    page = browser_page
    proc, url = start_lab(
        tmp_path, ["--port", "18951", "--role", "instructor", "--root", str(course)]
    )
    try:
        nbgrader(["release_assignment", "spot"], cwd=course, env=fresh_env(tmp_path))
        page.goto(url)
        page.locator(".jp-LauncherCard, .jp-Launcher").first.wait_for()
        page.click('.lm-MenuBar-itemLabel:text-is("Nbgrader")')
        page.click('.lm-Menu-itemLabel:text-is("Assignment List")')
        panel = page.locator("#released_assignments_list")
        panel.locator(".list_item").filter(has_text="spot").first.wait_for()
        time.sleep(SETTLE_S)
        shot = shoot(page, "lab_instructor_assignment_list.png")
        body = page.locator("body").inner_text()
        assert "Error fetching courses" not in body, f"screenshot {shot}"
        assert "exchange directory does not exist" not in body, f"screenshot {shot}"
        assert page.locator(TOAST).all_inner_texts() == [], f"screenshot {shot}"
    finally:
        stop_lab(proc)
