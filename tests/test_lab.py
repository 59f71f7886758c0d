"""The `make lab` launcher: command line, port choice, and a real server with a token."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

from aws_compute_course import lab

pytestmark = pytest.mark.notebooks

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 60


def test_the_command_serves_the_repo_root_with_a_token_and_no_browser():
    command = lab.lab_command(ROOT, "127.0.0.1", 8890, "tok", as_root=False)
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert "--no-browser" in command
    assert "--IdentityProvider.token=tok" in command
    assert not any(arg.startswith("--ServerApp.token") for arg in command)
    assert f"--ServerApp.root_dir={ROOT}" in command
    assert "--ServerApp.default_url=/lab/tree/course/00_start_here.ipynb" in command
    assert "--ServerApp.port=8890" in command
    assert "--allow-root" not in command
    assert "--allow-root" in lab.lab_command(ROOT, "127.0.0.1", 8890, "tok", as_root=True)


def test_the_server_environment_drops_the_plotly_renderer_and_finds_the_venv():
    env = lab.lab_env({"PLOTLY_RENDERER": "plotly_mimetype", "PATH": "/usr/bin", "HOME": "/h"})
    assert "PLOTLY_RENDERER" not in env
    assert env["HOME"] == "/h"
    assert env["PATH"].split(os.pathsep) == [str(Path(sys.executable).parent), "/usr/bin"]


def test_a_taken_port_is_skipped():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert not lab.port_is_free("127.0.0.1", port)
        assert lab.free_port("127.0.0.1", port) > port


@pytest.mark.parametrize("port", [0, -1, 65536])
def test_an_impossible_port_is_rejected(port):
    with pytest.raises(ValueError, match=f"port must be in 1..65535, got {port}"):
        lab.free_port("127.0.0.1", port)


@pytest.mark.parametrize(
    ("ip", "host"), [("127.0.0.1", "127.0.0.1"), ("0.0.0.0", "127.0.0.1"), ("::1", "[::1]")]
)
def test_url_host(ip, host):
    assert lab.url_host(ip) == host


NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def status(url: str) -> int:
    """The HTTP status of a GET, errors included."""
    try:
        with NO_PROXY.open(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def lines_of(stream) -> tuple[queue.Queue, threading.Thread]:
    """A queue fed with the stream's lines by a thread, so reads can time out; and the thread."""
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line)

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return lines, thread


def wait_for_line(lines: queue.Queue, pattern: str, seen: list[str]) -> re.Match:
    """The first line matching ``pattern`` within the timeout; ``seen`` collects all lines."""
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line)
        if match := re.search(pattern, line):
            return match
    raise AssertionError(f"no line matching {pattern!r} in {TIMEOUT_S} s; got {seen}")


@pytest.mark.parametrize(
    ("stop_signal", "exit_code"),
    [
        pytest.param(signal.SIGINT, 0, id="ctrl-c"),
        pytest.param(signal.SIGTERM, 0, id="term"),
        pytest.param(
            signal.SIGKILL,
            -signal.SIGKILL,
            id="kill-launcher",
            marks=pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's"),
        ),
    ],
)
def test_the_launcher_serves_the_course_behind_a_token_and_stops_cleanly(
    tmp_path, stop_signal, exit_code
):
    env = dict(os.environ, PLOTLY_RENDERER="plotly_mimetype", JUPYTER_RUNTIME_DIR=str(tmp_path))
    with socket.socket() as taken:
        # Hold the requested port so the launcher has to move to another one.
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        launcher = subprocess.Popen(
            [sys.executable, "-m", "aws_compute_course.lab", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        server_processes: list[psutil.Process] = []
        lines, pump = lines_of(launcher.stdout)
        try:
            seen: list[str] = []
            moved = wait_for_line(lines, rf"Port {port} is in use; using port (\d+)\.", seen)
            ready = wait_for_line(lines, r"Open (http://127\.0\.0\.1:(\d+)/\S+\?token=(\S+))", seen)
            url, new_port, token = ready.groups()
            assert new_port == moved.group(1) != str(port)
            assert url.startswith(
                f"http://127.0.0.1:{new_port}/lab/tree/course/00_start_here.ipynb"
            )

            api = f"http://127.0.0.1:{new_port}/api"
            assert status(f"{api}/status?token={token}") == 200
            assert status(f"{api}/status") == 403
            assert status(f"{api}/status?token=wrong-{token}") == 403
            assert status(f"{api}/contents/course/00_start_here.ipynb?token={token}") == 200
            with NO_PROXY.open(f"http://127.0.0.1:{new_port}/lab?token={token}", timeout=10) as r:
                page = r.read().decode()
            config = re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S)
            assert json.loads(config.group(1))["news"] == {"disabled": True}, "news feed is on"
            # A running kernel must go down with the server too.
            start_kernel = urllib.request.Request(
                f"{api}/kernels", data=b"{}", headers={"Authorization": f"token {token}"}
            )
            with NO_PROXY.open(start_kernel, timeout=TIMEOUT_S) as response:
                assert response.status == 201
            server_processes = psutil.Process(launcher.pid).children(recursive=True)
            assert len(server_processes) >= 2, "expected the server and its kernel"

            launcher.send_signal(stop_signal)
            assert launcher.wait(timeout=TIMEOUT_S) == exit_code
            _, alive = psutil.wait_procs(server_processes, timeout=TIMEOUT_S)
            assert not alive, f"still running after the launcher stopped: {alive}"
            assert lab.port_is_free("127.0.0.1", int(new_port))
        finally:
            # Something is left over only when an assertion failed: never leak a server.
            if launcher.poll() is None:
                with contextlib.suppress(psutil.NoSuchProcess):
                    server_processes += psutil.Process(launcher.pid).children(recursive=True)
                launcher.kill()
            for process in server_processes:
                with contextlib.suppress(psutil.NoSuchProcess):
                    process.kill()
            launcher.wait(timeout=TIMEOUT_S)
            # Closing the pipe while the thread reads it would block: wait for its EOF first.
            pump.join(TIMEOUT_S)
            launcher.stdout.close()
