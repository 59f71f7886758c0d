"""Serve the course in JupyterLab: ``python -m aws_compute_course.lab [--port 8888] [--ip ...]``.

Starts ``jupyter lab`` from this interpreter's environment on the repository root, with
token authentication on, waits until it answers, then prints one line with the URL to
open. Ctrl-C (or SIGTERM/SIGHUP) shuts the server and its kernels down.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

START_PAGE = "course/00_start_here.ipynb"
PORT_TRIES = 50
READY_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0


def repo_root() -> Path:
    """The directory holding ``course/``: the source checkout, else the working directory."""
    for candidate in (Path(__file__).resolve().parents[2], Path.cwd()):
        if (candidate / START_PAGE).is_file():
            return candidate
    raise FileNotFoundError(
        f"cannot find {START_PAGE} next to the package or in {Path.cwd()}; "
        "run from the repository root"
    )


def port_is_free(ip: str, port: int) -> bool:
    """True when a server could listen on ``ip:port`` now."""
    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        # Same option as the Jupyter server (tornado), so a port in TIME_WAIT counts as free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((ip, port))
        except OSError:
            return False
    return True


def free_port(ip: str, start: int, tries: int = PORT_TRIES) -> int:
    """The first free port from ``start`` on, trying at most ``tries`` ports."""
    if not 1 <= start <= 65535:
        raise ValueError(f"port must be in 1..65535, got {start}")
    for port in range(start, min(start + tries, 65536)):
        if port_is_free(ip, port):
            return port
    raise OSError(f"no free port on {ip} in {start}..{min(start + tries, 65536) - 1}")


def url_host(ip: str) -> str:
    """The host to put in a URL for a server listening on ``ip``."""
    if ip in ("", "0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{ip}]" if ":" in ip else ip


def lab_command(root: Path, ip: str, port: int, token: str, as_root: bool) -> list[str]:
    """The ``jupyter lab`` command line for this interpreter's environment."""
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--ServerApp.ip={ip}",
        f"--ServerApp.port={port}",
        # The port was chosen and announced here; the server must not silently move.
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.default_url=/lab/tree/{START_PAGE}",
        f"--IdentityProvider.token={token}",
        # Nothing is fetched at run time: no news feed, no update check (and no first-run
        # "receive Jupyter news?" prompt over the course).
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if as_root:
        command.append("--allow-root")
    return command


def lab_env(environ: dict[str, str]) -> dict[str, str]:
    """The server's environment, from ``environ``.

    PLOTLY_RENDERER is removed: JupyterLab renders plotly itself. This interpreter's bin
    directory goes first on PATH, so JupyterLab terminals find ``aws-course-check``.
    """
    env = {k: v for k, v in environ.items() if k != "PLOTLY_RENDERER"}
    env["PATH"] = os.pathsep.join(filter(None, [str(Path(sys.executable).parent), env.get("PATH")]))
    return env


def wait_until_ready(server: subprocess.Popen, status_url: str, timeout: float) -> None:
    """Return once ``status_url`` answers 200; raise if the server exits or time runs out."""
    # No proxy: an http_proxy setting must not divert a request to our own machine.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {server.returncode} while starting")
        try:
            with opener.open(status_url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:  # not listening yet (URLError and HTTPError are OSErrors too)
            pass
        time.sleep(0.2)
    raise TimeoutError(f"JupyterLab did not answer within {timeout:.0f} s")


def stop(server: subprocess.Popen) -> None:
    """Shut the server down (SIGTERM lets it stop its kernels), killing it if it hangs."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(STOP_TIMEOUT_S)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            # A hung server, or a second Ctrl-C from an impatient user: no more waiting.
            server.kill()
            server.wait()


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _die_with_launcher() -> None:
    """In the server, before exec: on Linux, get SIGTERM when the launcher dies, even by SIGKILL.

    The server runs in a session of its own, so nothing else would stop it then.
    """
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


def main(argv: list[str] | None = None) -> int:
    """Run JupyterLab on the course until interrupted; return an exit code."""
    parser = argparse.ArgumentParser(description="Serve the course in JupyterLab.")
    parser.add_argument("--port", type=int, default=8888, help="first port to try (8888)")
    parser.add_argument("--ip", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    args = parser.parse_args(argv)

    try:
        root = repo_root()
        port = free_port(args.ip, args.port)
    except (FileNotFoundError, ValueError, OSError) as err:
        parser.error(str(err))
    if port != args.port:
        print(f"Port {args.port} is in use; using port {port}.", flush=True)

    token = secrets.token_urlsafe(32)
    host = url_host(args.ip)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _interrupt)
    # A session of its own: a terminal's Ctrl-C reaches only this launcher, which then stops
    # the server with SIGTERM instead of the server's interactive "Shut down? (y/[n])" prompt.
    server = subprocess.Popen(
        lab_command(root, args.ip, port, token, as_root=os.geteuid() == 0),
        env=lab_env(dict(os.environ)),
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_die_with_launcher,  # safe: the launcher runs no other threads
    )
    try:
        wait_until_ready(server, f"http://{host}:{port}/api/status?token={token}", READY_TIMEOUT_S)
        print(
            f"\nThe course is ready. Open http://{host}:{port}/lab/tree/{START_PAGE}?token={token}"
            "  (Ctrl-C stops it)\n",
            flush=True,
        )
        return server.wait()
    except KeyboardInterrupt:
        print("\nStopping JupyterLab ...", flush=True)
        return 0
    except (RuntimeError, TimeoutError) as err:
        print(f"error: {err}", file=sys.stderr, flush=True)
        return 1
    finally:
        stop(server)


if __name__ == "__main__":
    sys.exit(main())
