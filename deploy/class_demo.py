"""``make class``: the course's JupyterHub on this machine, for a demonstration.

Starts a throwaway Postgres cluster (the hub's database and nbgrader's gradebook), makes
nbgrader's exchange, and runs JupyterHub with deploy/jupyterhub_config.py on loopback with
a few demo users who share one printed password. Ctrl-C stops the hub and Postgres; the
state folder (homes, exchange, database) is kept for the next run unless it was temporary.

Not for a real class: the demo login lets anyone who knows the password in, and the demo
users' servers all run as this user. README "Running a class" says what to change.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
sys.path.insert(0, str(DEPLOY))

import pgcluster  # noqa: E402 (a sibling script, found through the path set just above)

DEMO_USERS = ("instructor", "learner1", "learner2", "learner3")


def missing_programs() -> list[str]:
    """What the hub needs from the system and cannot find, with how to install it."""
    missing = []
    proxy = shutil.which("configurable-http-proxy")
    if proxy is None:
        missing.append("configurable-http-proxy (npm install -g configurable-http-proxy)")
    else:  # npm installs it on any Node; it runs only on one recent enough
        done = subprocess.run(
            [proxy, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
        if done.returncode != 0:
            error = (done.stderr.strip().splitlines() or ["no message"])[-1]
            missing.append(f"a configurable-http-proxy that runs ({proxy} --version: {error})")
    try:
        pgcluster.server_bin()
    except pgcluster.PostgresMissing:
        missing.append("postgresql (apt-get install postgresql)")
    return missing


def prepare(state: Path, users: tuple[str, ...], password: str) -> tuple[pgcluster.Cluster, dict]:
    """Start Postgres in ``state``, make the databases and the exchange; the hub's environment.

    ``users[0]`` is the instructor: their course folder is made in their home.
    """
    state.mkdir(parents=True, exist_ok=True)
    os.chmod(state, 0o711)  # the Postgres server's user must reach its folder inside
    cluster = pgcluster.Cluster(state / "postgres").start()
    hub_db, gradebook = cluster.url("jupyterhub"), cluster.url("gradebook")
    existing = _databases(cluster)
    for name in ("jupyterhub", "gradebook"):
        if name not in existing:
            cluster.create_database(name)
    exchange = state / "exchange"
    exchange.mkdir(exist_ok=True)
    os.chmod(exchange, 0o1777)  # what nbgrader's exchange needs: everyone writes, sticky bit
    # The instructor's course folder, inside their home as formgrader requires; a copy, so the
    # repository's own autograder/ stays clean.
    grading = state / "home" / users[0] / "grading"
    for folder in ("solutions", "exercises"):
        if not (grading / folder).exists():
            shutil.copytree(DEPLOY.parent / folder, grading / folder)
    env = {
        **os.environ,
        "COURSE_GRADING_ROOT": str(grading),
        "COURSE_DEMO": "1",
        "COURSE_DEMO_USERS": ",".join(users),
        "COURSE_INSTRUCTORS": users[0],
        "COURSE_DEMO_PASSWORD": password,
        "COURSE_HUB_STATE": str(state),
        "COURSE_EXCHANGE": str(exchange),
        "COURSE_HUB_DB_URL": hub_db,
        "COURSE_GRADEBOOK_URL": gradebook,
    }
    return cluster, env


def _databases(cluster: pgcluster.Cluster) -> set[str]:
    import sqlalchemy

    engine = sqlalchemy.create_engine(cluster.url("course"))
    try:
        with engine.connect() as connection:
            names = connection.execute(sqlalchemy.text("SELECT datname FROM pg_database"))
            return set(names.scalars())
    finally:
        engine.dispose()


def hub_command(state: Path) -> list[str]:
    return [
        str(Path(sys.executable).with_name("jupyterhub")),
        "-f",
        str(DEPLOY / "jupyterhub_config.py"),
        "--JupyterHub.pid_file=" + str(state / "jupyterhub.pid"),
    ]


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state", type=Path, default=None, help="keep the hub's state here")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    missing = missing_programs()
    if missing:
        print("make class needs: " + "; ".join(missing), file=sys.stderr)
        return 2
    state = args.state or Path(tempfile.mkdtemp(prefix="aws-course-hub-"))
    password = secrets.token_urlsafe(9)
    cluster, env = prepare(state.resolve(), DEMO_USERS, password)
    env["COURSE_HUB_URL"] = f"http://127.0.0.1:{args.port}"
    print(
        f"\nThe course's JupyterHub: http://127.0.0.1:{args.port}/\n"
        f"  users: {', '.join(DEMO_USERS)} (instructor has formgrader)\n"
        f"  password (every demo user): {password}\n"
        f"  state: {state} (hub and gradebook in Postgres: "
        f"{env['COURSE_GRADEBOOK_URL'].replace(cluster.password, '***')}, password in "
        f"{cluster.password_file})\n"
        "  grade from the instructor's terminal: "
        'aws-course-grade spot --root "$AWS_COURSE_GRADING_ROOT" --db "$AWS_COURSE_GRADEBOOK_URL"\n'
        "Ctrl-C stops it.\n",
        flush=True,
    )
    signal.signal(signal.SIGTERM, _interrupt)  # `kill`, or a timeout, stops it as Ctrl-C does
    hub = subprocess.Popen(hub_command(state), env=env, cwd=state)
    try:
        return hub.wait()
    except KeyboardInterrupt:
        return stop_hub(hub)
    finally:
        stop_hub(hub)  # before Postgres: a hub whose database vanished hangs on the way out
        cluster.stop()
        if args.state is None:
            shutil.rmtree(state, ignore_errors=True)


def stop_hub(hub: subprocess.Popen, grace_s: float = 30) -> int:
    """Stop the hub as Ctrl-C does (it stops the proxy, the culler and the servers)."""
    if hub.poll() is None:
        hub.send_signal(signal.SIGINT)
        try:
            hub.wait(grace_s)
        except subprocess.TimeoutExpired:
            hub.kill()
    return hub.wait()


if __name__ == "__main__":
    sys.exit(main())
