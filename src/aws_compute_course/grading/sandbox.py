"""Run the grading runner under limits, in bubblewrap when it works here.

In bubblewrap a submission sees a read-only system (``/usr``, the Python installation, the
virtual environment and this package's source), an empty ``/tmp``, its own scratch folder,
no network and no other process. Nothing else of the host is mounted: no ``solutions/``,
no gradebook, no other submission. Without bubblewrap the same limits and scratch folder
apply, and the runner starts under :mod:`reaper`, which ends every process the submission
starts (in a PID namespace where one can be made), but the submission can read and write
what the grader's user can: :func:`isolation` says exactly which mode is in force and what
it leaves unprotected, and the grader warns loudly about the partial one.
"""

from __future__ import annotations

import contextlib
import functools
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aws_compute_course

PACKAGE_SRC = Path(aws_compute_course.__file__).resolve().parent.parent
SANDBOX_HOME = "/submission"
MB = 1024 * 1024


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
    submission_mb: int = 25  # a bigger submitted notebook is ungradable, unread
    max_cells: int = 2_000  # so is one with more cells

    def __post_init__(self) -> None:
        for name in (
            "memory_mb",
            "cpu_seconds",
            "processes",
            "file_size_mb",
            "output_chars",
            "submission_mb",
            "max_cells",
        ):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise ValueError(f"{name} must be an integer >= 1, got {v!r}")
        for name in ("cell_seconds", "notebook_seconds"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | float) or not v > 0:
                raise ValueError(f"{name} must be a number > 0, got {v!r}")


SEED = "/seed"


