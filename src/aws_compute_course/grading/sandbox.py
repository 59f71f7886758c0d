"""Run the grading runner under limits, in bubblewrap when it works here.

In bubblewrap a submission sees a read-only system (``/usr``, the Python installation, the
virtual environment and this package's source), an empty ``/tmp``, its own scratch folder,
no network and no other process. Nothing else of the host is mounted: no ``solutions/``,
no gradebook, no other submission. Without bubblewrap the same limits and scratch folder
apply, but the submission can read what the grader's user can read: :func:`isolation` says
which mode is in force, and the grader warns loudly about the partial one.
"""

from __future__ import annotations

import contextlib
import functools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aws_compute_course

PACKAGE_SRC = Path(aws_compute_course.__file__).resolve().parent.parent
SANDBOX_HOME = "/submission"


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission (per process where the OS counts per process)."""

    memory_mb: int = 2048
    cpu_seconds: int = 120
    processes: int = 512
    file_size_mb: int = 64
    output_chars: int = 65_536
    cell_seconds: float = 30.0
    notebook_seconds: float = 300.0

    def __post_init__(self) -> None:
        for name in ("memory_mb", "cpu_seconds", "processes", "file_size_mb", "output_chars"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise ValueError(f"{name} must be an integer >= 1, got {v!r}")
        for name in ("cell_seconds", "notebook_seconds"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | float) or not v > 0:
                raise ValueError(f"{name} must be a number > 0, got {v!r}")


def _bwrap_command(scratch: Path) -> list[str]:
    binds = [sys.base_prefix, sys.prefix, str(PACKAGE_SRC)]
    command = [
        "bwrap",
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--ro-bind",
        "/usr",
        "/usr",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--tmpfs",
        "/tmp",
        "--bind",
        str(scratch),
        SANDBOX_HOME,
        "--chdir",
        SANDBOX_HOME,
        "--setenv",
        "HOME",
        SANDBOX_HOME,
        "--setenv",
        "TMPDIR",
        "/tmp",
    ]
    for link in ("bin", "lib", "lib64", "sbin"):
        target = Path("/", link)
        if target.is_symlink():
            command += ["--symlink", os.readlink(target), f"/{link}"]
        elif target.is_dir():
            command += ["--ro-bind", str(target), f"/{link}"]
    for etc in ("/etc/ld.so.cache", "/etc/localtime", "/etc/nsswitch.conf", "/etc/passwd"):
        if Path(etc).exists():
            command += ["--ro-bind", etc, etc]
    for path in sorted(set(binds)):
        if not path.startswith("/usr/"):
            command += ["--ro-bind", path, path]
    return command


@functools.cache
def bubblewrap_works() -> str | None:
    """None when bubblewrap can build the sandbox here, else why not."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    probe = subprocess.run(
        [*_bwrap_command(Path("/tmp")), sys.executable, "-c", "import aws_compute_course"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if probe.returncode != 0:
        return f"bwrap cannot create the sandbox: {probe.stderr.strip()[:300]}"
    return None


def isolation(use_sandbox: bool = True) -> tuple[bool, str]:
    """(full isolation?, a sentence describing the mode in force)."""
    if not use_sandbox:
        return False, (
            f"sandbox disabled (--no-sandbox): limits and a scratch copy only; {process_limit()}"
        )
    why = bubblewrap_works()
    if why is None:
        mode = "bubblewrap: no network, read-only system, only the submission's scratch copy"
        return True, f"{mode}; {process_limit()}"
    return False, f"PARTIAL isolation, {why}: limits and a scratch copy only; {process_limit()}"


PIDS_ROOTS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))


def process_cgroup(processes: int) -> Path | None:
    """A new pids cgroup capped at ``processes``, where this user may make one, else None.

    RLIMIT_NPROC does not bind root (and bubblewrap run by root maps to root), so the
    process limit comes from a cgroup when one can be made; the cgroup also lets the
    grader kill every process a submission started, even ones that left its session.
    """
    for base in PIDS_ROOTS:
        if not (base / "cgroup.procs").exists():
            continue  # not a cgroup hierarchy (e.g. the tmpfs above cgroup v1 controllers)
        try:
            group = Path(tempfile.mkdtemp(prefix="aws-course-grader-", dir=base))
        except OSError:
            continue
        try:
            if not (group / "pids.max").exists():
                raise OSError("no pids controller here")
            (group / "pids.max").write_text(str(processes))
            return group
        except OSError:
            with contextlib.suppress(OSError):
                group.rmdir()
    return None


@functools.cache
def process_limit() -> str:
    """How the process limit is enforced here, in a few words."""
    group = process_cgroup(1)
    if group is not None:
        release_cgroup(group)
        return "processes capped by a pids cgroup"
    if os.geteuid() == 0:
        return "NO process cap (root without a pids cgroup; wall-time limits still apply)"
    return "processes capped by RLIMIT_NPROC"


def release_cgroup(group: Path | None) -> None:
    """Kill whatever is left in ``group`` and remove it."""
    if group is None:
        return
    for _ in range(50):
        try:
            pids = [int(p) for p in (group / "cgroup.procs").read_text().split()]
        except OSError:
            return
        if not pids:
            break
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, 9)
        time.sleep(0.02)
    with contextlib.suppress(OSError):
        group.rmdir()


def _limit_resources(limits: Limits, group: Path | None) -> None:
    """Runs in the child between fork and exec."""
    os.setsid()
    if group is not None:
        (group / "cgroup.procs").write_text(str(os.getpid()))
    mb = 1024 * 1024
    for which, value in (
        (resource.RLIMIT_AS, limits.memory_mb * mb),
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_FSIZE, limits.file_size_mb * mb),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NPROC, limits.processes),
    ):
        _soft, hard = resource.getrlimit(which)
        cap = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(which, (cap, cap))


def start(
    job: Path, scratch: Path, limits: Limits, sandboxed: bool
) -> tuple[subprocess.Popen, int, Path | None]:
    """Start the runner on ``job``: the process, the read end of its channel, its cgroup."""
    group = process_cgroup(limits.processes)
    read_fd, write_fd = os.pipe()
    runner = [sys.executable, "-m", "aws_compute_course.grading.runner"]
    env = {
        "PATH": os.defpath,
        "HOME": str(scratch),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "Agg",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PLOTLY_RENDERER": "json",
    }
    if sandboxed:
        job_arg = f"{SANDBOX_HOME}/{job.name}"
        command = [*_bwrap_command(scratch), *runner, job_arg, str(write_fd)]
    else:
        command = [*runner, str(job), str(write_fd)]
    process = subprocess.Popen(
        command,
        cwd=scratch,
        env=env,
        pass_fds=(write_fd,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: _limit_resources(limits, group),
    )
    os.close(write_fd)
    return process, read_fd, group


def stop(process: subprocess.Popen, group: Path | None = None) -> None:
    """Kill the runner and everything it started (its session, and its cgroup if any)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, 9)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    release_cgroup(group)
