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

from aws_compute_course import lab, labinstance

pytestmark = pytest.mark.notebooks

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 60


def test_the_command_serves_a_folder_with_no_browser_and_no_secret():
    command = lab.lab_command(Path("/ws"), "127.0.0.1", 8890, "learner", as_root=False)
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert "--no-browser" in command
    assert not any("token" in arg.lower() for arg in command), "the token belongs in a file"
    assert "--ServerApp.root_dir=/ws" in command
    assert "--ServerApp.default_url=/lab/tree/course/00_start_here.ipynb" in command
    assert "--ServerApp.port=8890" in command
    assert "--allow-root" not in command
    assert "--allow-root" in lab.lab_command(Path("/ws"), "127.0.0.1", 8890, "learner", True)


def test_learners_get_no_nbgrader_and_instructors_all_of_it():
    learner = lab.lab_command(Path("/ws"), "127.0.0.1", 8890, "learner", as_root=False)
    instructor = lab.lab_command(ROOT, "127.0.0.1", 8890, "instructor", as_root=False)
    off = [f"--ServerApp.jpserver_extensions={e}=False" for e in lab.NBGRADER_SERVER_EXTENSIONS]
    assert all(flag in learner for flag in off)
    assert not any("jpserver_extensions" in arg for arg in instructor)
    assert "--ServerApp.default_url=/lab" in instructor
    announcements = "@jupyterlab/apputils-extension:announcements"
    assert lab.disabled_lab_plugins("learner") == [announcements, "@jupyter/nbgrader"]
    assert lab.disabled_lab_plugins("instructor") == [announcements]
    with pytest.raises(ValueError, match="role must be one of learner, instructor, got 'x'"):
        lab.lab_command(ROOT, "127.0.0.1", 8890, "x", as_root=False)


def test_the_names_turned_off_are_those_of_the_installed_packages():
    """An upgrade that renames a plugin or extension must fail here, not go quiet."""
    prefix = Path(sys.prefix)
    nbgrader_conf = prefix / "etc/jupyter/jupyter_server_config.d/nbgrader.json"
    installed = json.loads(nbgrader_conf.read_text())["ServerApp"]["jpserver_extensions"]
    assert set(lab.NBGRADER_SERVER_EXTENSIONS) == set(installed)
    labext = prefix / "share/jupyter/labextensions/@jupyter/nbgrader/package.json"
    assert json.loads(labext.read_text())["name"] == lab.NBGRADER_LABEXTENSION
    import jupyterlab

    bundle = Path(jupyterlab.__file__).parent / "static"
    assert any(
        lab.ANNOUNCEMENTS_PLUGIN in p.read_text(errors="ignore") for p in bundle.glob("*.js")
    )


def test_the_token_goes_to_a_file_only_the_user_can_read(tmp_path):
    lab.write_private_config(tmp_path, "s3cret", "learner")
    secret = tmp_path / "jupyter_server_config.json"
    assert secret.stat().st_mode & 0o777 == 0o600
    assert json.loads(secret.read_text()) == {"IdentityProvider": {"token": "s3cret"}}
    page = json.loads((tmp_path / "labconfig" / "page_config.json").read_text())
    assert page == {"disabledExtensions": {p: True for p in lab.disabled_lab_plugins("learner")}}
    env = lab.lab_env({"JUPYTER_CONFIG_PATH": "/theirs", "PATH": "/usr/bin"}, tmp_path)
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(tmp_path), "/theirs"]


def test_the_server_environment_drops_the_plotly_renderer_and_finds_the_venv():
    env = lab.lab_env({"PLOTLY_RENDERER": "plotly_mimetype", "PATH": "/usr/bin", "HOME": "/h"})
    assert "PLOTLY_RENDERER" not in env
    assert env["HOME"] == "/h"
    assert env["PATH"].split(os.pathsep) == [str(Path(sys.executable).parent), "/usr/bin"]
    assert "JUPYTER_CONFIG_PATH" not in env


def test_one_launcher_at_a_time_holds_a_folder(tmp_path):
    path = labinstance.lock_path(tmp_path / "ws", tmp_path)
    assert path == labinstance.lock_path(tmp_path / "ws" / ".", tmp_path)
    assert path != labinstance.lock_path(tmp_path / "other", tmp_path)
    first = labinstance.try_lock(path)
    assert first is not None
    try:
        assert labinstance.try_lock(path) is None
    finally:
        os.close(first)
    again = labinstance.try_lock(path)
    assert again is not None
    os.close(again)


