"""One JupyterLab per set of files: find the server `make lab` already runs on them.

Two servers on the same notebooks both autosave, and the last write wins. A launcher takes
an exclusive lock named after the folder it serves (in Jupyter's runtime directory, which
is private to the user) for as long as its server runs; the kernel drops the lock when the
launcher dies, however it dies, so a stale lock cannot block anyone. A second launcher
finds the lock taken and looks the running server up in the runtime directory's
``jpserver-<pid>.json`` files (where every Jupyter server records its folder, URL and
token), so it can hand out the same URL instead of starting another server.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
import urllib.request
from pathlib import Path

from jupyter_core.paths import jupyter_runtime_dir

POLL_S = 0.2


def runtime_dir() -> Path:
    """Jupyter's runtime directory ($JUPYTER_RUNTIME_DIR honoured), created private."""
    path = Path(jupyter_runtime_dir())
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def lock_path(served: Path, runtime: Path) -> Path:
    """The lock file for a served folder: one per folder, whatever its name or length."""
    key = hashlib.sha256(str(served.resolve()).encode()).hexdigest()[:16]
    return runtime / f"aws-course-lab-{key}.lock"


def try_lock(path: Path) -> int | None:
    """An open descriptor holding the exclusive lock on ``path``, or None if another has it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def running_servers(runtime: Path) -> list[dict]:
    """The info of every Jupyter server whose process is alive, from its runtime file.

    Read only: a dead server's file is left for Jupyter to clean up.
    """
    found = []
    for path in sorted(runtime.glob("jpserver-*.json")):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # being written, or gone since the listing
            continue
        if isinstance(info, dict) and _alive(info.get("pid")):
            found.append(info)
    return found


def answers(info: dict, timeout: float = 3.0) -> bool:
    """True when the server behind ``info`` answers its status API with its token."""
    url = f"{str(info.get('url', '')).rstrip('/')}/api/status?token={info.get('token', '')}"
    # No proxy: an http_proxy setting must not divert a request to our own machine.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError):  # refused, 403, a malformed URL
        return False


def server_on(served: Path, runtime: Path) -> dict | None:
    """A running, answering Jupyter server whose root is ``served``, if there is one."""
    served = served.resolve()
    for info in running_servers(runtime):
        root = info.get("root_dir")
        same = isinstance(root, str) and Path(root).expanduser().resolve() == served
        if same and answers(info):
            return info
    return None


def claim(served: Path, runtime: Path, timeout: float) -> tuple[int | None, dict | None]:
    """The lock for ``served`` as ``(fd, None)``, or the server already on it as ``(None, info)``.

    While another launcher holds the lock its server may still be starting: wait for it
    (up to ``timeout`` seconds), or take over if that launcher gives up and lets go.
    """
    path = lock_path(served, runtime)
    deadline = time.monotonic() + timeout
    while True:
        fd = try_lock(path)
        if fd is not None:
            # Ours now; but a server started by hand may already serve the same files.
            info = server_on(served, runtime)
            if info is None:
                return fd, None
            os.close(fd)
            return None, info
        info = server_on(served, runtime)
        if info is not None:
            return None, info
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"another `make lab` is starting a server on {served} but it has not answered "
                f"in {timeout:.0f} s; stop it (or wait) and try again"
            )
        time.sleep(POLL_S)
