"""A throwaway Postgres cluster from Debian's package, in a folder, on a Unix socket only.

Used by ``make class`` (the demo hub's database and the gradebook) and by the tests. The
cluster listens on no TCP port (``listen_addresses=''``): only its socket, in the cluster's
own folder, reaches it. Every connection needs the superuser's password (SCRAM), made when
the cluster is made and kept in ``password`` (mode 0600) beside it: on a class's server
the learners' own Unix users reach the socket too, and must not reach the gradebook.
``initdb`` refuses to run as root, so as root the cluster is made and run by an
unprivileged user (``nobody`` by default); root still reaches the socket.

    python deploy/pgcluster.py start DIR   # prints the SQLAlchemy URL of database 'course'
    python deploy/pgcluster.py stop DIR
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

SUPERUSER = "course"
DEFAULT_RUN_AS = "nobody"
START_TIMEOUT_S = 60


class PostgresMissing(RuntimeError):
    """Debian's postgresql package (initdb, pg_ctl) is not installed."""


def server_bin() -> Path:
    """The newest installed ``/usr/lib/postgresql/<version>/bin`` with initdb and pg_ctl."""
    found = sorted(
        (Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    for folder in reversed(found):
        if (folder / "pg_ctl").exists():
            return folder
    raise PostgresMissing(
        "Debian's postgresql package is not installed (no /usr/lib/postgresql/*/bin/initdb): "
        "apt-get install postgresql"
    )


class Cluster:
    """A Postgres cluster in ``folder`` (data in ``data/``, the socket in ``socket/``, the
    superuser's password in ``password``)."""

    def __init__(self, folder: Path, run_as: str = DEFAULT_RUN_AS) -> None:
        self.folder = Path(folder).resolve()
        self.data = self.folder / "data"
        self.socket = self.folder / "socket"
        self.log = self.folder / "postgres.log"
        self.password_file = self.folder / "password"
        self.bin = server_bin()
        # As root, initdb and the server run as run_as; otherwise as the caller.
        self.user = pwd.getpwnam(run_as) if os.geteuid() == 0 else None

    def _unreachable(self) -> str:
        return (
            f"user {self.user.pw_name!r} cannot reach {self.folder}: every folder above it "
            "must be searchable by that user (chmod o+x), e.g. a folder made under /tmp"
        )

    def _run(self, *command: str, timeout: float = START_TIMEOUT_S, hint: str = "") -> None:
        prefix = ["runuser", "-u", self.user.pw_name, "--"] if self.user else []
        env = {**os.environ, "PGPASSWORD": self.password} if self.password_file.exists() else None
        done = subprocess.run(
            [*prefix, *command],
            capture_output=True, text=True, timeout=timeout, check=False, env=env,
        )  # fmt: skip
        if done.returncode != 0 and hint:
            raise RuntimeError(hint)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{Path(command[0]).name} failed (exit {done.returncode}): "
                f"{done.stderr.strip()[-2000:]}\n{log}"
            )

    def _own(self, path: Path) -> None:
        if self.user:
            os.chown(path, self.user.pw_uid, self.user.pw_gid)

    def start(self) -> Cluster:
        """Create the cluster (first time), start it, and create database ``course``."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._own(self.folder)
        if self.user:
            self._run("test", "-x", str(self.folder), hint=self._unreachable())
        if not (self.data / "PG_VERSION").exists():
            self._initdb()
            created = True
        elif not self.password_file.exists():
            raise RuntimeError(
                f"{self.data} holds a cluster without its password file {self.password_file} "
                "(made by an older version, which trusted every local user): remove "
                f"{self.folder} to make a new one"
            )
        else:
            created = False
        self.socket.mkdir(exist_ok=True)
        self._own(self.socket)
        options = f"-c listen_addresses='' -k {self.socket} -c max_connections=200"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
            "-o", options, "-w", "-t", str(START_TIMEOUT_S), "start",
        )  # fmt: skip
        if created:
            self.create_database("course")
        return self

    def _initdb(self) -> None:
        self.password_file.unlink(missing_ok=True)
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(24))
        # initdb, run as the cluster's user, reads the password from a file only it can read
        pwfile = self.folder / "initdb-password"
        shutil.copyfile(self.password_file, pwfile)
        os.chmod(pwfile, 0o600)
        self._own(pwfile)
        try:
            self._run(
                str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                f"--pwfile={pwfile}", "--auth=scram-sha-256", "--encoding=UTF8",
                "--no-instructions",
            )  # fmt: skip
        finally:
            pwfile.unlink(missing_ok=True)

    @property
    def password(self) -> str:
        """The superuser's password (read from the cluster's ``password`` file)."""
        return self.password_file.read_text().strip()

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def create_database(self, name: str) -> str:
        """Create database ``name``; returns its SQLAlchemy URL."""
        self._run(str(self.bin / "createdb"), "-h", str(self.socket), "-U", SUPERUSER, name)
        return self.url(name)

    def url(self, database: str = "course") -> str:
        """The SQLAlchemy URL (psycopg 3) of ``database`` over the Unix socket, with the
        password: give it only to whom may use the database (the hub, the instructor)."""
        return f"postgresql+psycopg://{SUPERUSER}:{self.password}@/{database}?host={self.socket}"

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    try:
        cluster = Cluster(args.folder)
        if args.action == "start":
            print(cluster.start().url())
        else:
            cluster.stop()
    except (PostgresMissing, RuntimeError, KeyError) as error:
        print(f"pgcluster: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
