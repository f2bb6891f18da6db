"""Shared parts of the benchmarks: a Voilà server, a browser, timing, CSV output."""

from __future__ import annotations

import argparse
import csv
import platform
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

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
