"""Serve the course in JupyterLab: ``python -m aws_compute_course.lab [options]``.

Two roles (``--role``):

- ``learner`` (the default, ``make lab``): serves the learner's workspace
  (:mod:`aws_compute_course.workspace`), brought up to date with the course on every start
  without losing the learner's edits. nbgrader's JupyterLab and server extensions are off:
  a self-paced learner has no exchange to fetch from, formgrader and "Create Assignment"
  are instructor tools, and the self-check (``make check``) replaces "Validate".
- ``instructor`` (``make lab ROLE=instructor``): serves the checkout itself with all of
  nbgrader, and creates the local exchange that ``nbgrader_config.py`` names, so
  release, fetch, submit and collect work out of the box.

Token authentication stays on. The token never appears on a command line (every user can
read those with ``ps``): it goes to the server in a config file only the user can read,
in a private directory that also holds the page config turning plugins off, and that is
deleted when the server stops. A second launcher on the same files does not start another
server: it prints the running one's URL (:mod:`aws_compute_course.labinstance`). Ctrl-C
(or SIGTERM/SIGHUP) shuts the server and its kernels down.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

from aws_compute_course import labinstance, workspace

START_PAGE = "course/00_start_here.ipynb"
ROLES = ("learner", "instructor")
# nbgrader 0.9.6's server extensions (etc/jupyter/jupyter_server_config.d/nbgrader.json)
# and its JupyterLab extension, whose plugins are the Nbgrader menu, the assignment and
# course lists, formgrader, "Create Assignment" and the notebook toolbar's Validate button.
NBGRADER_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment",
)
NBGRADER_LABEXTENSION = "@jupyter/nbgrader"
# JupyterLab 4's news and update-check plugin. `news_url=None` stops the fetching, but this
# plugin still asks every new browser profile "get notified about official Jupyter news?".
ANNOUNCEMENTS_PLUGIN = "@jupyterlab/apputils-extension:announcements"
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


def default_url(role: str) -> str:
    """The page the server opens on: the start page for learners, JupyterLab for instructors."""
    return f"/lab/tree/{START_PAGE}" if role == "learner" else "/lab"


def lab_command(served: Path, ip: str, port: int, role: str, as_root: bool) -> list[str]:
    """The ``jupyter lab`` command line for this interpreter's environment (no secrets)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--ServerApp.ip={ip}",
        f"--ServerApp.port={port}",
        # The port was chosen and announced here; the server must not silently move.
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={served}",
        f"--ServerApp.default_url={default_url(role)}",
        # Nothing is fetched at run time: no news feed, no update check.
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if role == "learner":
        # On the command line, so no config file of the user's can turn them back on.
        command += [
            f"--ServerApp.jpserver_extensions={ext}=False" for ext in NBGRADER_SERVER_EXTENSIONS
        ]
    if as_root:
        command.append("--allow-root")
    return command


def disabled_lab_plugins(role: str) -> list[str]:
    """JupyterLab plugins (or whole extensions) the role's page leaves out."""
    return [ANNOUNCEMENTS_PLUGIN] + ([NBGRADER_LABEXTENSION] if role == "learner" else [])


def write_private_config(
    folder: Path, token: str, role: str, nbgrader: dict[str, dict] | None = None
) -> None:
    """The server's secret and settings, in ``folder`` (a directory only the user can enter).

    ``folder`` goes on JUPYTER_CONFIG_PATH: the server reads ``jupyter_server_config.json``
    there, JupyterLab reads ``labconfig/page_config.json`` on every page load (which is why
    the folder lives as long as the server), and every nbgrader the server runs reads
    ``nbgrader_config.json`` (``nbgrader``, the exchange settings), whatever its folder.
    """
    secret = {"IdentityProvider": {"token": token}}
    fd = os.open(folder / "jupyter_server_config.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(secret, out)
    (folder / "labconfig").mkdir()
    page = {"disabledExtensions": {plugin: True for plugin in disabled_lab_plugins(role)}}
    (folder / "labconfig" / "page_config.json").write_text(json.dumps(page), encoding="utf-8")
    if nbgrader:
        (folder / "nbgrader_config.json").write_text(json.dumps(nbgrader), encoding="utf-8")


def exchange_settings(root: Path) -> dict[str, dict]:
    """The course id and exchange folders that the checkout's ``nbgrader_config.py`` sets.

    nbgrader's Assignment List reads its config from the folder it fetches into
    (``Exchange.assignment_dir``), not the course's: handing these to every nbgrader of
    the server is what lets it find the exchange.
    """
    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    except ConfigFileNotFound as err:
        raise FileNotFoundError(f"{root} has no nbgrader_config.py") from err
    exchange = config.get("Exchange", {})
    course_id = config.get("CourseDirectory", {}).get("course_id")
    if not exchange.get("root") or not course_id:
        raise ValueError(
            f"{root / 'nbgrader_config.py'} must set Exchange.root and CourseDirectory.course_id"
        )
    settings = {
        "root": str(exchange["root"]),
        "assignment_dir": str(exchange.get("assignment_dir", root)),
    }
    return {"Exchange": settings, "CourseDirectory": {"course_id": str(course_id)}}


def lab_env(environ: dict[str, str], config_dir: Path | None = None) -> dict[str, str]:
    """The server's environment, from ``environ``.

    PLOTLY_RENDERER is removed: JupyterLab renders plotly itself. This interpreter's bin
    directory goes first on PATH, so JupyterLab terminals find ``aws-course-check``.
    ``config_dir`` goes first on JUPYTER_CONFIG_PATH, which Jupyter ranks above every other
    config folder, the user's own included: its token and page settings win.
    """
    env = {k: v for k, v in environ.items() if k != "PLOTLY_RENDERER"}
    env["PATH"] = os.pathsep.join(filter(None, [str(Path(sys.executable).parent), env.get("PATH")]))
    if config_dir is not None:
        paths = [str(config_dir), env.get("JUPYTER_CONFIG_PATH")]
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, paths))
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


