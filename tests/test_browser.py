"""The course in a real browser: `make lab`'s server, JupyterLab, headless Chromium.

One server and one browser for the whole module (tests/browser_lab.py starts them). For
every built topic its course notebook is opened and Run All'd once; its headline explorable
(the first output holding a slider) is then checked:

- layout, at 1366×768 and 1920×1080: the figure fills the output's width without
  overflowing it, and once scrolled to, the first row of controls and the whole plot are
  on screen together;
- a slider moved with the keyboard changes the readout and the plot.

Then, in the same page, a small notebook is reloaded and re-run ten times: the kernel's
widget models stay as many as one run makes, and every explorable's chart is drawn each
time. Screenshots go to ``$BROWSER_SHOT_DIR`` (default build/). Skipped, with the reason,
without Debian's chromium or PyPI's playwright.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import pytest
from browser_lab import (
    READOUT,
    SLIDER,
    TIMEOUT_MS,
    TRACES,
    Lab,
    chromium,
    diagnose,
    lab_server,
    missing,
    open_notebook,
    run_all,
    screenshot_dir,
    switch_notebook,
    wait_for_kernel,
    widget_outputs,
    write_notebook,
)

from aws_compute_course import topics

pytestmark = [pytest.mark.notebooks, pytest.mark.browser]

BUILT = topics.built()
SIZES = ((1366, 768), (1920, 1080))
RELOADS = 10


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    why = missing()
    if why:
        pytest.skip(why)
    with lab_server(tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture(scope="module")
def browser(lab: Lab) -> Any:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, chromium(pw) as browser:
        yield browser


def new_page(browser: Any, size: tuple[int, int] = SIZES[0]) -> Any:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.set_default_timeout(TIMEOUT_MS)
    return page


@pytest.fixture(scope="module")
def lab_page(lab: Lab, browser: Any) -> Any:
    """One page for every topic: JupyterLab loads once, notebooks are switched inside it."""
    page = new_page(browser)
    yield page
    page.close()


@dataclass
class Ran:
    """A topic's course notebook after Run All, and its headline explorable's output."""

    topic: topics.Topic
    page: Any
    explorer: Any
    run_all_s: float


@pytest.fixture(scope="module", params=BUILT, ids=[t.id for t in BUILT])
def ran(request: pytest.FixtureRequest, lab: Lab, lab_page: Any) -> Ran:
    """Module-scoped, so each notebook runs once for all the checks on it; the previous
    topic's notebook is closed and its kernel shut down first (one kernel at a time)."""
    page = lab_page
    page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
    try:
        notebook = switch_notebook(page, lab, request.param.notebook)
        seconds = run_all(page, notebook)
        explorer = widget_outputs(notebook).first
        explorer.scroll_into_view_if_needed()
        explorer.locator(TRACES).first.wait_for(state="attached")
    except Exception as err:
        raise AssertionError(f"{err}\n{diagnose(page, request.param.id)}") from err
    return Ran(request.param, page, explorer, seconds)


# --- layout -------------------------------------------------------------------------------

# The explorer's first control row and its plot, whichever is higher, scrolled to the top
# of the notebook, and held there: JupyterLab draws the cells above as they come into view,
# which moves everything below, so this scrolls again until the position holds for half a
# second (or the notebook cannot scroll further).
SCROLLED = """o => {
    const parts = ['.js-plotly-plot', '.widget-vbox > .widget-hbox'].map(s => o.querySelector(s));
    const first = parts.filter(Boolean).sort((a, b) =>
        a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
    if (!first) return true;
    const scroller = o.closest('.jp-WindowedPanel-outer'), now = performance.now();
    const top = first.getBoundingClientRect().top;
    const atTop = Math.abs(top - Math.max(scroller.getBoundingClientRect().top, 0)) < 2;
    const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
    if (o.__top === undefined || (!atTop && !atEnd && (o.__tries ?? 0) < 20)) {
        first.scrollIntoView({block: 'start'});
        o.__tries = (o.__tries ?? 0) + 1;
        o.__top = first.getBoundingClientRect().top; o.__since = now;
        return false;
    }
    if (o.__top !== top) { o.__top = top; o.__since = now; return false; }
    if (now - o.__since < 500) return false;
    delete o.__top; delete o.__tries;
    return true;
}"""
# Rectangles of the explorer's parts: the output area, the plot and its drawing, the first
# row of controls (the first box of controls in the explorer's box), and the notebook's
# visible area (its scroller, within the window).
GEOMETRY = """o => {
    const rect = e => { const r = e.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    const plot = o.querySelector('.js-plotly-plot');
    const row = o.querySelector('.widget-vbox > .widget-hbox');
    const view = rect(o.closest('.jp-WindowedPanel-outer'));
    view.top = Math.max(view.top, 0);
    view.bottom = Math.min(view.bottom, window.innerHeight);
    return {
        output: rect(o), scroll: [o.scrollWidth, o.clientWidth], view,
        plot: plot && rect(plot), drawing: plot && rect(plot.querySelector('.main-svg')),
        row: row && rect(row), row_scroll: row && [row.scrollWidth, row.clientWidth],
    };
}"""
# Plotly redraws some time after the window is resized: settled when the drawing's size
# has not changed for half a second (a condition polled, not a fixed wait).
SETTLED = """o => {
    const svg = o.querySelector('.js-plotly-plot .main-svg');
    if (!svg) return false;
    const r = svg.getBoundingClientRect(), size = `${r.width}x${r.height}`, now = performance.now();
    if (o.__size !== size) { o.__size = size; o.__since = now; }
    return now - o.__since > 500;
}"""