def test_a_dead_or_silent_server_is_not_reused(tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    for pid in (dead.pid, os.getpid()):
        info = {"pid": pid, "root_dir": str(ws), "url": "http://127.0.0.1:9/", "token": "t"}
        (tmp_path / f"jpserver-{pid}.json").write_text(json.dumps(info))
    (tmp_path / "jpserver-1.json").write_text("{half a file")
    assert [i["pid"] for i in labinstance.running_servers(tmp_path)] == [os.getpid()]
    # Alive but not answering (nothing listens on port 9): not a server to hand out.
    assert labinstance.server_on(ws, tmp_path) is None


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


def learner_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a launcher under test: its own Jupyter runtime directory."""
    runtime = tmp_path / "runtime"
    return dict(os.environ, PLOTLY_RENDERER="plotly_mimetype", JUPYTER_RUNTIME_DIR=str(runtime))


@contextlib.contextmanager
def launched(args: list[str], env: dict[str, str]):
    """A launcher with its stdout as a queue of lines; whatever it started is gone afterwards."""
    launcher = subprocess.Popen(
        [sys.executable, "-m", "aws_compute_course.lab", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines, pump = lines_of(launcher.stdout)
    processes: list[psutil.Process] = []
    try:
        yield launcher, lines, processes
    finally:
        # Still running when a test is done with it, or when an assertion failed: stop it as
        # Ctrl-C would, and never leak a server.
        if launcher.poll() is None:
            with contextlib.suppress(psutil.NoSuchProcess):
                processes += psutil.Process(launcher.pid).children(recursive=True)
            launcher.terminate()
            try:
                launcher.wait(timeout=TIMEOUT_S)
            except subprocess.TimeoutExpired:
                launcher.kill()
        for process in processes:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        launcher.wait(timeout=TIMEOUT_S)
        # Closing the pipe while the thread reads it would block: wait for its EOF first.
        pump.join(TIMEOUT_S)
        launcher.stdout.close()


def cmdline(process: psutil.Process) -> str:
    """What every user of the machine can read with ``ps``: /proc/<pid>/cmdline."""
    return Path(f"/proc/{process.pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


READY = r"Open (http://127\.0\.0\.1:(\d+)/\S+\?token=(\S+))"


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
def test_the_launcher_serves_the_workspace_behind_a_token_and_stops_cleanly(
    tmp_path, stop_signal, exit_code
):
    env = learner_env(tmp_path)
    ws = tmp_path / "my work"
    repo_before = (ROOT / "course" / "00_start_here.ipynb").read_bytes()
    with socket.socket() as taken:
        # Hold the requested port so the launcher has to move to another one.
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = ["--port", str(port), "--workspace", str(ws)]
        with launched(args, env) as (launcher, lines, server_processes):
            seen: list[str] = []
            wait_for_line(lines, rf"Created your workspace {re.escape(str(ws))}", seen)
            moved = wait_for_line(lines, rf"Port {port} is in use; using port (\d+)\.", seen)
            url, new_port, token = wait_for_line(lines, READY, seen).groups()
            assert new_port == moved.group(1) != str(port)
            assert url.startswith(
                f"http://127.0.0.1:{new_port}/lab/tree/course/00_start_here.ipynb"
            )

            api = f"http://127.0.0.1:{new_port}/api"
            assert status(f"{api}/status?token={token}") == 200
            assert status(f"{api}/status") == 403
            assert status(f"{api}/status?token=wrong-{token}") == 403
            # The server's root is the learner's workspace, not the checkout ...
            with NO_PROXY.open(f"{api}/contents?token={token}", timeout=10) as r:
                listing = {item["name"] for item in json.load(r)["content"]}
            assert listing == {"Makefile", "README.md", "course", "exercises"}
            # ... so what the learner saves lands there, and the course stays as committed.
            save = urllib.request.Request(
                f"{api}/contents/course/00_start_here.ipynb",
                data=json.dumps({"type": "file", "format": "text", "content": "mine"}).encode(),
                headers={"Authorization": f"token {token}"},
                method="PUT",
            )
            with NO_PROXY.open(save, timeout=10) as response:
                assert response.status == 200
            assert (ws / "course" / "00_start_here.ipynb").read_text() == "mine"
            assert (ROOT / "course" / "00_start_here.ipynb").read_bytes() == repo_before

            with NO_PROXY.open(f"http://127.0.0.1:{new_port}/lab?token={token}", timeout=10) as r:
                page = r.read().decode()
            config = re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S)
            config = json.loads(config.group(1))
            assert config["news"] == {"disabled": True}, "news feed is on"
            disabled = set(config["disabledExtensions"])
            assert {lab.ANNOUNCEMENTS_PLUGIN, lab.NBGRADER_LABEXTENSION} <= disabled
            # nbgrader's server side is off for learners too.
            base = f"http://127.0.0.1:{new_port}"
            assert status(f"{base}/formgrader?token={token}") == 404
            assert status(f"{base}/assignments?token={token}") == 404
            # A running kernel must go down with the server too.
            start_kernel = urllib.request.Request(
                f"{api}/kernels", data=b"{}", headers={"Authorization": f"token {token}"}
            )
            with NO_PROXY.open(start_kernel, timeout=TIMEOUT_S) as response:
                assert response.status == 201
            server_processes += psutil.Process(launcher.pid).children(recursive=True)
            assert len(server_processes) >= 2, "expected the server and its kernel"
            # Nobody reads the token off a command line.
            for process in [psutil.Process(launcher.pid), *server_processes]:
                assert token not in cmdline(process), f"token in the argv of {cmdline(process)}"
            private = list((tmp_path / "runtime").glob("aws-course-lab-*/"))
            assert len(private) == 1 and private[0].stat().st_mode & 0o777 == 0o700

            launcher.send_signal(stop_signal)
            assert launcher.wait(timeout=TIMEOUT_S) == exit_code
            _, alive = psutil.wait_procs(server_processes, timeout=TIMEOUT_S)
            assert not alive, f"still running after the launcher stopped: {alive}"
            assert lab.port_is_free("127.0.0.1", int(new_port))
            if stop_signal != signal.SIGKILL:  # a killed launcher cleans nothing up
                assert not list((tmp_path / "runtime").glob("aws-course-lab-*/")), "token left"


@pytest.mark.parametrize("when", ["after", "together"])
def test_a_second_launcher_on_the_same_files_hands_out_the_running_server(tmp_path, when):
    """`make lab` twice: one server; the other launcher prints its URL and exits 0."""
    env = learner_env(tmp_path)
    args = ["--port", "18870", "--workspace", str(tmp_path / "ws")]
    with launched(args, env) as (first, first_lines, processes):
        seen: list[str] = []
        if when == "after":
            wait_for_line(first_lines, READY, seen)
        with launched(args, env) as (second, second_lines, _):
            deadline = time.monotonic() + TIMEOUT_S
            while first.poll() is None and second.poll() is None:
                assert time.monotonic() < deadline, "neither launcher stepped back"
                time.sleep(0.2)
            # Started together, either may win; started after, the second steps back.
            if second.poll() is not None:
                quitter, stayer = (second, second_lines), (first, first_lines)
            else:
                quitter, stayer = (first, first_lines), (second, second_lines)
            assert when == "together" or quitter[0] is second
            assert quitter[0].wait(timeout=TIMEOUT_S) == 0
            found = wait_for_line(quitter[1], r"JupyterLab already serves (.+) \(process", seen)
            assert Path(found.group(1)) == (tmp_path / "ws").resolve()
            url = wait_for_line(quitter[1], READY, seen).group(1)
            if when == "together":
                assert wait_for_line(stayer[1], READY, seen).group(1) == url
            servers = [
                p
                for p in psutil.Process(stayer[0].pid).children(recursive=True)
                if "jupyterlab" in cmdline(p)
            ]
            processes += servers
            assert len(servers) == 1
            assert stayer[0].poll() is None, "the running server must keep running"
            assert status(url) == 200


def run_launcher(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "aws_compute_course.lab", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workspace", str(ROOT / "course")], "overlaps the course's course/ folder"),
        (["--workspace", str(ROOT)], "contains the course checkout"),
        (["--role", "teacher"], "invalid choice: 'teacher'"),
        (["--port", "70000"], "port must be in 1..65535, got 70000"),
    ],
)
def test_the_launcher_refuses_bad_input_before_starting_anything(tmp_path, args, message):
    done = run_launcher(args, learner_env(tmp_path))
    assert done.returncode == 2
    assert message in done.stderr
    assert "Open http" not in done.stdout


def test_a_damaged_workspace_record_stops_the_launcher_and_keeps_the_work(tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / ".course-sync.json").write_text("{cut short")
    (ws / "notes.ipynb").write_text("mine")
    done = run_launcher(["--workspace", str(ws)], learner_env(tmp_path))
    assert done.returncode == 1
    assert ".course-sync.json is unreadable" in done.stderr and "Open http" not in done.stdout
    assert sorted(p.name for p in ws.iterdir()) == [".course-sync.json", "notes.ipynb"]


def test_the_launchers_token_and_page_settings_outrank_the_users_own_config(tmp_path):
    """The printed URL works, and the prompt stays off, whatever ~/.jupyter says."""
    config = tmp_path / "user-config"
    (config / "labconfig").mkdir(parents=True)
    (config / "jupyter_server_config.json").write_text('{"IdentityProvider": {"token": "mine"}}')
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {lab.ANNOUNCEMENTS_PLUGIN: False}})
    )
    env = dict(learner_env(tmp_path), JUPYTER_CONFIG_DIR=str(config))
    args = ["--port", "18880", "--workspace", str(tmp_path / "ws")]
    with launched(args, env) as (_, lines, _processes):
        url, port, token = wait_for_line(lines, READY, []).groups()
        assert token != "mine"
        assert status(f"http://127.0.0.1:{port}/api/status?token={token}") == 200
        with NO_PROXY.open(url, timeout=10) as r:
            page = r.read().decode()
        config_data = re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S)
        assert lab.ANNOUNCEMENTS_PLUGIN in json.loads(config_data.group(1))["disabledExtensions"]
