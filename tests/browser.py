"""Run Voilà on a free local port and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STORAGE_KEY = "ketamine-microdosing:progress"
# A page function (for wait_for_function with arg=[STORAGE_KEY, ids]): true once the
# browser's stored progress holds every one of these question ids.
SAVED_IN_BROWSER = (
    "([key, ids]) => { const text = localStorage.getItem(key) || '';"
    " return ids.every((id) => text.includes(JSON.stringify(id))); }"
)
# A script for add_init_script: sums the page's layout shifts (the browser's own
# `layout-shift` entries, not after the learner's input) into window.kcShift, its
# cumulative layout shift.
LAYOUT_SHIFT = """
window.kcShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.kcShift += entry.value;
  }
}).observe({ type: "layout-shift", buffered: true });
"""
REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = REPO / "notebooks"
HUB_CONFIG = REPO / "deploy" / "jupyterhub_config.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_ports(count: int) -> int:
    """The first of `count` free consecutive local ports (a hub uses four)."""
    for _ in range(50):
        first = free_port()
        try:
            for offset in range(count):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", first + offset))
        except OSError:
            continue
        return first
    raise RuntimeError(f"no {count} free consecutive ports found")


def wait_until_serving(
    url: str, process: subprocess.Popen, timeout: float = 90, any_answer: bool = True
) -> None:
    """Poll until the server answers (or died, or the deadline passed).

    `any_answer=False` waits for a success: a hub's proxy answers 404 for the hub's
    own pages until the hub has added its route.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:4]} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            if any_answer:
                return
            time.sleep(0.2)
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing answered at {url} within {timeout} s")


@dataclass(frozen=True)
class Server:
    url: str
    pid: int


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without JUPYTER_PATH: the install must be what finds the template."""
    return {k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"} | extra


def descendants(root: int) -> list[int]:
    """Every process started, directly or not, by `root` (a hub's learners' servers too)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            continue
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def kernel_pids(root: int) -> list[int]:
    """The kernels started, directly or not, by `root` (a Voilà server or a hub)."""

    def is_kernel(pid: int) -> bool:
        try:
            return b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:  # it has just ended
            return False

    return sorted(filter(is_kernel, descendants(root)))


@contextmanager
def running(
    command: list[str],
    ready: str,
    log: Path,
    env: dict[str, str],
    cwd: Path = REPO,
    any_answer: bool = True,
) -> Iterator[int]:
    """Start a server in its own process group, wait until `ready` answers, yield its pid.

    On the way out the whole group, and every process it had started, is stopped, so
    nothing (kernels, a proxy, learners' servers) outlives the test.
    """
    with log.open("w") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env, start_new_session=True
        )
        try:
            wait_until_serving(ready, process, any_answer=any_answer)
            yield process.pid
        finally:
            family = descendants(process.pid)  # a hub starts learners' servers in new sessions
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            for pid in family:
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


@contextmanager
def voila_server(
    notebooks: Path, log: Path, *extra: str, repo: Path = REPO, module: str = "widgets.server"
) -> Iterator[Server]:
    """The course's Voilà (`make app`) in tree mode on 127.0.0.1, set up by voila.json.

    `repo` is the checkout whose settings and `widgets` package serve the pages
    (another one lets a benchmark compare against an older commit); `module="voila"`
    is Voilà as a user types it, without the course's server (widgets/server/app.py).
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", module, str(notebooks), f"--port={port}", *extra]
    env = clean_env(PYTHONPATH=str(repo))
    with running(command, f"{base}/voila/", log, env, cwd=repo) as pid:
        yield Server(base, pid)


@contextmanager
def lab_server(notebooks: Path, log: Path) -> Iterator[Server]:
    """A learner's JupyterLab (`make lab`, widgets/server/lab.py) on 127.0.0.1, no token."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "widgets.server.lab",
        "--no-browser",
        "--allow-root",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=",
        f"--ServerApp.root_dir={notebooks}",
    ]
    with running(command, f"{base}/lab", log, clean_env(PYTHONPATH=str(REPO))) as pid:
        yield Server(base, pid)


@contextmanager
def hub_server(state: Path, learners: list[str], log: Path, cull_after: int) -> Iterator[Server]:
    """`make hub`'s JupyterHub (deploy/jupyterhub_config.py) with this class list."""
    port = free_ports(4)
    (state / "class.txt").write_text("\n".join(learners))
    env = clean_env(
        KCOURSE_HUB_STATE=str(state),
        KCOURSE_HUB_PORT=str(port),
        KCOURSE_CLASS_LIST=str(state / "class.txt"),
        KCOURSE_HUB_CULL_AFTER=str(cull_after),
        PYTHONPATH=str(REPO),
    )
    command = [sys.executable, "-m", "jupyterhub", "-f", str(HUB_CONFIG)]
    base = f"http://127.0.0.1:{port}"
    with running(command, f"{base}/hub/login", log, env, any_answer=False) as pid:
        yield Server(base, pid)