# The drawing fills the output's width: at least this share of it (plotly's default is a
# fixed 700 px, which is 75 % of the output at 1366×768 and 47 % at 1920×1080).
FILLS = 0.97


def layout_problems(g: dict, size: tuple[int, int]) -> list[str]:
    """What is wrong with one explorer's geometry at one window size (nothing: [])."""
    out, problems = g["output"], []
    if g["plot"] is None or g["row"] is None:
        return [f"no {'plot' if g['plot'] is None else 'row of controls'} in the explorer"]
    width, drawn = out["right"] - out["left"], g["drawing"]["right"] - g["drawing"]["left"]
    if drawn < FILLS * width:
        problems.append(f"the plot is {drawn:.0f} px wide in an output {width:.0f} px wide")
    if g["scroll"][0] > g["scroll"][1] + 1:
        problems.append(f"the output scrolls sideways: {g['scroll'][0]} px in {g['scroll'][1]}")
    for part in ("plot", "drawing", "row"):
        if g[part]["right"] > out["right"] + 1 or g[part]["left"] < out["left"] - 1:
            problems.append(f"the {part} overflows the output's width")
    if g["row_scroll"][0] > g["row_scroll"][1] + 1:
        problems.append(f"the first row of controls is cut: {g['row_scroll'][0]} px wide")
    view = g["view"]
    top = min(g["plot"]["top"], g["row"]["top"])
    bottom = max(g["plot"]["bottom"], g["row"]["bottom"])
    if top < view["top"] - 1 or bottom > view["bottom"] + 1:
        problems.append(
            f"the plot and the first row of controls span {bottom - top:.0f} px; "
            f"the notebook shows {view['bottom'] - view['top']:.0f} at {size[0]}×{size[1]}"
        )
    return problems


def test_headline_explorer_fits_the_screen(ran: Ran) -> None:
    """At 1366×768 and 1920×1080: the plot fills the output's width, nothing overflows it
    sideways, and the first row of controls is on screen together with the whole plot."""
    found = {}
    # The largest first: the plot was drawn at the smallest (ran), so it has to follow the
    # window both ways.
    for size in sorted(SIZES, reverse=True):
        ran.page.set_viewport_size({"width": size[0], "height": size[1]})
        ran.page.wait_for_function(SETTLED, arg=ran.explorer.element_handle())
        ran.page.wait_for_function(SCROLLED, arg=ran.explorer.element_handle())
        geometry = ran.explorer.evaluate(GEOMETRY)
        if geometry["drawing"]:
            plot, out = (geometry[p]["right"] - geometry[p]["left"] for p in ("drawing", "output"))
            print(f"{ran.topic.id} at {size[0]}×{size[1]}: plot {plot:.0f} px in {out:.0f}")
        shot = screenshot_dir() / f"{ran.topic.id}_{size[0]}x{size[1]}.png"
        ran.page.screenshot(path=str(shot))
        problems = layout_problems(geometry, size)
        if problems:
            found[f"{size[0]}×{size[1]}"] = problems
    assert not found, (
        f"{ran.topic.notebook}'s first explorer: {found} (screenshots in {shot.parent})"
    )


# --- the slider ---------------------------------------------------------------------------

PLOT_STATE = f"""o => [...o.querySelectorAll('{TRACES}')].map(t => t.innerHTML).join('|')"""