def prepare_learner(root: Path, ws: Path) -> None:
    """Create or update the learner's workspace, and say what changed."""
    first = not (ws / workspace.RECORD).exists()
    changes = workspace.sync(root, ws)
    workspace.write_makefile(ws)
    if first:
        print(f"Created your workspace {ws}: your copy of the course to work in.", flush=True)
    else:
        print(f"Your workspace: {ws}", flush=True)
    added = [c for c in changes if c.action == "added"]
    if len(added) > 3:
        print(f"  added     {len(added)} files from the course", flush=True)
        changes = [c for c in changes if c.action != "added"]
    for change in changes:
        print(f"  {change}", flush=True)


def prepare_instructor(root: Path) -> dict[str, dict]:
    """Create the exchange and fetch folders nbgrader_config.py names; return those settings.

    Without them formgrader warns that the exchange does not exist and the Assignment List
    fails ("Error fetching courses!").
    """
    settings = exchange_settings(root)
    Path(settings["Exchange"]["assignment_dir"]).mkdir(parents=True, exist_ok=True)
    exchange = Path(settings["Exchange"]["root"])
    if not exchange.is_dir():
        exchange.mkdir(parents=True)
        # The permissions nbgrader's release sets (students write into inbound/ as
        # themselves); set now, release does not warn that they are wrong.
        exchange.chmod(0o777)
        print(f"Created nbgrader's exchange {exchange}.", flush=True)
    return settings


def open_url(base: str, role: str, token: str) -> str:
    """The URL to open for a server at ``base`` (``http://host:port/``)."""
    return f"{base.rstrip('/')}{default_url(role)}?token={token}"


def serve(
    served: Path, role: str, ip: str, port: int, nbgrader: dict[str, dict] | None = None
) -> int:
    """Run JupyterLab on ``served`` until interrupted; return an exit code."""
    token = secrets.token_urlsafe(32)
    host = url_host(ip)
    config_dir = Path(tempfile.mkdtemp(prefix="aws-course-lab-", dir=labinstance.runtime_dir()))
    server = None
    try:
        write_private_config(config_dir, token, role, nbgrader)
        # A session of its own: a terminal's Ctrl-C reaches only this launcher, which then
        # stops the server with SIGTERM instead of its interactive "Shut down?" prompt.
        server = subprocess.Popen(
            lab_command(served, ip, port, role, as_root=os.geteuid() == 0),
            cwd=served,  # nbgrader's server extensions read nbgrader_config.py from here
            env=lab_env(dict(os.environ), config_dir),
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_launcher,  # safe: the launcher runs no other threads
        )
        base = f"http://{host}:{port}/"
        wait_until_ready(server, f"{base}api/status?token={token}", READY_TIMEOUT_S)
        print(f"\nThe course is ready. Open {open_url(base, role, token)}  (Ctrl-C stops it)")
        if role == "instructor":
            print(f"Formgrader: {base}formgrader?token={token}")
        print(flush=True)
        return server.wait()
    except KeyboardInterrupt:
        print("\nStopping JupyterLab ...", flush=True)
        return 0
    except (RuntimeError, TimeoutError) as err:
        print(f"error: {err}", file=sys.stderr, flush=True)
        return 1
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(config_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Serve the course for a role until interrupted; return an exit code."""
    parser = argparse.ArgumentParser(description="Serve the course in JupyterLab.")
    parser.add_argument("--port", type=int, default=8888, help="first port to try (8888)")
    parser.add_argument("--ip", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--role", choices=ROLES, default="learner", help="learner (default)")
    parser.add_argument(
        "--workspace",
        type=Path,
        help=f"the learner's folder (default ${workspace.ENV_VAR}, else workspace/ here)",
    )
    parser.add_argument("--root", type=Path, help="the course checkout (default: this one)")
    args = parser.parse_args(argv)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _interrupt)
    try:
        root = (args.root or repo_root()).resolve()
        if not (root / START_PAGE).is_file():
            raise FileNotFoundError(f"{root} is not a course checkout: it has no {START_PAGE}")
        if args.role == "learner":
            chosen = args.workspace or workspace.default_workspace(root)
            served = workspace.checked_workspace(root, chosen)
        else:
            served = root
        if not 1 <= args.port <= 65535:
            raise ValueError(f"port must be in 1..65535, got {args.port}")
        lock, running = labinstance.claim(served, labinstance.runtime_dir(), READY_TIMEOUT_S)
    except (FileNotFoundError, ValueError, workspace.WorkspaceError) as err:
        parser.error(str(err))
    except (KeyboardInterrupt, TimeoutError, OSError) as err:
        print(f"error: {err or 'interrupted'}", file=sys.stderr, flush=True)
        return 1
    if running is not None:
        url = open_url(running["url"], args.role, running["token"])
        print(
            f"JupyterLab already serves {served} (process {running['pid']}), so no second server "
            "is started on the same files.\n"
            f"\nThe course is ready. Open {url}  (stop it with Ctrl-C where it runs)\n",
            flush=True,
        )
        return 0
    try:
        nbgrader = None
        if args.role == "learner":
            prepare_learner(root, served)
        else:
            nbgrader = prepare_instructor(root)
        port = free_port(args.ip, args.port)
        if port != args.port:
            print(f"Port {args.port} is in use; using port {port}.", flush=True)
        return serve(served, args.role, args.ip, port, nbgrader)
    except (workspace.WorkspaceError, OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        os.close(lock)


if __name__ == "__main__":
    sys.exit(main())
