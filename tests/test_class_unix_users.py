"""A class's round clicked through in a real browser, on the hub in its real shape.

The hub (tests/class_hub.py) logs in system users through PAM and runs each server as its
own Unix user, as on a class's server. In headless Chromium: the instructor releases Spot
in formgrader; learner A fetches it from nbgrader's Assignment List, answers every question
(the answers are written into the fetched notebook, as A's file), validates from the list
and submits; learner B fetches, opens the notebook, types two answers into its cells, saves,
presses the notebook's Validate button and submits; the instructor collects in formgrader,
grades with ``aws-course-grade`` typed into a JupyterLab terminal (into Postgres), gives a
manual grade in formgrader's grading page, generates and releases feedback; each learner
fetches feedback and gets only their own. Then, as each learner's own user: neither can
read the other's files, the instructor's sources, the exchange's inbox or the gradebook.

Skipped, saying why, where the machine cannot make users (not root), or lacks bubblewrap,
Debian's postgresql or chromium, or npm's configurable-http-proxy.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import nbformat
import pytest
from browser_lab import CHROMIUM, CHROMIUM_ARGS
from class_hub import UnixHub, unix_hub, why_not

pytestmark = [pytest.mark.notebooks, pytest.mark.browser]

COURSE = "aws-compute-course"
SPOT_FIXTURES = Path(__file__).parent / "grading_fixtures" / "spot"
TIMEOUT_MS = 180_000  # a shared 2-core machine; every wait is on a condition
GRADING_TIMEOUT_S = 300
VISIBLE = ":not(.lm-mod-hidden)"
NOTEBOOK = f".jp-NotebookPanel{VISIBLE}"
ASSIGNMENTS = f"#nbgrader-assignment-list{VISIBLE}"
B_TYPES = {"q5": "C", "q6": "A"}  # learner B's two answers, both right: 1 point each
SCORES = {"a": 14 + 4, "b": 2}  # A: every automatic point, and 4 of 5 by hand for Q9


@pytest.fixture(scope="module")
def hub():
    why = why_not() or (None if Path(CHROMIUM).exists() else "Debian's chromium is missing")
    if why:
        pytest.skip(why)
    with unix_hub() as started:
        yield started


@pytest.fixture(scope="module")
def browser(hub):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def log_in(hub: UnixHub, browser, user: str):
    """A new browser context logged in as ``user`` through the hub's form, on their lab."""
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{hub.url}/hub/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", hub.passwords[user])
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(f"{hub.url}/user/{user}/lab/**")
    page.wait_for_selector(f".jp-MainAreaWidget{VISIBLE}")
    return page


def formgrader(page, hub: UnixHub, action: str) -> None:
    """Press ``action`` on Spot's row of formgrader's Manage Assignments; expect success."""
    page.goto(f"{hub.url}/user/{hub.instructor}/formgrader/manage_assignments")
    page.click(f"tr:has-text('spot') td.{action} a")
    dialog = page.locator(".modal-dialog")
    dialog.locator(".modal-title").wait_for()
    assert dialog.locator(".modal-title").inner_text() == "Success", dialog.inner_text()
    dialog.locator("button.btn-primary").click()


def assignment_list(page):
    """nbgrader's Assignment List, from its menu (it reads the class's exchange)."""
    page.get_by_role("menuitem", name="Nbgrader", exact=True).click()
    page.locator(".lm-Menu-content").last.get_by_text("Assignment List").click()
    page.wait_for_selector(f"{ASSIGNMENTS} #released_assignments_list")
    return page.locator(ASSIGNMENTS)


def fetch(page) -> None:
    panel = assignment_list(page)
    panel.locator("#released_assignments_list button:has-text('Fetch')").click()
    panel.locator("#fetched_assignments_list button:has-text('Submit')").wait_for()


def submit(page) -> None:
    panel = assignment_list(page)
    panel.locator("#fetched_assignments_list button:has-text('Submit')").click()
    panel.locator("#submitted_assignments_list .list_item").first.wait_for()


def validation(page) -> str:
    """The text of nbgrader's "Validation Results" dialog, then close it."""
    dialog = page.locator(".jp-Dialog")
    dialog.get_by_text("Validation Results").wait_for()
    text = dialog.inner_text()
    dialog.locator("button.jp-mod-accept").click()
    return text


