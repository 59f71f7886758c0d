"""Collection rules shared by tests/ and the notebooks nbval executes (course/, solutions/)."""

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests run under pytest-xdist on a shared 2-core machine, where one example can take
# far longer than hypothesis's default 200 ms deadline without anything being wrong.
settings.register_profile("course", deadline=None)
settings.load_profile("course")

HERE = Path(__file__).parent


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    # Notebooks under tests/ are fixtures (blank copies, wrong submissions): data, not tests.
    if collection_path.suffix == ".ipynb" and (HERE / "tests") in collection_path.parents:
        return True
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebooks)
