"""The Spot explorable in a real browser: `make lab`'s server, JupyterLab, headless Chromium.

Runs the course notebook in JupyterLab, unticks "No max price", moves the max-price slider
with the keyboard and checks that the plot and the readout change. Skipped (with the
reason) where Debian's chromium or PyPI's playwright is not installed.
"""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.notebooks, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def lab_url(tmp_path):
    """Start the course server as `make lab` does; yield its URL; stop it.

    JupyterLab's user state goes to ``tmp_path``: a workspace saved in ~/.jupyter would
    reopen other notebooks next to the one under test (their hidden panels then come first
    in the page). The notebooks are a learner's workspace in ``tmp_path`` as well.
    """
    env = dict(os.environ)
    env.pop("PLOTLY_RENDERER", None)
    settings = tmp_path / "settings"
    docmanager = settings / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text('{"autosave": false}')
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp_path / "workspaces")
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    # A file, not a pipe: nobody reads a pipe once the URL is out, and a full one would block
    # the server's logging.
    log = tmp_path / "lab.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            # The learner's workspace in tmp_path too: a test never writes into workspace/.
            [
                sys.executable,
                "-m",
                "aws_compute_course.lab",
                "--port",
                "18931",
                "--workspace",
                str(tmp_path / "workspace"),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 90
    url = None
    while url is None and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
        found = re.search(r"Open (http://\S+\?token=\S+)", log.read_text())
        url = found.group(1) if found else None
    try:
        if url is None:
            pytest.fail(f"make lab's launcher printed no URL:\n{log.read_text()[-2000:]}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_slider_moves_the_spot_plot(lab_url):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    url = lab_url.replace("lab/tree/course/00_start_here.ipynb", "lab/tree/course/03_spot.ipynb")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            # Generous: under `make test` the other worker keeps this machine's cores busy.
            page.set_default_timeout(180_000)
            page.goto(url)
            # Only the notebook on show: any other open tab's panel is in the page, hidden.
            notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
            notebook.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for()
            notebook.locator(".jp-Cell").first.click()
            page.click('.lm-MenuBar-itemLabel:text-is("Run")')
            page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
            explorer = (
                notebook.locator(".jp-OutputArea-output")
                .filter(has=page.locator(".widget-slider"))
                .first
            )
            try:
                explorer.locator(".js-plotly-plot .scatterlayer .trace").first.wait_for()
            except sync_api.TimeoutError as err:
                (ROOT / "build").mkdir(exist_ok=True)
                page.screenshot(path=str(ROOT / "build" / "03_spot_timeout.png"))
                tabs = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tabLabel").all_inner_texts()
                errors = notebook.locator(".jp-OutputArea-output[data-mime-type*=stderr]")
                raise AssertionError(
                    f"no plot in 03_spot's explorer; open tabs {tabs}; "
                    f"stderr outputs {errors.all_inner_texts()[:3]}; "
                    "screenshot build/03_spot_timeout.png"
                ) from err
            readout = explorer.locator(".widget-html-content").last
            before_text = readout.inner_text()
            traces = explorer.locator(".js-plotly-plot .scatterlayer .trace path.js-line")
            before_paths = traces.evaluate_all("els => els.map(e => e.getAttribute('d'))")

            explorer.locator(".widget-checkbox input").first.uncheck()
            handle = explorer.locator(".noUi-handle").first
            handle.focus()
            for _ in range(40):
                handle.press("ArrowLeft")
            page.wait_for_function(
                "([el, old]) => el.innerText !== old", arg=[readout.element_handle(), before_text]
            )
            after_paths = traces.evaluate_all("els => els.map(e => e.getAttribute('d'))")
            after_text = readout.inner_text()
            shots = Path(os.environ.get("BROWSER_SHOT_DIR", ROOT / "build"))
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "03_spot_slider.png"))
        finally:
            browser.close()
    assert after_text != before_text and "interruption" in after_text.lower(), after_text
    assert after_paths != before_paths, "the plot did not redraw when the slider moved"
