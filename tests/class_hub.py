"""The class's JupyterHub in its real shape, for tests: PAM logins of system users, each
server a process of its own Unix user (deploy/jupyterhub_config.py without ``COURSE_DEMO``).

Made as root only: the users (an instructor and two learners, with random names so nothing on
the machine is touched), their group and passwords are made for the test and removed after.
Debian's ``useradd`` gives them homes others can read, as on a fresh server: the hub's
configuration must close them.

The hub runs in a mount namespace (bubblewrap) in which the folders above the course's
checkout and its Python that other users cannot search (``/root`` here, where the Python
lives; a 0700 temporary folder around a CI clone) are replaced by empty ones holding only
those paths. Nothing else changes: the users' processes still run as themselves, with the
machine's file modes. A real server installs the course where its users can read it.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from class_postgres import deploy_module

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 120
class_demo = deploy_module("class_demo")


def why_not() -> str | None:
    """None when this machine can run the hub of Unix users, else why not."""
    if os.geteuid() != 0:
        return "making the class's Unix users needs root"
    for program in ("useradd", "groupadd", "chpasswd", "userdel", "bwrap", "runuser"):
        if shutil.which(program) is None:
            return f"{program} is not installed"
    missing = class_demo.missing_programs()
    return "the class's hub needs " + "; ".join(missing) if missing else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def reachable(paths: list[Path]) -> list[str]:
    """bubblewrap arguments making each path reachable by other users (see the module doc)."""
    blocked: dict[Path, set[Path]] = {}
    for path in paths:
        chain = [*reversed(path.resolve().parents), path.resolve()]
        for parent, child in itertools.pairwise(chain):
            if not parent.stat().st_mode & stat.S_IXOTH:
                blocked.setdefault(parent, set()).add(child)
    args: list[str] = []
    for parent in sorted(blocked, key=lambda p: len(p.parts)):  # outermost first
        args += ["--tmpfs", str(parent)]
        for child in sorted(blocked[parent]):
            args += ["--bind", str(child), str(child)]
    return args


@dataclass
class UnixHub:
    url: str
    state: Path
    env: dict
    instructor: str
    learners: tuple[str, str]
    passwords: dict[str, str]
    namespace: list[str] = field(default_factory=list)

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    def uid(self, user: str) -> int:
        return pwd.getpwnam(user).pw_uid

    def as_user(self, user: str, *command: str) -> subprocess.CompletedProcess:
        """Run ``command`` as ``user`` (their uid, gid and groups), in the hub's namespace."""
        return subprocess.run(
            [
                "bwrap", *self.namespace, "--",
                "setpriv", f"--reuid={user}", f"--regid={pwd.getpwnam(user).pw_gid}",
                "--init-groups", "env", f"HOME={self.home(user)}", *command,
            ],
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip


def _run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)}: {done.stderr.strip()}")


@contextlib.contextmanager
def unix_hub() -> Iterator[UnixHub]:
    """Start the hub of three new Unix users; stop it and remove everything afterwards."""
    tag = secrets.token_hex(3)
    group, instructor = f"awsc{tag}", f"awsc{tag}i"
    learners = (f"awsc{tag}a", f"awsc{tag}b")
    folder = Path(tempfile.mkdtemp(prefix="aws-course-unix-hub-"))
    passwords = {user: secrets.token_urlsafe(12) for user in (instructor, *learners)}
    made: list[str] = []
    process = cluster = log = None
    try:
        cluster, env = class_demo.prepare(folder, (instructor, *learners), "unused")
        del env["COURSE_DEMO"]
        _run("groupadd", group)
        for user in (instructor, *learners):
            home = folder / "home" / user
            # the learners' homes as Debian makes them (0755); the instructor's exists already
            create = ["-m"] if user != instructor else ["-M"]
            _run("useradd", *create, "-d", str(home), "-G", group, "-s", "/bin/sh", user)
            made.append(user)
            shutil.chown(home, user, user)
            subprocess.run(["chpasswd"], input=f"{user}:{passwords[user]}", text=True, check=True)
        for path in (folder / "home" / instructor).rglob("*"):
            shutil.chown(path, instructor, instructor)
        port = free_port()
        env |= {
            "COURSE_UNIX_GROUP": group,
            "COURSE_HUB_URL": f"http://127.0.0.1:{port}",
            "COURSE_HUB_API_URL": f"http://127.0.0.1:{free_port()}",
            "COURSE_PROXY_API_URL": f"http://127.0.0.1:{free_port()}",
        }
        namespace = [
            "--dev-bind", "/", "/", "--cap-add", "ALL",
            *reachable([Path(sys.base_prefix), ROOT, folder]),
        ]  # fmt: skip
        log = (folder / "hub.log").open("wb")
        process = subprocess.Popen(
            ["bwrap", *namespace, "--", *class_demo.hub_command(folder)],
            env=env, cwd=folder, stdout=log, stderr=log,
        )  # fmt: skip
        hub = UnixHub(
            f"http://127.0.0.1:{port}", folder, env, instructor, learners, passwords, namespace
        )
        wait_for(hub.url, process, folder / "hub.log")
        yield hub
    finally:
        if process is not None:
            _stop(process, folder)
        if log is not None:
            log.close()
        if cluster is not None:
            cluster.stop()
        for user in made:  # a server left behind would keep its user from being removed
            subprocess.run(["pkill", "-KILL", "-u", user], capture_output=True, check=False)
            subprocess.run(["userdel", user], capture_output=True, check=False)
        subprocess.run(["groupdel", group], capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _pid(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text())
    except (OSError, ValueError):
        return None


def _stop(process: subprocess.Popen, state: Path, grace_s: float = 90) -> None:
    """Stop the hub as Ctrl-C does (it stops the servers and the proxy), then bubblewrap.

    Before Postgres stops: a hub whose database vanished hangs on the way out. A hub that
    does not stop in time is killed, and its proxy with it (the users' servers are killed
    with their users).
    """
    hub = _pid(state / "jupyterhub.pid")
    if hub is None:
        process.send_signal(signal.SIGINT)
    else:
        os.kill(hub, signal.SIGINT)
    deadline = time.monotonic() + grace_s
    while hub is not None and Path(f"/proc/{hub}").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    if hub is not None and Path(f"/proc/{hub}").exists():
        for pid in (hub, _pid(state / "proxy.pid")):
            if pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for(url: str, process: subprocess.Popen, log: Path) -> None:
    import requests

    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the hub exited ({process.returncode}):\n{log.read_text()}")
        try:
            if requests.get(f"{url}/hub/api", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"the hub did not answer in {START_TIMEOUT_S} s:\n{log.read_text()}")
