"""A throwaway Postgres cluster for the class tests (deploy/pgcluster.py), or a skip saying why.

The cluster lives in a folder made under /tmp and opened for searching (0711), since as root
it runs as ``nobody``, who must reach it; it listens only on its Unix socket.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def deploy_module(name: str):
    """Import ``deploy/<name>.py`` (deploy/ is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"deploy_{name}", ROOT / "deploy" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pgcluster = deploy_module("pgcluster")


def cluster() -> Iterator:
    """Yield a started cluster with database ``course``; stop and delete it afterwards."""
    try:
        pgcluster.server_bin()
    except pgcluster.PostgresMissing as missing:
        pytest.skip(str(missing))
    folder = Path(tempfile.mkdtemp(prefix="aws-course-pg-"))
    os.chmod(folder, 0o711)
    started = pgcluster.Cluster(folder / "pg")
    try:
        yield started.start()
    finally:
        started.remove()
        shutil.rmtree(folder, ignore_errors=True)
