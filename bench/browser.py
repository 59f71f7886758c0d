"""Benchmarks in a real browser (``make bench`` registers them from here): `make lab`'s
server, JupyterLab, Debian's headless Chromium, through tests/browser_lab.py. Each returns
``{"skipped": why}`` where chromium or playwright is missing."""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Page side: when the chart or the readout last changed, when the learner's input ended
# (the mouse released, a key pressed) and the page's long tasks (its one thread busy for
# 50 ms or more: the page does not answer meanwhile).
WATCH = """out => {
    window.__seen = {changes: [], longtasks: [], input: null};
    new MutationObserver(() => window.__seen.changes.push(performance.now())).observe(
        out, {subtree: true, childList: true, characterData: true, attributes: true,
              attributeFilter: ['d', 'transform']});
    new PerformanceObserver(list => {
        for (const e of list.getEntries()) window.__seen.longtasks.push(e.duration);
    }).observe({type: 'longtask'});
    for (const type of ['pointerup', 'keydown'])
        document.addEventListener(type, e => { window.__seen.input = e.timeStamp; }, true);
}"""
# Final: nothing changed for 2 s after the input (the kernel and the page have caught up).
QUIET = """() => window.__seen.input !== null &&
    performance.now() - Math.max(window.__seen.input, ...window.__seen.changes) > 2000"""


def _helpers() -> Any:
    spec = importlib.util.spec_from_file_location("browser_lab", ROOT / "tests" / "browser_lab.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _settled(page: Any) -> dict:
    """After an input: how long until the chart was final, and how busy the page was."""
    page.wait_for_function(QUIET, polling=100)
    seen = page.evaluate("() => window.__seen")
    return {
        "final_after_input_ms": round(max([seen["input"], *seen["changes"]]) - seen["input"]),
        "longest_task_ms": round(max(seen["longtasks"], default=0)),
        "busy_ms": round(sum(seen["longtasks"])),
    }


def memory_drag(steps: int = 20, drags: int = 3, presses: int = 3) -> dict:
    """The Lambda memory explorer's first slider (CPU ms), dragged over ``steps`` mouse
    moves about 30 ms apart, ``drags`` times, then moved ``presses`` times by one key press
    each (one update: what one redraw costs). For each: the drag's length, the time from the
    release (or key) to the chart's last change, and the page's longest and total busy time.
    """
    lab_helpers = _helpers()
    why = lab_helpers.missing()
    if why:
        return {"skipped": why}
    from playwright.sync_api import sync_playwright

    cells = ["from aws_compute_course.topics.lambda_.explorables import memory_explorer"]
    cells.append("memory_explorer()")
    dragged, pressed = [], []
    with (
        tempfile.TemporaryDirectory() as state,
        lab_helpers.lab_server(Path(state)) as lab,
        sync_playwright() as pw,
        lab_helpers.chromium(pw) as browser,
    ):
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.set_default_timeout(lab_helpers.TIMEOUT_MS)
        path = lab_helpers.write_notebook(lab, "drag.ipynb", cells)
        notebook = lab_helpers.open_notebook(page, lab, path)
        lab_helpers.run_all(page, notebook)
        out = lab_helpers.widget_outputs(notebook).first
        out.locator(lab_helpers.LINES).first.wait_for(state="attached")
        handle, track = out.locator(".noUi-handle").first, out.locator(".noUi-target").first
        handle.scroll_into_view_if_needed()
        for i in range(drags):
            box, knob = track.bounding_box(), handle.bounding_box()
            x, y = knob["x"] + knob["width"] / 2, knob["y"] + knob["height"] / 2
            dx = (1 if i % 2 == 0 else -1) * 0.4 * box["width"] / steps  # 40 % of the track
            out.evaluate(WATCH)
            page.mouse.move(x, y)
            page.mouse.down()
            t0 = time.perf_counter()
            for step in range(1, steps + 1):
                page.mouse.move(x + step * dx, y)
                time.sleep(0.03)  # a hand's pace, not a wait for the page
            page.mouse.up()
            dragged.append({"drag_s": round(time.perf_counter() - t0, 2), **_settled(page)})
        for i in range(presses):
            out.evaluate(WATCH)
            handle.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
            pressed.append(_settled(page))
        lab.shutdown_kernels()
    return {
        "steps": steps,
        "final_after_release_ms_max": max(r["final_after_input_ms"] for r in dragged),
        "longest_task_ms_max": max(r["longest_task_ms"] for r in dragged),
        "one_update_ms": sorted(r["final_after_input_ms"] for r in pressed)[len(pressed) // 2],
        "drags": dragged,
        "presses": pressed,
    }


def benchmarks() -> dict[str, Callable[[], dict]]:
    return {"browser.memory_drag": memory_drag}