def test_slider_moves_the_plot(ran: Ran) -> None:
    """The first slider, moved with the keyboard, changes the readout and the plot."""
    page, explorer = ran.page, ran.explorer
    page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
    slider = explorer.locator(SLIDER).first
    slider.scroll_into_view_if_needed()
    if slider.locator(".noUi-target[disabled]").count():
        # Spot's max-price slider is off while "No max price" is ticked: untick it first.
        explorer.locator(".widget-checkbox input").first.click()
        explorer.locator(f"{SLIDER} .noUi-target:not([disabled])").first.wait_for()
    readout = explorer.locator(READOUT).last
    before_text = readout.inner_text()
    before_plot = explorer.evaluate(PLOT_STATE)
    handle = slider.locator(".noUi-handle").first
    now, low, high = (
        float(handle.get_attribute(name) or 0)
        for name in ("aria-valuenow", "aria-valuemin", "aria-valuemax")
    )
    key = "PageUp" if now - low < high - now else "PageDown"  # towards the farther end
    handle.focus()
    for _ in range(4):
        handle.press(key)
    page.wait_for_function(
        f"""([o, text, plot]) => {{
            const readout = [...o.querySelectorAll('{READOUT}')].pop();
            return readout.innerText !== text && ({PLOT_STATE})(o) !== plot;
        }}""",
        arg=[explorer.element_handle(), before_text, before_plot],
    )
    page.screenshot(path=str(screenshot_dir() / f"{ran.topic.id}_slider.png"))
    print(f"{ran.topic.notebook}: Run All {ran.run_all_s:.1f} s")


# --- re-running ---------------------------------------------------------------------------

COUNT = "import ipywidgets\n\nprint('widget models:', len(ipywidgets.widgets.widget._instances))"
RERUN = [
    "from aws_compute_course.topics.lambda_.explorables import memory_explorer\n"
    "from aws_compute_course.topics.lambda_.questions import QUESTIONS\n"
    "from aws_compute_course.widgets.quiz import quiz",
    "memory_explorer()",
    "quiz(QUESTIONS[:2])",
    COUNT,
]
# RERUN's explorables, a chart each. One is enough for each reload to restore a figure (and
# load plotly's module again); a second one made each cycle 1.5-3 s slower.
EXPLORABLES = 1
# Every explorable's output (an output holding a slider) has its chart drawn, with traces.
DRAWN = f"""([nb, n]) => {{
    const outs = [...nb.querySelectorAll('.jp-OutputArea-output')]
        .filter(o => o.querySelector('{SLIDER}'));
    return outs.length === n && outs.every(o => o.querySelector('{TRACES}'));
}}"""


def test_reload_and_rerun_keeps_widgets_bounded_and_charts_drawn(lab: Lab, lab_page: Any) -> None:
    """Ten times: reload the page (the kernel lives on), Run All. The kernel holds as many
    widget models as after the first run, and every explorable's chart is drawn with its data.

    In the topics' page, where the browser has JupyterLab's code cached already.
    """
    page, path = lab_page, write_notebook(lab, "rerun.ipynb", RERUN)
    lab.shutdown_kernels()  # the last topic's: one kernel at a time
    # Tall: every cell is drawn without scrolling (JupyterLab leaves cells out of view undrawn).
    page.set_viewport_size({"width": 1366, "height": 2400})
    failed_models = []  # anywidget's "Failed to initialize model", logged or thrown

    def on_console(message: Any) -> None:
        if "initialize" in message.text:
            failed_models.append(message.text)

    def on_error(error: Any) -> None:
        if "initialize" in str(error):
            failed_models.append(str(error))

    page.on("console", on_console)
    page.on("pageerror", on_error)
    models, times = [], []
    try:
        # Loaded afresh with JupyterLab's layout reset, so that the reloads reopen this
        # notebook alone (a reload reopens what the saved layout holds).
        notebook = open_notebook(page, lab, path)
        for cycle in range(RELOADS + 1):
            t0 = time.perf_counter()
            if cycle:
                page.reload()
                wait_for_kernel(page, path)
            # Each load shows the file, which has no outputs (the lab never saves it).
            run_all(page, notebook, clear=False)
            times.append(time.perf_counter() - t0)
            count = notebook.locator(".jp-OutputArea-output", has_text="widget models:")
            models.append(int(re.search(r"widget models: (\d+)", count.inner_text()).group(1)))
            try:
                page.wait_for_function(DRAWN, arg=[notebook.element_handle(), EXPLORABLES])
            except Exception as err:
                drawn = widget_outputs(notebook).evaluate_all(
                    f"outs => outs.map(o => o.querySelectorAll('{TRACES}').length)"
                )
                raise AssertionError(
                    f"cycle {cycle}: traces per explorable's chart {drawn}"
                ) from err
            assert models[-1] == models[0], f"widget models after each run: {models}"
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_error)
        print(
            f"reload + Run All, s: {[round(t, 1) for t in times]}; widget models: {models}; "
            f"'Failed to initialize' messages: {len(failed_models)}"
        )
