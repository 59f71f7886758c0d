"""The class's JupyterHub (deploy/) starts on loopback and spawns the demo users' servers.

What ``make class`` runs, started the same way (deploy/class_demo.py: a throwaway Postgres
cluster for the hub and the gradebook, nbgrader's exchange, deploy/jupyterhub_config.py) on
free loopback ports. A learner and the instructor log in through the hub's login form and
get their servers: each with their own copy of the course, the learner's without
formgrader, the instructor's with it; the hub keeps its users in Postgres. Then a class's
round through the servers' own nbgrader APIs (what JupyterLab's buttons call): the
instructor releases Spot, two learners fetch it, answer (one fully, one partly), validate
and submit; the instructor collects, grades with ``aws-course-grade`` into Postgres, adds a
manual grade through formgrader's API, releases feedback; each learner fetches only their
own. In headless Chromium a learner logs in through the hub's form and gets JupyterLab
with nbgrader's assignment list and no formgrader. (The demo's servers share one system
user; tests/test_class_unix_users.py runs the round in the browser on the hub's real shape,
one Unix user a server, and shows that learners cannot read each other's files.) Skipped,
saying why, where Debian's postgresql, chromium (the browser test only) or npm's
configurable-http-proxy is missing (.ci/run installs them where it can).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from browser_lab import CHROMIUM, CHROMIUM_ARGS
from class_hub import free_port, wait_for
from class_postgres import deploy_module

from aws_compute_course.grading import batch

pytestmark = pytest.mark.notebooks

class_demo = deploy_module("class_demo")
PASSWORD = "demo-password"  # a test's own hub on loopback, stopped at the end
START_TIMEOUT_S = 90
COURSE = "aws-compute-course"
SPOT_FIXTURES = Path(__file__).parent / "grading_fixtures" / "spot"
BROWSER_TIMEOUT_MS = 180_000  # generous: a shared 2-core machine; every wait is on a condition
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"


class Hub:
    def __init__(self, url: str, state: Path, cluster, env: dict) -> None:
        self.url, self.state, self.cluster, self.env = url, state, cluster, env

    def login(self, user: str):
        """A browser-like session logged in as ``user`` through the hub's login form."""
        import requests

        session = requests.Session()
        session.get(f"{self.url}/hub/login", timeout=30).raise_for_status()
        form = {"username": user, "password": PASSWORD, "_xsrf": session.cookies["_xsrf"]}
        response = session.post(f"{self.url}/hub/login?next=", data=form, timeout=30)
        response.raise_for_status()
        assert session.cookies.get("jupyterhub-session-id"), f"{user} was not logged in"
        return session

    def server(self, session, user: str) -> None:
        """Wait until ``user``'s server (spawned at login) serves JupyterLab to them."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            # the lab page, as a browser opens it: the hub's OAuth hands the server a cookie
            response = session.get(f"{self.url}/user/{user}/lab", timeout=30)
            if response.status_code == 200 and response.url.startswith(
                f"{self.url}/user/{user}/lab"
            ):
                return
            time.sleep(1)
        raise AssertionError(f"{user}'s server did not start in {START_TIMEOUT_S} s")


@pytest.fixture(scope="module")
def hub():
    missing = class_demo.missing_programs()
    if missing:
        pytest.skip("the class's hub needs " + "; ".join(missing))
    folder = Path(tempfile.mkdtemp(prefix="aws-course-hub-test-"))
    cluster, env = class_demo.prepare(
        folder, ("instructor", "learner1", "learner2", "learner3"), PASSWORD
    )
    port = free_port()
    env |= {
        "COURSE_HUB_URL": f"http://127.0.0.1:{port}",
        "COURSE_HUB_API_URL": f"http://127.0.0.1:{free_port()}",
        "COURSE_PROXY_API_URL": f"http://127.0.0.1:{free_port()}",
    }
    log = (folder / "hub.log").open("wb")
    process = subprocess.Popen(
        class_demo.hub_command(folder), env=env, cwd=folder, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, process, folder / "hub.log")
        yield Hub(url, folder, cluster, env)
    finally:
        class_demo.stop_hub(process)
        log.close()
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def test_a_learner_gets_their_own_course_without_formgrader(hub):
    session = hub.login("learner1")
    hub.server(session, "learner1")
    home = hub.state / "home" / "learner1"
    assert (home / "course" / "00_start_here.ipynb").is_file()
    assert (home / "exercises" / "spot" / "spot.ipynb").is_file()
    assert session.get(f"{hub.url}/user/learner1/formgrader", timeout=30).status_code == 404
    # nbgrader's assignment list (fetch, validate, submit) reads the class's exchange
    listing = session.get(
        f"{hub.url}/user/learner1/assignments?course_id=aws-compute-course", timeout=60
    )
    assert listing.status_code == 200 and listing.json()["success"], listing.text[:500]
    other = session.get(f"{hub.url}/user/learner2/api/status", timeout=30, allow_redirects=False)
    assert other.status_code in (302, 403, 404), other.status_code  # not learner2's server


def test_the_instructor_gets_formgrader(hub):
    session = hub.login("instructor")
    hub.server(session, "instructor")
    formgrader = session.get(f"{hub.url}/user/instructor/formgrader", timeout=60)
    assert formgrader.status_code == 200, formgrader.text[:500]


def test_the_hub_keeps_its_users_in_postgres(hub):
    import sqlalchemy

    engine = sqlalchemy.create_engine(hub.env["COURSE_HUB_DB_URL"])
    try:
        with engine.connect() as connection:
            users = connection.execute(sqlalchemy.text("SELECT name FROM users")).scalars()
            assert {"instructor", "learner1", "learner2"} <= set(users)
    finally:
        engine.dispose()
    assert os.stat(hub.state / "exchange").st_mode & 0o1777 == 0o1777


def _server_api(hub: Hub, session, user: str, method: str, path: str, **kwargs):
    """A call to ``user``'s own server with its XSRF token, as JupyterLab makes it."""
    xsrf = session.cookies.get("_xsrf", path=f"/user/{user}/")
    response = session.request(
        method,
        f"{hub.url}/user/{user}/{path}",
        headers={"X-XSRFToken": xsrf} if xsrf else {},
        timeout=300,
        **kwargs,
    )
    assert response.status_code == 200, (path, response.status_code, response.text[:500])
    return response.json()


