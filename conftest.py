"""Collection rules shared by tests/ and the notebooks nbval executes (course/, solutions/)."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests run under pytest-xdist on a shared 2-core machine, where one example can take
# far longer than hypothesis's default 200 ms deadline without anything being wrong.
settings.register_profile("course", deadline=None)
settings.load_profile("course")

# A learner's progress (practice database, self-check record) lives in the Jupyter data
# directory. Every test and every kernel nbval starts gets a fresh one: the suite must never
# read or write the tester's own progress, and the notebooks' outputs must not depend on it.
DATA_DIR = tempfile.mkdtemp(prefix="aws-course-test-data-")
os.environ["JUPYTER_DATA_DIR"] = DATA_DIR


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(DATA_DIR, ignore_errors=True)


HERE = Path(__file__).parent


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    # Notebooks under tests/ are fixtures (blank copies, wrong submissions): data, not tests.
    if collection_path.suffix == ".ipynb" and (HERE / "tests") in collection_path.parents:
        return True
    return None


def _file_rank(item: pytest.Item) -> int:
    """0 for a test that drives a browser, 1 for another test module's notebook test, else 2."""
    if item.get_closest_marker("browser"):
        return 0
    if item.path.suffix == ".py" and item.get_closest_marker("notebooks"):
        return 1
    return 2


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebooks)
    # Long files first. `make test` hands out whole files (--dist loadfile) in this order
    # (--no-loadscope-reorder): a long file handed out last would keep one worker busy while
    # the other has nothing left. Files with browser tests take longest (a JupyterLab and a
    # Chromium each), then the test modules that run notebooks or servers; the unit tests
    # and the notebooks nbval runs (a few seconds each) come last. The sort is stable, so a
    # file's own tests, and a notebook's cells, keep their order.
    rank: dict[Path, int] = {}
    for item in items:
        rank[item.path] = min(rank.get(item.path, 2), _file_rank(item))
    items.sort(key=lambda item: rank[item.path])
