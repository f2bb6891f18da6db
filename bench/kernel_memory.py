"""Memory of one learner's kernel (RSS), with several learners' pages open at once.

Run: .venv/bin/python -m bench.kernel_memory [--learners 5]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.common import median, write_csv
from tests.browser import CHROMIUM, CHROMIUM_ARGS, NOTEBOOK_DIR, kernel_pids, voila_server
from tests.crowd import rss_mb
from widgets.core.loader import course


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=5)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        extra = "--VoilaConfiguration.preheat_kernel=False"
        with voila_server(NOTEBOOK_DIR, Path(tmp) / "voila.log", extra) as server:
            for section in course().sections:
                pages = []
                for _ in range(args.learners):
                    page = browser.new_context().new_page()
                    page.set_default_timeout(300_000)
                    page.goto(f"{server.url}/voila/render/{section.notebook}")
                    page.locator(".kc-progress-tools").wait_for()
                    pages.append(page)
                sizes = [rss_mb(pid) for pid in kernel_pids(server.pid)]
                rows.append(
                    {
                        "section": section.id,
                        "kernels": len(sizes),
                        "median_rss_mb": round(median(sizes), 1),
                        "max_rss_mb": round(max(sizes), 1),
                    }
                )
                print(
                    f"{section.id:24} {len(sizes)} kernels, median {median(sizes):.0f} MB, "
                    f"max {max(sizes):.0f} MB (target: at most 120 MB)"
                )
                for page in pages:
                    page.close(run_before_unload=True)
                    page.context.close()
        browser.close()
    write_csv("kernel_memory", rows)


if __name__ == "__main__":
    main()
