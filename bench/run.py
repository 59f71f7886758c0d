"""Benchmarks: ``make bench`` prints one JSON object per line, ``{"bench": name, ...}``.

Each benchmark is a function registered with ``@bench("topic.name")`` that returns its
figures as a dict; it measures a baseline in the same run where one makes sense, because
the machine is shared and noisy. Every registered explorable has one,
``<topic>.<explorable>.update``. ``--only NAME`` (repeatable) runs a subset; ``--list``
shows the names.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from aws_compute_course.widgets import Registered, control_changes, recorded_comms, registered

ROOT = Path(__file__).resolve().parent.parent
BENCHES: dict[str, Callable[[], dict]] = {}


def bench(name: str) -> Callable[[Callable[[], dict]], Callable[[], dict]]:
    """Register a benchmark under a dotted name."""

    def register(fn: Callable[[], dict]) -> Callable[[], dict]:
        BENCHES[name] = fn
        return fn

    return register


def _ms(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile of durations in seconds, in milliseconds."""
    return (
        round(1000 * statistics.median(samples), 3),
        round(1000 * float(np.percentile(samples, 95)), 3),
    )


# --- explorables --------------------------------------------------------------------------


def explorer_update(entry: Registered, n: int = 200, warmup: int = 20) -> dict:
    """One control change of a registered explorable (its default arguments), from the
    change to the messages its widgets send, packed as a kernel packs them; the changes are
    the contract test's, generated from the controls. Baseline: the explorable's pure view
    alone, on the same values, right after each change."""
    update_s, view_s, sent = [], [], []
    with recorded_comms() as log:
        explorer = entry.make()
        for i, (name, value) in enumerate(control_changes(explorer, warmup + n, seed=0)):
            control, before = explorer.controls[name], len(log)
            t0 = time.perf_counter()
            control.value = value
            t1 = time.perf_counter()
            explorer.view(**explorer.values())
            t2 = time.perf_counter()
            if i >= warmup:
                update_s.append(t1 - t0)
                view_s.append(t2 - t1)
                sent.append(sum(m.nbytes for m in log[before:]))
        explorer.close()
    median, p95 = _ms(update_s)
    view_median, view_p95 = _ms(view_s)
    return {
        "n": len(update_s),
        "median_ms": median,
        "p95_ms": p95,
        "view_only_median_ms": view_median,
        "view_only_p95_ms": view_p95,
        "sent_kb_median": round(statistics.median(sent) / 1024, 1),
        "sent_kb_max": round(max(sent) / 1024, 1),
    }


for _entry in registered():
    bench(f"{_entry.id}.update")(functools.partial(explorer_update, _entry))


def _topic_benchmarks() -> None:
    """Register the model-only benchmarks a topic keeps in ``bench/topic_<id>.py``.

    Each such file defines ``benchmarks() -> {name: function returning its figures}``; the
    names are prefixed with the topic id (``route53.resolve``).
    """
    for path in sorted(Path(__file__).parent.glob("topic_*.py")):
        topic = path.stem.removeprefix("topic_")
        spec = importlib.util.spec_from_file_location(f"bench_{topic}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, fn in module.benchmarks().items():
            bench(name if name.startswith(f"{topic}.") else f"{topic}.{name}")(fn)


_topic_benchmarks()


# --- tests --------------------------------------------------------------------------------


def _class_of_submissions(root: Path, n: int) -> dict[str, str]:
    """A temporary Spot course with ``n`` submissions: correct, wrong, blank and broken."""
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder / "spot", root / folder / "spot")
    solution = (ROOT / "solutions" / "spot" / "spot.ipynb").read_text()
    kinds = {
        "correct": solution,
        "partly_wrong": (
            ROOT / "tests" / "submissions" / "spot" / "partly_wrong.ipynb"
        ).read_text(),
        "blank": (ROOT / "exercises" / "spot" / "spot.ipynb").read_text(),
        "truncated": solution[: len(solution) // 2],
    }
    names = list(kinds)
    made = {}
    for i in range(n):
        kind = names[i % len(names)]
        folder = root / "autograder" / "submitted" / f"s{i:02d}" / "spot"
        folder.mkdir(parents=True)
        (folder / "spot.ipynb").write_text(kinds[kind])
        made[f"s{i:02d}"] = kind
    return made


def _nbclient_floor(paths: list[Path], workers: int) -> float:
    """Execute the notebooks with nbclient alone (a kernel each), ``workers`` at a time."""
    import nbformat
    from nbclient import NotebookClient

    def execute(path: Path) -> None:
        try:
            nb = nbformat.read(path, as_version=4)
        except nbformat.reader.NotJSONError:
            return
        NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(execute, paths))
    return time.perf_counter() - t0


