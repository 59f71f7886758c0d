"""The class's per-learner cost, measured through the course's own JupyterHub (deploy/).

``class.per_learner``: one learner's server (jupyterhub-singleuser with JupyterLab) at rest,
then each course notebook run cell by cell in its own kernel through the server's kernel
API, as a learner's browser would: memory (RSS, and USS: what the process alone holds) and
CPU seconds of the server and of the kernel after each notebook.

``class.load``: simulated learners arriving in steps (``CLASS_BENCH_STEPS``, total
learners after each step; default 1,2,4,8,12): through the hub's API each is created,
spawned and runs the Spot notebook's cells in a kernel, all of a step at once; per step the
spawn times, the memory of all servers and kernels, the machine's available memory and
load. It stops early when available memory falls under 10 % or a spawn fails. (The
machine is shared: raise the steps to find where 2 cores / 24 GB give out.)

Both start a hub with deploy/class_demo.py's set-up on loopback ports; skipped (figures say
why) without Postgres or configurable-http-proxy.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import nbformat
import psutil
import requests
import websocket

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("class_demo", ROOT / "deploy" / "class_demo.py")
class_demo = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(class_demo)
LOAD_NOTEBOOK = ROOT / "course" / "03_spot.ipynb"
READY_TIMEOUT_S = 180
CELL_TIMEOUT_S = 300
MB = 1024 * 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BenchHub:
    """A demo hub on loopback driven through its API with a service token."""

    def __init__(self, url: str, token: str, state: Path) -> None:
        self.url, self.state = url, state
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"token {token}"
        self.token = token

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        return self.http.request(method, f"{self.url}/hub/api{path}", timeout=120, **kwargs)

    def spawn(self, user: str) -> float:
        """Create ``user`` and start their server; seconds until it answers."""
        started = time.monotonic()
        self.api("POST", f"/users/{user}")
        self.api("POST", f"/users/{user}/server")
        while time.monotonic() - started < READY_TIMEOUT_S:
            model = self.api("GET", f"/users/{user}").json()
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                return time.monotonic() - started
            time.sleep(0.25)
        raise TimeoutError(f"{user}'s server was not ready in {READY_TIMEOUT_S} s")

    def server_pid(self, user: str) -> int:
        """The learner's server process: the one listening where the proxy sends them."""
        port = self._server_port(user)
        for conn in psutil.net_connections("tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port and conn.pid:
                return conn.pid
        raise LookupError(f"no process listens on {user}'s port {port}")

    def _server_port(self, user: str) -> int:
        routes = self.api("GET", "/proxy").json()
        target = routes[f"/user/{user}/"]["target"]
        return int(target.rsplit(":", 1)[1].strip("/"))

    def run_notebook(self, user: str, notebook: Path) -> dict:
        """Run ``notebook``'s code cells in a new kernel of ``user``'s server; kernel pid, time."""
        base = f"{self.url}/user/{user}"
        kernel = self.http.post(f"{base}/api/kernels", json={"name": "python3"}, timeout=120)
        kernel.raise_for_status()
        kernel_id = kernel.json()["id"]
        ws = websocket.create_connection(
            f"ws{base[4:]}/api/kernels/{kernel_id}/channels",
            header=[f"Authorization: token {self.token}"],
            timeout=CELL_TIMEOUT_S,
        )
        started = time.monotonic()
        errors = 0
        try:
            for source in _code_cells(notebook):
                errors += _execute(ws, source)
        finally:
            ws.close()
        return {"kernel_id": kernel_id, "seconds": time.monotonic() - started, "errors": errors}

    def kernel_pids(self, server_pid: int) -> list[int]:
        return [p.pid for p in psutil.Process(server_pid).children(recursive=True)]


def _code_cells(notebook: Path) -> list[str]:
    return [c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]


def _execute(ws: websocket.WebSocket, source: str) -> int:
    """Execute one cell; 1 if it raised, else 0 (waits for the kernel's reply)."""
    msg_id = uuid.uuid4().hex
    ws.send(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "msg_type": "execute_request",
                    "username": "bench",
                    "session": msg_id,
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "content": {"code": source, "silent": False, "allow_stdin": False},
                "channel": "shell",
            }
        )
    )
    while True:
        message = _message(ws.recv())
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "execute_reply":
            return 0 if message["content"]["status"] == "ok" else 1


def _message(frame: str | bytes) -> dict:
    """A kernel message from a websocket frame: text, or binary with buffers (widgets, plotly)."""
    if isinstance(frame, str):
        return json.loads(frame)
    # jupyter_server's legacy binary frame: count, offsets (uint32, big-endian), the JSON first
    count = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i : 8 + 4 * i], "big") for i in range(count)]
    return json.loads(frame[offsets[0] : offsets[1] if count > 1 else None])


