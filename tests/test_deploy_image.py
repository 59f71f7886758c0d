"""The course image (deploy/Dockerfile) installs only what the lock pins and runs as non-root.

No Docker engine is at hand here, so the image is not built; its Dockerfile is read
instead: a base image of a fixed version, Python packages only from requirements.lock
(plus the pinned uv and the course itself without dependencies), every file it copies
present in the repository, and a non-root user to run as.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "deploy" / "Dockerfile"


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", text)
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def problems(text: str) -> list[str]:
    """What in the Dockerfile is not pinned, not in the repository, or runs as root."""
    found = []
    steps = instructions(text)
    args = dict(a.split("=", 1) for w, a in steps if w == "ARG" and "=" in a)
    for word, rest in steps:
        if word == "FROM" and not re.fullmatch(r"[\w./-]+:\d+(\.\d+)+[\w.-]*(@sha256:\w+)?", rest):
            found.append(f"base image without a fixed version: {rest}")
        if word == "COPY":
            sources = [s for s in shlex.split(rest) if not s.startswith("--")][:-1]
            found += [f"COPY of a missing file: {s}" for s in sources if not (ROOT / s).exists()]
        if word == "RUN":
            for command in re.split(r"&&|;", rest):
                words = shlex.split(command)
                if "install" in words and ("pip" in " ".join(words) or "uv" in words[0]):
                    found += _unpinned(words, args)
    users = [rest for word, rest in steps if word == "USER"]
    if not users or users[-1].replace("${NB_UID}", args.get("NB_UID", "")) in ("root", "0"):
        found.append("the image runs as root")
    return found


def _unpinned(words: list[str], args: dict[str, str]) -> list[str]:
    """The packages of one pip/uv install that are neither the lock nor pinned."""
    targets = words[words.index("install") + 1 :]
    lock = "-r" in targets and targets[targets.index("-r") + 1].endswith("requirements.lock")
    wanted = [t for t in targets if not t.startswith("-") and not t.startswith("/opt/venv")]
    if lock:
        wanted = [t for t in wanted if not t.endswith("requirements.lock")]
    bad = []
    for target in wanted:
        version = target.replace("${UV_VERSION}", args.get("UV_VERSION", ""))
        local = target == "/opt/course" and "--no-deps" in targets
        if not local and not re.fullmatch(r"[\w.-]+==\d[\w.]*", version):
            bad.append(f"unpinned install: {target}")
    return bad


def test_the_image_installs_only_pinned_files_and_runs_as_a_learner():
    assert problems(DOCKERFILE.read_text()) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("python:3.11.14-slim-bookworm", "python:latest"), "without a fixed version"),
        (("USER ${NB_UID}", "USER root"), "runs as root"),
        (("uv==${UV_VERSION}", "uv"), "unpinned install: uv"),
        (("COPY src/", "COPY source/"), "missing file: source/"),
        (("-r /opt/course/requirements.lock", "jupyterhub"), "unpinned install: jupyterhub"),
    ],
)
def test_a_broken_dockerfile_is_caught(change, problem):
    text = DOCKERFILE.read_text()
    assert change[0] in text
    assert any(problem in p for p in problems(text.replace(change[0], change[1], 1)))


def test_the_lock_has_what_the_image_runs():
    lock = (ROOT / "requirements.lock").read_text()
    for package in ("jupyterhub==", "jupyterlab==", "nbgrader==", "psycopg=="):
        assert re.search(rf"^{package}", lock, re.M), package