def answer_everything(hub: UnixHub, user: str) -> None:
    """Learner A's answers: the fetched notebook's answer cells from the correct fixture."""
    fetched = hub.home(user) / COURSE / "spot" / "spot.ipynb"
    notebook = nbformat.read(fetched, as_version=4)
    right = {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in nbformat.read(SPOT_FIXTURES / "correct.ipynb", as_version=4).cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = right[cell.metadata["nbgrader"]["grade_id"]]
    nbformat.write(notebook, fetched)
    shutil.chown(fetched, user, user)


def type_answers(page, hub: UnixHub, user: str) -> None:
    """Learner B opens the notebook and types two answers into their cells, then saves."""
    page.goto(f"{hub.url}/user/{user}/lab/tree/{COURSE}/spot/spot.ipynb")
    page.wait_for_selector(f"{NOTEBOOK} .jp-CodeCell")
    for question, letter in B_TYPES.items():
        cell = page.locator(f"{NOTEBOOK} .jp-CodeCell:has-text('Set answer_{question}')")
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+a")
        page.keyboard.type(f'answer_{question} = "{letter}"\n')
    page.keyboard.press("Control+s")
    saved = hub.home(user) / COURSE / "spot" / "spot.ipynb"
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        sources = {c["source"].strip() for c in nbformat.read(saved, as_version=4).cells}
        if all(f'answer_{q} = "{a}"' in sources for q, a in B_TYPES.items()):
            return
        time.sleep(0.5)
    raise AssertionError(f"{user}'s typed answers never reached {saved}")


def grade_in_terminal(page, hub: UnixHub) -> None:
    """The instructor types the README's grading command into a JupyterLab terminal."""
    page.goto(f"{hub.url}/user/{hub.instructor}/lab")
    page.wait_for_selector(f".jp-MainAreaWidget{VISIBLE}")
    page.get_by_role("menuitem", name="File", exact=True).click()
    page.click("li[data-command='launcher:create']")
    launcher = page.locator(f".jp-MainAreaWidget{VISIBLE} .jp-Launcher")
    launcher.locator(".jp-LauncherCard[title='Start a new terminal session']").click()
    terminal = page.locator(f".jp-Terminal{VISIBLE} .xterm")
    terminal.wait_for()
    terminal.click()
    status = hub.home(hub.instructor) / "graded.status"
    page.keyboard.type(
        'aws-course-grade spot --root "$AWS_COURSE_GRADING_ROOT" '
        f'--db "$AWS_COURSE_GRADEBOOK_URL"; echo $? > {status}\n'
    )
    deadline = time.monotonic() + GRADING_TIMEOUT_S
    while not status.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    page.screenshot(path=str(hub.state / "terminal.png"))
    assert status.exists(), f"aws-course-grade did not finish in {GRADING_TIMEOUT_S} s"
    assert status.read_text().strip() == "0", "aws-course-grade failed: see terminal.png"


def grade_by_hand(page, hub: UnixHub, student: str, points: int) -> None:
    """In formgrader's grading page of ``student``'s Spot notebook: Q9's manual score."""
    page.goto(f"{hub.url}/user/{hub.instructor}/formgrader/gradebook/spot/spot")
    link = page.locator(f"tbody a.name-shown:text-is('{student}')")
    page.goto(hub.url + link.get_attribute("href"))
    # the grade's view is bound once formgrader has loaded it: it marks what needs grading
    score = page.locator("input.score.needs_manual_grade#q9_answer")
    score.click()  # formgrader's keyboard handling follows the input a grader clicked
    score.fill(str(points))

    def saved(response) -> bool:
        return "/api/grade/" in response.url and response.request.method == "PUT"

    with page.expect_response(saved) as response:
        page.keyboard.press("Tab")  # on to the next input: formgrader saves this one
    assert response.value.ok, response.value.text()
    assert float(response.value.json()["manual_score"]) == points


@pytest.fixture(scope="module")
def class_round(hub: UnixHub, browser) -> dict[str, Path]:
    """The round, once: the feedback file each learner fetched, by learner."""
    a, b = hub.learners
    instructor = log_in(hub, browser, hub.instructor)
    formgrader(instructor, hub, "release")

    page_a = log_in(hub, browser, a)
    fetch(page_a)
    answer_everything(hub, a)
    panel = assignment_list(page_a)
    panel.locator("#fetched_assignments_list a.assignment-notebooks-link").click()
    panel.locator("#fetched_assignments_list button:has-text('Validate')").click()
    assert "Success! Your notebook passes all the tests." in validation(page_a)
    submit(page_a)

    page_b = log_in(hub, browser, b)
    fetch(page_b)
    type_answers(page_b, hub, b)
    page_b.click(f"{NOTEBOOK} .validate-button")
    assert "The following cell failed" in validation(page_b)  # B's Q1 is still blank
    submit(page_b)

    formgrader(instructor, hub, "collect")
    grade_in_terminal(instructor, hub)
    grade_by_hand(instructor, hub, a, 4)
    formgrader(instructor, hub, "generate-feedback")
    formgrader(instructor, hub, "release-feedback")

    feedback = {}
    for user, page in ((a, page_a), (b, page_b)):
        panel = assignment_list(page)
        panel.locator("#submitted_assignments_list button:has-text('Fetch Feedback')").click()
        folder = hub.home(user) / COURSE / "spot" / "feedback"
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while not list(folder.rglob("*.html")) and time.monotonic() < deadline:
            time.sleep(0.5)
        files = list(folder.rglob("*.html"))
        assert len(files) == 1, (user, files)  # their own, and only theirs
        feedback[user] = files[0]
    return feedback


def test_each_learner_gets_their_own_feedback_with_their_scores(hub, class_round):
    a, b = hub.learners
    for user, key in ((a, "a"), (b, "b")):
        html = class_round[user].read_text()
        assert f"Score: {SCORES[key]}" in html, (user, html[:2000])
        assert class_round[user].stat().st_uid == hub.uid(user)


def test_servers_run_as_their_own_users_with_private_homes(hub, class_round):
    users = (hub.instructor, *hub.learners)
    servers = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if b"jupyterhub-singleuser" not in (proc / "cmdline").read_bytes():
                    continue
                env = dict(
                    item.split(b"=", 1)
                    for item in (proc / "environ").read_bytes().split(b"\0")
                    if b"=" in item
                )
                servers[env[b"JUPYTERHUB_USER"].decode()] = proc.stat().st_uid
            except (OSError, KeyError):
                continue
    assert servers == {user: hub.uid(user) for user in users}
    for user in users:  # Debian's useradd made the learners' homes 0755
        assert hub.home(user).stat().st_mode & 0o777 == 0o700, user


def test_learners_cannot_read_each_other_the_instructor_or_the_gradebook(hub, class_round):
    a, b = hub.learners
    exchange = Path(hub.env["COURSE_EXCHANGE"]) / COURSE
    instructor = hub.home(hub.instructor)
    for reader, other in ((a, b), (b, a)):
        own = hub.home(reader) / COURSE / "spot" / "spot.ipynb"
        assert hub.as_user(reader, "cat", str(own)).returncode == 0  # the control
        forbidden = [
            ["ls", str(hub.home(other))],
            ["cat", str(hub.home(other) / COURSE / "spot" / "spot.ipynb")],
            ["cat", str(class_round[other])],
            ["ls", str(exchange / "inbound")],
            ["ls", str(instructor / "grading")],
            ["cat", str(instructor / "grading" / "solutions" / "spot" / "spot.ipynb")],
            ["cat", str(hub.state / "postgres" / "password")],
        ]
        for command in forbidden:
            done = hub.as_user(reader, *command)
            assert done.returncode != 0, (reader, command, done.stdout[:300])
            assert "Permission denied" in done.stderr, (reader, command, done.stderr)
    # the gradebook's socket is theirs to reach, its password is not
    password = hub.state.joinpath("postgres", "password").read_text().strip()
    url = hub.env["COURSE_GRADEBOOK_URL"].replace(f":{password}@", "@")
    probe = "import sqlalchemy, sys; sqlalchemy.create_engine(sys.argv[1]).connect()"
    done = hub.as_user(a, sys.executable, "-c", probe, url)
    assert done.returncode != 0 and "no password supplied" in done.stderr, done.stderr[-500:]


def test_the_round_leaves_every_grade_in_the_gradebook(hub, class_round):
    """The gradebook formgrader and ``nbgrader export`` read: both learners' totals, A's
    manual grade among them."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(hub.env["COURSE_GRADEBOOK_URL"])
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sqlalchemy.text(
                    "SELECT s.student_id, SUM(COALESCE(g.manual_score, g.auto_score, 0)) "
                    "FROM grade g JOIN submitted_notebook n ON g.notebook_id = n.id "
                    "JOIN submitted_assignment s ON n.assignment_id = s.id GROUP BY s.student_id"
                )
            ).all()
    finally:
        engine.dispose()
    a, b = hub.learners
    assert {student: float(total) for student, total in rows} == {
        a: float(SCORES["a"]),
        b: float(SCORES["b"]),
    }