def _memory(pids: list[int]) -> dict[str, float]:
    rss = uss = 0
    for pid in pids:
        try:
            info = psutil.Process(pid).memory_full_info()
        except psutil.NoSuchProcess:
            continue
        rss, uss = rss + info.rss, uss + info.uss
    return {"rss_mb": round(rss / MB, 1), "uss_mb": round(uss / MB, 1)}


def _cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return round(times.user + times.system, 2)


@contextmanager
def bench_hub() -> Iterator[BenchHub | None]:
    if class_demo.missing_programs():
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="aws-course-hub-bench-"))
    token = secrets.token_hex(16)
    cluster, env = class_demo.prepare(folder, ("instructor",), secrets.token_hex(8))
    port = _free_port()
    env |= {
        "COURSE_BENCH_TOKEN": token,
        "COURSE_HUB_URL": f"http://127.0.0.1:{port}",
        "COURSE_HUB_API_URL": f"http://127.0.0.1:{_free_port()}",
        "COURSE_PROXY_API_URL": f"http://127.0.0.1:{_free_port()}",
    }
    log = (folder / "hub.log").open("wb")
    hub = subprocess.Popen(
        class_demo.hub_command(folder), env=env, cwd=folder, stdout=log, stderr=log
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{url}/hub/api", timeout=5).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.5)
        yield BenchHub(url, token, folder)
    finally:
        class_demo.stop_hub(hub)
        log.close()
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def per_learner() -> dict:
    with bench_hub() as hub:
        if hub is None:
            return {"skipped": "; ".join(class_demo.missing_programs())}
        spawn_s = hub.spawn("learner")
        server = hub.server_pid("learner")
        time.sleep(5)  # let the server settle after start
        figures = {"spawn_s": round(spawn_s, 2), "at_rest": _memory([server])}
        figures["at_rest"]["cpu_s"] = _cpu_seconds(server)
        notebooks = {}
        for notebook in sorted((ROOT / "course").glob("[0-9][0-9]_*.ipynb")):
            run = hub.run_notebook("learner", notebook)
            kernels = hub.kernel_pids(server)
            notebooks[notebook.stem] = {
                "seconds": round(run["seconds"], 1),
                "cell_errors": run["errors"],
                "kernel": _memory(kernels) | {"cpu_s": sum(_cpu_seconds(p) for p in kernels)},
                "server": _memory([server]),
            }
            hub.http.delete(f"{hub.url}/user/learner/api/kernels/{run['kernel_id']}", timeout=60)
        figures["notebooks"] = notebooks
        heaviest = max(notebooks.values(), key=lambda n: n["kernel"]["rss_mb"])
        figures["peak_rss_mb"] = round(heaviest["kernel"]["rss_mb"] + heaviest["server"]["rss_mb"])
        return figures


def load() -> dict:
    steps = [int(n) for n in os.environ.get("CLASS_BENCH_STEPS", "1,2,4,8,12").split(",")]
    with bench_hub() as hub:
        if hub is None:
            return {"skipped": "; ".join(class_demo.missing_programs())}
        learners: list[str] = []
        results = []
        for total in steps:
            new = [f"sim{n:03d}" for n in range(len(learners), total)]
            with ThreadPoolExecutor(max_workers=max(len(new), 1)) as pool:
                spawn_times = list(pool.map(hub.spawn, new))
                runs = list(pool.map(lambda u: hub.run_notebook(u, LOAD_NOTEBOOK), new))
            learners += new
            pids = []
            for user in learners:
                server = hub.server_pid(user)
                pids += [server, *hub.kernel_pids(server)]
            available = psutil.virtual_memory().available
            step = {
                "learners": total,
                "spawn_s_max": round(max(spawn_times), 2),
                "spawn_s_mean": round(sum(spawn_times) / len(spawn_times), 2),
                "notebook_s_max": round(max(r["seconds"] for r in runs), 1),
                "cell_errors": sum(r["errors"] for r in runs),
                **_memory(pids),
                "available_mb": round(available / MB),
                "load_1min": round(os.getloadavg()[0], 2),
            }
            step["rss_mb_per_learner"] = round(step["rss_mb"] / total, 1)
            step["uss_mb_per_learner"] = round(step["uss_mb"] / total, 1)
            results.append(step)
            if available < 0.1 * psutil.virtual_memory().total:
                break
        return {"notebook": LOAD_NOTEBOOK.name, "steps": results}


def benchmarks() -> dict[str, Callable[[], dict]]:
    return {"class.per_learner": per_learner, "class.load": load}


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:] or list(benchmarks()):
        print(json.dumps({"bench": name, **benchmarks()[name]()}), flush=True)
