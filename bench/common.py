"""Shared parts of the benchmarks: a Voilà server, a browser, timing, CSV output."""

from __future__ import annotations

import argparse
import csv
import platform
import statistics
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

import psutil

from tests.browser import REPO

RESULTS = REPO / "bench" / "results"


def wait_until(condition: Callable[[], bool], timeout_s: float = 300, what: str = "") -> None:
    """Poll a condition (the server's kernel pool, say) with a deadline."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what or condition}")
        time.sleep(0.25)


def section_visits(description: str, repeat: int = 8) -> tuple[str, int]:
    """A bench's command line: the section to visit (its notebook) and how often."""
    from widgets.core.loader import course

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--section", type=int, default=1, help="index in course.yaml")
    args = parser.parse_args()
    return course().sections[args.section].notebook, args.repeat


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> str:
    cores = len(__import__("os").sched_getaffinity(0))
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    return f"{platform.machine()}, {cores} cores, {memory} GiB, Python {platform.python_version()}"


def write_csv(name: str, rows: list[dict]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {path.relative_to(REPO)} ({date.today()}, {machine()})")
    return path


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


QUIET_CPU_S = 0.02  # a process tree using less than this in QUIET_FOR_S is quiet
QUIET_FOR_S = 1.0


def wait_quiet(read: Callable[[], float], what: str) -> None:
    """Until `read()` (a CPU total) rises by less than QUIET_CPU_S over QUIET_FOR_S."""
    last = read()
    deadline = time.monotonic() + 120
    while True:
        time.sleep(QUIET_FOR_S)
        now = read()
        if now - last < QUIET_CPU_S:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} never went quiet")
        last = now


def _live(processes: Iterable[psutil.Process]) -> Iterator[tuple[psutil.Process, float]]:
    """Each process still running, with its CPU-seconds."""
    for process in processes:
        try:
            yield process, cpu_seconds(process)
        except psutil.NoSuchProcess:
            continue


def tree_cpu(root: psutil.Process) -> dict[int, float]:
    """CPU-seconds of a process and each descendant still running, by pid."""
    return {p.pid: cpu for p, cpu in _live([root, *root.children(recursive=True)])}


def browser_tree() -> dict[int, float]:
    """CPU-seconds of each process below Playwright's driver, by pid: Chromium's, with
    its utility processes, which run as /proc/self/exe and so are named `exe`."""
    return {process.pid: cpu for process, cpu in _live(browsers_root().children(recursive=True))}


def used(before: dict[int, float], after: dict[int, float], pids: Iterable[int]) -> float:
    """CPU-seconds these processes used between two readings (a new one: all of it)."""
    return sum(after[pid] - before.get(pid, 0.0) for pid in pids if pid in after)


def tree_total(root: psutil.Process) -> float:
    """CPU-seconds a process tree has used, including processes that have ended: an
    ended process's time is in its parent's `children_*` fields once it is reaped, so
    summing all four fields over the live processes counts each process once."""
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def browsers_root() -> psutil.Process:
    """Playwright's driver, below which every browser process runs."""
    drivers = [p for p in psutil.Process().children() if p.name().startswith("node")]
    if len(drivers) != 1:
        raise LookupError(f"expected one Playwright driver below this process, not {drivers}")
    return drivers[0]
