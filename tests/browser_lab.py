"""Driving the course in a real browser: `make lab`'s launcher, JupyterLab, headless Chromium.

Shared by the browser tests (tests/test_browser.py) and the browser benchmark
(bench/run.py). Debian's ``chromium`` package with PyPI's ``playwright`` (never
``playwright install``): :func:`missing` says what is not installed.

The server is `make lab`'s launcher with JupyterLab's user state (settings, workspaces,
runtime files) and the learner's workspace in a folder of the caller's: a workspace saved in
~/.jupyter would reopen other notebooks next to the one under test, and a test must never
autosave into ``course/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
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
# Generous: on a shared 2-core machine the other workers keep the cores busy. Every wait is
# on a condition, so a fast machine never waits this long.
TIMEOUT_MS = 180_000
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
SLIDER = ".widget-slider"
PLOT = ".js-plotly-plot"
# What the chart draws: every trace is a `g.trace` (scatter, bar, ...); the line of a
# scatter trace is its `path.js-line`, whose `d` attribute changes when the data does.
TRACES = f"{PLOT} g.trace"
LINES = f"{PLOT} .scatterlayer .trace path.js-line"
READOUT = ".widget-html-content"


def missing() -> str | None:
    """Why the browser cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return "Debian's chromium is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


@dataclass
class Lab:
    """A running course server: its base URL, token and the learner's workspace."""

    base: str
    token: str
    workspace: Path
    log: Path

    def url(self, path: str) -> str:
        """JupyterLab showing ``path`` (relative to the workspace) alone: ``reset`` drops
        whatever layout the browser had, so no other notebook's hidden panel is in the page."""
        return f"{self.base}lab/tree/{path}?reset&token={self.token}"

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(
            f"{self.base}api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=60) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Stop every kernel: kernels outlive page loads, and each holds a core's share."""
        for session in self.api("GET", "sessions"):
            self.api("DELETE", f"sessions/{session['id']}")


@contextlib.contextmanager
def lab_server(state: Path, port: int = 18931) -> Iterator[Lab]:
    """Start the course server as `make lab` does, with its state in ``state``; stop it."""
    env = {k: v for k, v in os.environ.items() if k != "PLOTLY_RENDERER"}
    settings = state / "settings"
    docmanager = settings / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text('{"autosave": false}')
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(state / "workspaces")
    env["JUPYTER_RUNTIME_DIR"] = str(state / "runtime")
    workspace = state / "workspace"
    # A file, not a pipe: nobody reads a pipe once the URL is out, and a full one would block
    # the server's logging.
    log = state / "lab.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "aws_compute_course.lab"),
                *("--port", str(port), "--workspace", str(workspace)),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline, found = time.monotonic() + 120, None
        while found is None and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            found = re.search(r"Open (http://\S+?/)lab/\S*\?token=(\S+)", log.read_text())
        if found is None:
            raise RuntimeError(f"make lab's launcher printed no URL:\n{log.read_text()[-2000:]}")
        yield Lab(found.group(1), found.group(2), workspace, log)
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def chromium(pw: Any) -> Iterator[Any]:
    """Debian's Chromium, headless, with a fresh profile."""
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


def open_notebook(page: Any, lab: Lab, path: str) -> Any:
    """Load JupyterLab on ``path`` and wait for its kernel; return the notebook panel."""
    page.goto(lab.url(path))
    wait_for_kernel(page, path)
    return page.locator(NOTEBOOK)


def wait_for_kernel(page: Any, path: str) -> None:
    """Until ``path``'s kernel is connected and idle, as the status bar says. Not the
    toolbar's execution indicator: it shows idle seconds before there is a kernel (at "No
    Kernel | Initializing"), and Run All then runs nothing."""
    name = path.rsplit("/", 1)[-1]
    status = page.locator(f'.jp-StatusBar-TextItem[title="Change kernel for {name}"]')
    status.filter(has_text=re.compile(r"^(?!No Kernel).* \| Idle$")).wait_for()


def switch_notebook(page: Any, lab: Lab, path: str) -> Any:
    """Show ``path`` in the page: the first time by loading JupyterLab on it, then, without
    loading JupyterLab again, by closing the notebook shown (shutting its kernel down) and
    opening ``path`` with File, Open from Path. Returns the notebook panel."""
    if not page.url.startswith(lab.base):
        return open_notebook(page, lab, path)
    if page.locator(NOTEBOOK).count():
        menu(page, "File", "Close and Shut Down Notebook…")
        page.locator(".jp-Dialog .jp-mod-accept").click()
        page.locator(".jp-NotebookPanel").wait_for(state="detached")
    menu(page, "File", "Open from Path…")
    page.locator(".jp-Dialog input").fill(path)
    page.locator(".jp-Dialog .jp-mod-accept").click()
    wait_for_kernel(page, path)
    return page.locator(NOTEBOOK)


def menu(page: Any, top: str, item: str) -> None:
    page.click(f'.lm-MenuBar-itemLabel:text-is("{top}")')
    page.click(f'.lm-Menu-itemLabel:text-is("{item}")')


# An error's output (JupyterLab shows tracebacks with the stderr mime type); Run All stops at
# it, so the indicator never reaches 100 %.
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
FAILED = "/Traceback|Error/"


def run_all(page: Any, notebook: Any, *, clear: bool = True) -> float:
    """Clear every output, then Run All Cells; return the seconds until every cell has run.

    Done is when the first cell shows its execution count again (so Run All has scheduled
    every cell) and the toolbar's execution indicator, which counts the scheduled cells, is
    back to idle at 100 %. The kernel's own status cannot tell: it is idle between cells.
    A cell that fails raises, with its traceback's start. ``clear=False`` skips the clearing
    (two menu clicks, slow on a page still busy loading) for a notebook just loaded from a
    file without outputs; it raises if the first cell shows an execution count.
    """
    # The notebook's tab, not a cell: a cell out of view may not be drawn yet.
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current").click()
    first = notebook.locator(".jp-CodeCell .jp-InputPrompt").first
    if clear:
        menu(page, "Edit", "Clear Outputs of All Cells")
        page.wait_for_function("el => !/\\d/.test(el.textContent)", arg=first.element_handle())
    elif re.search(r"\d", first.inner_text()):
        raise AssertionError("run_all(clear=False) on a notebook that has run: nothing to wait for")
    start = time.perf_counter()
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        f"""([nb, first]) => {{
            const errors = [...nb.querySelectorAll('{STDERR}')];
            const failed = errors.some(e => {FAILED}.test(e.textContent));
            const indicator = nb.querySelector('.jp-Notebook-ExecutionIndicator');
            const progress = indicator.querySelector('[aria-valuenow]');
            return failed || /\\d/.test(first.textContent) && indicator.dataset.status === 'idle'
                && progress && Number(progress.getAttribute('aria-valuenow')) === 100;
        }}""",
        arg=[notebook.element_handle(), first.element_handle()],
    )
    elapsed = time.perf_counter() - start
    failed = [e for e in notebook.locator(STDERR).all_inner_texts() if re.search(FAILED[1:-1], e)]
    if failed:
        raise AssertionError(f"a cell failed under Run All: {failed[0][:1500]}")
    return elapsed


def widget_outputs(notebook: Any, has: str = SLIDER) -> Any:
    """The output areas whose widget holds ``has`` (default: a slider)."""
    outputs = notebook.locator(".jp-OutputArea-output")
    return outputs.filter(has=notebook.page.locator(has))


def diagnose(page: Any, name: str) -> str:
    """A screenshot (``<name>_failed.png``) and what the page shows, for a failure message."""
    shot = screenshot_dir() / f"{name}_failed.png"
    try:
        page.screenshot(path=str(shot))
        tabs = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tabLabel").all_inner_texts()
        status = page.locator(".jp-StatusBar-Widget").all_inner_texts()
    except Exception as err:  # the page itself may be gone: say so, keep the first error
        return f"(no screenshot: {err})"
    return f"open tabs {tabs}; status bar {status}; screenshot {shot}"


def screenshot_dir() -> Path:
    shots = Path(os.environ.get("BROWSER_SHOT_DIR", ROOT / "build"))
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def write_notebook(lab: Lab, name: str, cells: list[str]) -> str:
    """A notebook of code ``cells`` in the learner's workspace (as a learner would make one);
    returns its path for :meth:`Lab.url`."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, lab.workspace / name)
    return name