def test_a_class_round_through_the_hub(hub):
    instructor = hub.login("instructor")
    hub.server(instructor, "instructor")
    released = _server_api(
        hub, instructor, "instructor", "POST", "formgrader/api/assignment/spot/release"
    )
    assert released["success"], released

    answers = {"learner1": "correct.ipynb", "learner2": "deleted_answer.ipynb"}  # 14 and 11
    learners = {}
    for user, fixture in answers.items():
        learners[user] = session = hub.login(user)
        hub.server(session, user)
        form = {"course_id": COURSE, "assignment_id": "spot"}
        listed = _server_api(hub, session, user, "POST", "assignments/fetch", data=form)
        fetched = hub.state / "home" / user / COURSE / "spot" / "spot.ipynb"
        assert fetched.is_file(), (
            [v["path"] for v in listed["value"]],
            [str(p) for p in hub.state.rglob("*spot*") if "learner1" in str(p)],
        )
        shutil.copyfile(SPOT_FIXTURES / fixture, fetched)  # the learner's answers
        path = fetched.relative_to(hub.state / "home" / user)
        checked = _server_api(
            hub, session, user, "POST", "assignments/validate", data={"path": str(path)}
        )
        assert checked["success"], checked
        submitted = _server_api(hub, session, user, "POST", "assignments/submit", data=form)
        assert submitted["success"], submitted

    collected = _server_api(
        hub, instructor, "instructor", "POST", "formgrader/api/assignment/spot/collect"
    )
    assert collected["success"], collected
    grading = Path(hub.env["COURSE_GRADING_ROOT"])
    args = ["spot", "--root", str(grading), "--db", hub.env["COURSE_GRADEBOOK_URL"]]
    assert batch.main([*args, "--workers", "2"]) == 0

    notebooks = _server_api(
        hub, instructor, "instructor", "GET", "formgrader/api/submitted_notebooks/spot/spot"
    )
    by_student = {n["student"]: n for n in notebooks}
    assert by_student["learner1"]["code_score"] == 14 and by_student["learner2"]["code_score"] == 11
    grades = _server_api(
        hub,
        instructor,
        "instructor",
        "GET",
        f"formgrader/api/grades?submission_id={by_student['learner1']['id']}",
    )
    design = next(g for g in grades if g["name"] == "q9_answer")
    _server_api(
        hub,
        instructor,
        "instructor",
        "PUT",
        f"formgrader/api/grade/{design['id']}",
        json={"manual_score": 4},
    )

    for learner in ("learner1", "learner2"):  # aws-course-grade kept them for the feedback
        autograded = grading / "autograder" / "autograded" / learner / "spot"
        assert (autograded / "timestamp.txt").is_file(), learner
    for action in ("generate_feedback", "release_feedback"):
        done = _server_api(
            hub, instructor, "instructor", "POST", f"formgrader/api/assignment/spot/{action}"
        )
        assert done["success"], (action, done)
    scores = {"learner1": "18", "learner2": "11"}  # 14 + 4 by hand; 11 and q9 not graded yet
    for user, session in learners.items():
        form = {"course_id": COURSE, "assignment_id": "spot"}
        _server_api(hub, session, user, "POST", "assignments/fetch_feedback", data=form)
        feedback = list((hub.state / "home" / user / COURSE / "spot" / "feedback").rglob("*.html"))
        assert len(feedback) == 1, feedback  # their own, and only theirs
        html = feedback[0].read_text()
        assert f"Score: {scores[user]}" in html, (user, html[:2000])


