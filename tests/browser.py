"""Run Voilà on a free local port and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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
REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = REPO / "notebooks"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    """Poll until the server answers (or died, or the deadline passed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voilà exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"Voilà did not answer at {url} within {timeout} s")


@dataclass(frozen=True)
class Server:
    url: str
    pid: int


@contextmanager
def voila_server(notebooks: Path, log: Path, *extra: str, repo: Path = REPO) -> Iterator[Server]:
    """Voilà in tree mode on 127.0.0.1, set up by voila.json; yields its URL and pid.

    `repo` is the checkout whose settings and `widgets` package serve the pages
    (another one lets a benchmark compare against an older commit).
    """
    port = free_port()
    command = [sys.executable, "-m", "voila", str(notebooks), f"--port={port}", *extra]
    # No JUPYTER_PATH: Voilà must find the course's template where the install put it.
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"} | {"PYTHONPATH": str(repo)}
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=repo, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(f"{base}/voila/", process)
            yield Server(base, process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
