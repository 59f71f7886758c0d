"""Ends every process a submission starts, where bubblewrap is not there to do it.

    python -I -m aws_compute_course.grading.reaper MODE COMMAND...
    python -I -m aws_compute_course.grading.reaper --probe

Runs COMMAND (the runner) and, when it ends or when the grader sends SIGTERM, makes sure
nothing it started is left, even a daemon that called ``setsid`` and forked twice:

* ``pidns``: COMMAND runs as process 1 of a new PID namespace (as root, or in a new user
  namespace where unprivileged ones are allowed). When it ends, the kernel kills every
  process left in the namespace; nothing in it can see or signal this process.
* ``subreaper``: this process is a child subreaper (``PR_SET_CHILD_SUBREAPER``), so orphans
  of COMMAND's descendants become its children instead of init's; it kills and reaps them
  until none is left. A submission that kills this process (its grandparent) before that
  can leave processes behind: the grader's warning says so.

``--probe`` prints the mode this machine allows. The exit status is COMMAND's: its code,
or death by the same signal.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys

CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
MODES = ("pidns", "subreaper")

_libc = ctypes.CDLL(None, use_errno=True)


def _unshare_pid() -> bool:
    """Make this process's next child the first of a new PID namespace; False if impossible."""
    if _libc.unshare(CLONE_NEWPID) == 0:
        return True
    uid, gid = os.getuid(), os.getgid()
    if _libc.unshare(CLONE_NEWUSER | CLONE_NEWPID) != 0:
        return False
    try:  # keep the same ids inside: no capabilities are gained
        with open("/proc/self/setgroups", "w") as fh:
            fh.write("deny")
        with open("/proc/self/uid_map", "w") as fh:
            fh.write(f"{uid} {uid} 1")
        with open("/proc/self/gid_map", "w") as fh:
            fh.write(f"{gid} {gid} 1")
    except OSError:
        return False
    return True


def probe() -> str:
    """The mode this machine allows (tried in a throwaway child)."""
    pid = os.fork()
    if pid == 0:
        os._exit(0 if _unshare_pid() else 1)
    _, status = os.waitpid(pid, 0)
    return "pidns" if os.waitstatus_to_exitcode(status) == 0 else "subreaper"


def _children() -> list[int]:
    """Processes whose parent is this one (orphans adopted as subreaper included)."""
    me, found = os.getpid(), []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # Field 4 is the parent's pid; the command name before it may hold spaces.
        if int(stat[stat.rindex(b")") + 2 :].split()[1]) == me:
            found.append(int(entry))
    return found


def _kill_all(first: int) -> None:
    """Kill ``first`` and every process adopted meanwhile, until this process has no child."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(first, signal.SIGKILL)
    while True:
        for pid in _children():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def main(argv: list[str]) -> int:
    if argv == ["--probe"]:
        print(probe())
        return 0
    mode, command = argv[0], argv[1:]
    if mode not in MODES or not command:
        print(f"usage: reaper {{{'|'.join(MODES)}}} COMMAND...", file=sys.stderr)
        return 2
    if mode == "pidns" and not _unshare_pid():
        print("reaper: cannot create a PID namespace", file=sys.stderr)
        return 2
    if mode == "subreaper":
        _libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    started: list[int] = []

    def stop(*_: object) -> None:  # the grader's stop(): end everything, then this process
        if started:
            _kill_all(started[0])
        os._exit(128 + signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    # SIGTERM waits until the child is known here and tied to this process's life.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    child = os.fork()
    if child == 0:
        try:
            os.setsid()  # its own group: a kill(0, ...) in the submission cannot reach here
            _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
            os.execv(command[0], command)
        finally:
            os._exit(127)
    started.append(child)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    status = None
    while status is None:
        try:
            pid, raw = os.waitpid(-1, 0)
        except ChildProcessError:
            break
        if pid == child:
            status = raw
    _kill_all(child)
    if status is not None and os.WIFSIGNALED(status):
        signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
        os.kill(os.getpid(), os.WTERMSIG(status))
    return os.waitstatus_to_exitcode(status) if status is not None else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
