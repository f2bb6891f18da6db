"""Time from request to an interactive quiz, per section: Voilà cold, Voilà with the
preheated pool, and the same page as static HTML (nbconvert) as the lower bound.

Run: .venv/bin/python -m bench.time_to_interactive [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.common import median, wait_until, write_csv
from tests.browser import CHROMIUM, CHROMIUM_ARGS, NOTEBOOK_DIR, kernel_pids, voila_server
from widgets.core.loader import course


def static_pages(folder: Path, notebooks: list[str] | None = None) -> dict[str, Path]:
    """These executed notebooks (all sections by default) exported to HTML: what the
    browser must at least load."""
    names = notebooks or [s.notebook for s in course().sections]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "html",
            "--output-dir",
            str(folder),
            *(str(NOTEBOOK_DIR / name) for name in names),
        ],
        check=True,
        capture_output=True,
    )
    return {name: folder / name.replace(".ipynb", ".html") for name in names}


def seconds_to_interactive(browser, url: str, ready: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(300_000)
    start = time.perf_counter()
    page.goto(url, wait_until="load" if ready == "load" else "commit")
    if ready != "load":
        page.locator(ready).wait_for()
    elapsed = time.perf_counter() - start
    page.close(run_before_unload=True)
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    interactive = ".kc-quiz .kc-question button >> nth=0"
    results = {s.notebook: {"section": s.id} for s in course().sections}
    pool = len(course().sections) + 1
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        for notebook, path in static_pages(Path(tmp)).items():
            times = [
                seconds_to_interactive(browser, path.as_uri(), "load") for _ in range(args.repeat)
            ]
            results[notebook]["static_s"] = round(median(times), 3)
        for mode, extra in (
            ("cold", ["--VoilaConfiguration.preheat_kernel=False"]),
            ("preheated", []),
        ):
            with voila_server(NOTEBOOK_DIR, Path(tmp) / f"{mode}.log", *extra) as server:
                for notebook in results:
                    times = []
                    for _ in range(args.repeat):
                        if mode == "preheated":
                            wait_until(
                                lambda: len(kernel_pids(server.pid)) >= pool, what="the pool"
                            )
                        url = f"{server.url}/voila/render/{notebook}"
                        times.append(seconds_to_interactive(browser, url, interactive))
                    results[notebook][f"{mode}_s"] = round(median(times), 3)
        browser.close()
    rows = []
    for row in results.values():
        row["cold_vs_static"] = round(row["cold_s"] / row["static_s"], 1)
        row["preheated_vs_static"] = round(row["preheated_s"] / row["static_s"], 1)
        rows.append(row)
        print(
            f"{row['section']:24} static {row['static_s']:.2f} s  cold {row['cold_s']:.2f} s "
            f"({row['cold_vs_static']}x)  preheated {row['preheated_s']:.2f} s "
            f"({row['preheated_vs_static']}x)"
        )
    warm = median([r["preheated_vs_static"] for r in rows])
    cold = median([r["cold_vs_static"] for r in rows])
    print(f"median preheated/static {warm:.1f}x (target: within 3x); cold/static {cold:.1f}x")
    write_csv("time_to_interactive", rows)


if __name__ == "__main__":
    main()