@bench("grading.throughput")
def grading_throughput(n: int = 24) -> dict:
    """Our grader vs ``nbgrader autograde`` vs the nbclient floor, same submissions, same run."""
    import io
    import tempfile

    from aws_compute_course.assignments import AssignmentError, run_nbgrader
    from aws_compute_course.grading import batch, sandbox

    workers = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as ours_dir, tempfile.TemporaryDirectory() as theirs_dir:
        kinds = _class_of_submissions(Path(ours_dir), n)
        _class_of_submissions(Path(theirs_dir), n)
        t0 = time.perf_counter()
        batch.grade_class(
            batch.Course(Path(ours_dir), "spot"),
            workers=workers,
            out=io.StringIO(),
            err=io.StringIO(),
        )
        ours = time.perf_counter() - t0
        run_nbgrader(["generate_assignment", "spot", "--force"], Path(theirs_dir))
        t0 = time.perf_counter()
        try:
            run_nbgrader(["autograde", "spot", "--force"], Path(theirs_dir), timeout=None)
            nbgrader_ok = True
        except AssignmentError:  # nbgrader exits 1 when any submission failed, after the rest
            nbgrader_ok = False
        theirs = time.perf_counter() - t0
        submitted = sorted(Path(ours_dir).glob("autograder/submitted/*/spot/spot.ipynb"))
        floor = _nbclient_floor(submitted, workers)
    return {
        "submissions": n,
        "mix": {k: list(kinds.values()).count(k) for k in sorted(set(kinds.values()))},
        "workers": workers,
        "sandbox": sandbox.isolation()[0],
        "ours_s": round(ours, 2),
        "nbgrader_s": round(theirs, 2),
        "nbgrader_exit_ok": nbgrader_ok,
        "floor_s": round(floor, 2),
        "speedup_vs_nbgrader": round(theirs / ours, 2),
        "ours_over_floor": round(ours / floor, 2),
    }


FIXTURES = ROOT / "tests" / "grading_fixtures" / "spot"
# Cases that would damage this checkout or machine under a grader without a sandbox.
NOT_UNDER_NBGRADER = {
    "attack_write_outside.ipynb": "writes files into this repository",
    "attack_remount_rw.ipynb": "writes a file into the package source",
}


@contextlib.contextmanager
def _listener(port: int | None) -> Iterator[None]:
    if port is None:
        yield
        return
    import socket

    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", port))
        server.listen(8)
        yield


def _nbgrader_score(course: Path, student: str) -> float | None:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{course / 'autograder' / 'gradebook.db'}") as gb:
        try:
            return float(gb.find_submission("spot", student).score)
        except MissingEntry:
            return None