@pytest.mark.browser
def test_a_learner_logs_in_with_a_browser(hub):
    """In headless Chromium: the hub's login form, then the learner's own JupyterLab with the
    course's start page, nbgrader's assignment list and no formgrader."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(BROWSER_TIMEOUT_MS)
            page.goto(f"{hub.url}/hub/login")
            page.fill("input[name=username]", "learner3")
            page.fill("input[name=password]", PASSWORD)
            page.click("input[type=submit], button[type=submit]")
            page.wait_for_url(f"{hub.url}/user/learner3/lab/**", timeout=BROWSER_TIMEOUT_MS)
            page.wait_for_selector(NOTEBOOK)
            assert "00_start_here.ipynb" in page.url
            page.click("text=Nbgrader")  # the menu nbgrader's lab extension adds
            menu = page.locator(".lm-Menu-content").last
            menu.wait_for()
            items = menu.inner_text()
            assert "Assignment List" in items and "Formgrader" not in items, items
        finally:
            browser.close()


def test_the_grader_keeps_the_submission_timestamp(tmp_path):
    root = tmp_path / "course"
    for folder in ("solutions", "exercises"):
        shutil.copytree(Path(__file__).parent.parent / folder / "spot", root / folder / "spot")
    submitted = root / "autograder" / "submitted" / "learner1" / "spot"
    submitted.mkdir(parents=True)
    shutil.copyfile(SPOT_FIXTURES / "correct.ipynb", submitted / "spot.ipynb")
    (submitted / "timestamp.txt").write_text("2026-11-29 13:00:00.000000 UTC")
    assert batch.main(["spot", "--root", str(root), "--workers", "1"]) == 0
    autograded = root / "autograder" / "autograded" / "learner1" / "spot"
    assert (autograded / "timestamp.txt").read_text() == "2026-11-29 13:00:00.000000 UTC"


@pytest.mark.parametrize("role", ["instructor", "learner"])
def test_the_hubs_servers_are_set_up_as_make_lab_is(role):
    """No news feed or update check (nothing fetched at run time, no "Jupyter news?" prompt),
    the plugins `make lab` leaves out for the role, and terminals that keep the hub's PATH
    (a login shell reads Debian's /etc/profile, which drops the course's commands)."""
    import json

    from aws_compute_course import lab

    folder = Path(__file__).parent.parent / "deploy" / "jupyter_config" / role
    server = json.loads((folder / "jupyter_server_config.json").read_text())
    assert server["LabApp"]["news_url"] is None
    assert server["LabApp"]["check_for_updates_class"] == "jupyterlab.NeverCheckForUpdate"
    shell = server["ServerApp"]["terminado_settings"]["shell_command"]
    assert "-l" not in shell and "--login" not in shell, shell
    page = json.loads((folder / "labconfig" / "page_config.json").read_text())
    disabled = {name for name, off in page["disabledExtensions"].items() if off}
    # the learner's page leaves nbgrader's instructor plugins out one by one (it keeps the
    # Assignment List), where `make lab` for a self-paced learner drops nbgrader entirely
    expected = set(lab.disabled_lab_plugins("instructor"))
    assert expected <= disabled, expected - disabled