def _bwrap_command(scratch: Path, limits: Limits) -> list[str]:
    """bubblewrap's arguments: what the submission sees, and nothing else.

    The host's scratch folder is mounted read-only at /seed (the job and the files the
    notebook may open); the runner copies them into its working folder, a size-capped
    tmpfs, so nothing the submission writes reaches the host's disk or outlives it.
    """
    tmpfs_bytes = str(max(16, limits.memory_mb // 4) * MB)
    command = [
        "bwrap", "--unshare-all", "--unshare-user", "--disable-userns",
        "--die-with-parent", "--new-session",
        # Run by root, bwrap keeps root's capabilities inside: drop them all, or a
        # submission could remount the read-only binds writable.
        "--cap-drop", "ALL",
        "--ro-bind", "/usr", "/usr",
        "--proc", "/proc", "--dev", "/dev",
        "--size", tmpfs_bytes, "--tmpfs", "/tmp",
        "--size", tmpfs_bytes, "--tmpfs", SANDBOX_HOME,
        "--ro-bind", str(scratch), SEED,
        "--chdir", SANDBOX_HOME,
        "--setenv", "HOME", SANDBOX_HOME, "--setenv", "TMPDIR", "/tmp",
    ]  # fmt: skip
    for link in ("bin", "lib", "lib64", "sbin"):
        target = Path("/", link)
        if target.is_symlink():
            command += ["--symlink", os.readlink(target), f"/{link}"]
        elif target.is_dir():
            command += ["--ro-bind", str(target), f"/{link}"]
    for etc in ("/etc/ld.so.cache", "/etc/localtime", "/etc/nsswitch.conf", "/etc/passwd"):
        if Path(etc).exists():
            command += ["--ro-bind", etc, etc]
    for path in sorted({sys.base_prefix, sys.prefix, str(PACKAGE_SRC)}):
        if not path.startswith("/usr/"):
            command += ["--ro-bind", path, path]
    return [*command, "--remount-ro", "/"]


@functools.cache
def bubblewrap_works() -> str | None:
    """None when bubblewrap can build the sandbox here, else why not."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    probe = subprocess.run(
        [
            *_bwrap_command(Path("/tmp"), Limits()),
            sys.executable,
            "-c",
            "import aws_compute_course",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if probe.returncode != 0:
        return f"bwrap cannot create the sandbox: {probe.stderr.strip()[:300]}"
    return None


@functools.cache
def reaper_mode() -> str:
    """How processes are ended without bubblewrap: "pidns" or "subreaper" (see :mod:`reaper`)."""
    probe = subprocess.run(
        [sys.executable, "-I", "-m", "aws_compute_course.grading.reaper", "--probe"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return "pidns" if probe.stdout.strip() == "pidns" else "subreaper"


def isolation(use_sandbox: bool = True) -> tuple[bool, str]:
    """(full isolation?, a sentence saying what the mode in force protects and what not)."""
    why = "sandbox disabled (--no-sandbox)" if not use_sandbox else bubblewrap_works()
    if why is None:
        mode = "bubblewrap: no network, read-only system, only the submission's scratch copy"
        return True, f"{mode}; {cgroup_limits()}"
    groups = cgroup_limits()
    if reaper_mode() == "pidns":
        ends = "every process a submission starts ends with its grading (a PID namespace)"
        signals = ""
    elif "pids cgroup" in groups:
        ends = "every process a submission starts ends with its grading (its pids cgroup)"
        signals = ", and signal this user's other processes"
    else:
        ends = (
            "processes a submission starts end with its grading unless it first kills "
            "its supervisor (no PID namespace, no pids cgroup)"
        )
        signals = ", and signal this user's other processes"
    return False, (
        f"PARTIAL isolation, {why}. NOT protected: a submission can read and write every "
        f"file this user can (solutions/, the gradebook, other submissions), use the "
        f"network{signals}. Still in force: {groups}; a scratch working folder; {ends}"
    )


CGROUP_V1 = Path("/sys/fs/cgroup")


def _own_cgroup(controller: str) -> str:
    """This process's cgroup path in a v1 ``controller`` hierarchy ("/" when unknown)."""
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            if controller in controllers.split(","):
                return path
    except (OSError, ValueError):
        pass
    return "/"


def _child_cgroup(controller: str, settings: dict[str, str]) -> Path | None:
    """A new cgroup below ours in a v1 ``controller`` hierarchy, with ``settings`` written."""
    base = CGROUP_V1 / controller / _own_cgroup(controller).lstrip("/")
    if not (base / "cgroup.procs").exists():
        return None
    try:
        group = Path(tempfile.mkdtemp(prefix="aws-course-grader-", dir=base))
    except OSError:
        return None
    try:
        for name, value in settings.items():
            (group / name).write_text(value)
        return group
    except OSError:
        with contextlib.suppress(OSError):
            group.rmdir()
        return None


@dataclass(frozen=True)
class Cgroups:
    """The cgroups one submission runs in: a process cap, a memory cap for all its processes.

    RLIMIT_NPROC does not bind root (bubblewrap run by root maps to root), and RLIMIT_AS is
    per process, so where this user may make cgroups they carry these limits; they also
    let the grader kill every process a submission started, even ones that left its
    session. Where none can be made the rlimits are all there is.
    """

    groups: tuple[Path, ...] = ()

    @classmethod
    def make(cls, limits: Limits) -> Cgroups:
        made = (
            _child_cgroup("pids", {"pids.max": str(limits.processes)}),
            _child_cgroup("memory", {"memory.limit_in_bytes": str(limits.memory_mb * MB)}),
        )
        return cls(tuple(g for g in made if g is not None))

    def enter(self) -> None:
        """Move the calling process in (runs in the child before exec)."""
        for group in self.groups:
            (group / "cgroup.procs").write_text(str(os.getpid()))

    def release(self) -> None:
        """Kill whatever is left in the groups and remove them."""
        for group in self.groups:
            for _ in range(100):
                try:
                    pids = [int(p) for p in (group / "cgroup.procs").read_text().split()]
                except OSError:
                    break
                if not pids:
                    break
                for pid in pids:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(pid, 9)
                time.sleep(0.02)
            with contextlib.suppress(OSError):
                group.rmdir()


@functools.cache
def cgroup_limits() -> str:
    """Which limits cgroups enforce here, in a few words."""
    probe = Cgroups.make(Limits())
    found = {g.relative_to(CGROUP_V1).parts[0] for g in probe.groups}
    probe.release()
    notes = []
    notes.append(
        "processes capped by a pids cgroup"
        if "pids" in found
        else (
            "NO process cap (root without a pids cgroup; wall-time limits still apply)"
            if os.geteuid() == 0
            else "processes capped by RLIMIT_NPROC"
        )
    )
    notes.append(
        "total memory capped by a memory cgroup"
        if "memory" in found
        else "memory capped per process (RLIMIT_AS)"
    )
    return "; ".join(notes)


def _limit_resources(limits: Limits, groups: Cgroups) -> None:
    """Runs in the child between fork and exec."""
    os.setsid()
    groups.enter()
    mb = MB
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


def start(scratch: Path, limits: Limits, sandboxed: bool) -> tuple[subprocess.Popen, int, Cgroups]:
    """Start the runner on the files in ``scratch``: the process, its channel, its cgroups.

    The caller writes the signing key and the job to the process's stdin, then closes it.
    """
    groups = Cgroups.make(limits)
    read_fd, write_fd = os.pipe()
    # -I: neither the working folder (the submission's files) nor PYTHON* variables can
    # change what the runner imports.
    runner = [sys.executable, "-I", "-m", "aws_compute_course.grading.runner"]
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
        command = [*_bwrap_command(scratch, limits), *runner, SEED, str(write_fd)]
    else:
        reaper = [sys.executable, "-I", "-m", "aws_compute_course.grading.reaper", reaper_mode()]
        command = [*reaper, *runner, str(scratch), str(write_fd)]
    process = subprocess.Popen(
        command,
        cwd=scratch,
        env=env,
        pass_fds=(write_fd,),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: _limit_resources(limits, groups),
    )
    os.close(write_fd)
    return process, read_fd, groups


def stop(process: subprocess.Popen, groups: Cgroups = Cgroups()) -> None:
    """Kill the runner and everything it started (its session, namespace, cgroup, adoptees).

    Outside bubblewrap the reaper gets a moment to end what the submission started (its
    SIGTERM handler); then the whole session is killed.
    """
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    groups.release()