@bench("grading.fixtures_vs_nbgrader")
def grading_fixtures_vs_nbgrader() -> dict:
    """Every hostile/broken fixture through our grader and through ``nbgrader autograde``.

    A case is right when the score equals the expected one (or, for "ungradable", when no
    score is recorded). nbgrader runs each case on its own, with a 2 GiB address-space limit
    and a 10 s cell timeout so that the machine survives; two cases are not run under it.
    """
    import io
    import resource
    import tempfile

    from aws_compute_course.assignments import nbgrader_env, repo_root
    from aws_compute_course.grading import batch, sandbox

    cases = json.loads((FIXTURES / "cases.json").read_text())
    rows = []
    with tempfile.TemporaryDirectory() as ours_dir, tempfile.TemporaryDirectory() as theirs_dir:
        ours_root, theirs_root = Path(ours_dir), Path(theirs_dir)
        for root in (ours_root, theirs_root):
            for folder in ("solutions", "exercises"):
                shutil.copytree(ROOT / folder / "spot", root / folder / "spot")
            for name in cases:
                student = name.removesuffix(".ipynb")
                target = root / "autograder" / "submitted" / student / "spot"
                target.mkdir(parents=True)
                shutil.copy(FIXTURES / name, target / "spot.ipynb")
        results = {}
        for name, case in cases.items():
            student = name.removesuffix(".ipynb")
            limits = sandbox.Limits(
                cell_seconds=10, notebook_seconds=60, memory_mb=case.get("memory_mb", 2048)
            )
            with _listener(case.get("listen_port")):
                (res,) = batch.grade_class(
                    batch.Course(ours_root, "spot"),
                    students=[student],
                    workers=1,
                    limits=limits,
                    out=io.StringIO(),
                    err=io.StringIO(),
                )
            results[name] = None if res.ungradable else res.score
        env = nbgrader_env() | {"PLOTLY_RENDERER": "plotly_mimetype"}
        base = [sys.executable, "-m", "nbgrader"]
        course_args = [
            f"--CourseDirectory.root={theirs_root}",
            f"--CourseDirectory.db_url=sqlite:///{theirs_root / 'autograder' / 'gradebook.db'}",
        ]
        subprocess.run(
            [*base, "generate_assignment", "spot", "--force", *course_args],
            cwd=repo_root(),
            env=env,
            capture_output=True,
            check=True,
        )

        def cap_memory() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

        for name, case in cases.items():
            student = name.removesuffix(".ipynb")
            expected = case.get("score")
            ours = results[name]
            row = {
                "case": name.removesuffix(".ipynb"),
                "expected": expected if case["expect"] == "score" else "ungradable",
                "ours": ours if ours is not None else "ungradable",
            }
            row["ours_ok"] = ours == expected if case["expect"] == "score" else ours is None
            if name in NOT_UNDER_NBGRADER:
                row.update(nbgrader=f"not run: {NOT_UNDER_NBGRADER[name]}", nbgrader_ok=None)
                rows.append(row)
                continue
            with _listener(case.get("listen_port")):
                subprocess.run(
                    [
                        *base,
                        "autograde",
                        "spot",
                        "--force",
                        f"--student={student}",
                        "--ExecutePreprocessor.timeout=10",
                        *course_args,
                    ],
                    cwd=repo_root(),
                    env=env,
                    capture_output=True,
                    timeout=600,
                    preexec_fn=cap_memory,
                    check=False,
                )
            theirs = _nbgrader_score(theirs_root, student)
            row["nbgrader"] = theirs if theirs is not None else "no score"
            row["nbgrader_ok"] = theirs == expected if case["expect"] == "score" else theirs is None
            rows.append(row)
    return {
        "cases": len(rows),
        "ours_right": sum(bool(r["ours_ok"]) for r in rows),
        "nbgrader_right": sum(bool(r["nbgrader_ok"]) for r in rows),
        "nbgrader_not_run": sum(r["nbgrader_ok"] is None for r in rows),
        "rows": rows,
    }


def _browser_benchmarks() -> None:
    """Register bench/browser.py's benchmarks (a real browser: JupyterLab in Chromium)."""
    spec = importlib.util.spec_from_file_location(
        "bench_browser", Path(__file__).with_name("browser.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, fn in module.benchmarks().items():
        bench(name)(fn)


_browser_benchmarks()


@bench("tests.notebook_phase")
def tests_notebook_phase() -> dict:
    """Wall time of the notebook tests as ``make test`` runs them (a subprocess)."""
    workers = len(os.sched_getaffinity(0))
    cmd = [sys.executable, "-m", "pytest", "-m", "notebooks", "-n", str(workers)]
    cmd += ["--dist", "loadfile", "--nbval", "tests", "course", "solutions"]
    cmd += ["-q", "-p", "no:cacheprovider"]
    env = os.environ | {"PLOTLY_RENDERER": "plotly_mimetype"}
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    lines = done.stdout.strip().splitlines()
    return {
        "wall_s": round(wall, 2),
        "workers": workers,
        "exit_code": done.returncode,
        "summary": lines[-1] if lines else "",
        "failed": [
            line.split(" ", 1)[1].split(" - ")[0]
            for line in lines
            if line.startswith(("FAILED ", "ERROR "))
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", metavar="NAME", help="run only NAME")
    parser.add_argument("--list", action="store_true", help="list the benchmark names")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(BENCHES))
        return 0
    unknown = sorted(set(args.only or ()) - set(BENCHES))
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; known: {list(BENCHES)}")
    for name, fn in BENCHES.items():
        if args.only is None or name in args.only:
            print(json.dumps({"bench": name, **fn()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
