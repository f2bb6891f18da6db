"""How soon a section's text can be read, and how much it moves as the widgets come:
the course page (preheated pool) beside the same page as static HTML, in one run.

Each visit is a fresh browser context. "Text" is the section's first paragraph and
the crisis panel both visible; "quiz" is the first quiz button shown; the layout
shift is the page's cumulative layout shift (the browser's own `layout-shift`
entries, summed) from navigation until the quiz is shown.

Run: .venv/bin/python -m bench.text_first [--repeat 8] [--section 1]
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from bench.burst import POOL_FILLED, TEXT_READY
from bench.common import median, section_visits, wait_until, write_csv
from bench.time_to_interactive import static_pages
from tests.browser import CHROMIUM, CHROMIUM_ARGS, LAYOUT_SHIFT, NOTEBOOK_DIR, voila_server
from tests.crowd import QUIZ_SHOWN

CRISIS = ".kc-crisis"


def visit(browser: Browser, url: str, quiz: bool) -> dict[str, float]:
    """Seconds to readable text (and to the first quiz), and the layout shift."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(LAYOUT_SHIFT)
    page = context.new_page()
    page.set_default_timeout(300_000)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(TEXT_READY).wait_for(state="visible")
    page.locator(CRISIS).first.wait_for(state="visible")
    found = {"text_s": time.perf_counter() - start}
    if quiz:
        page.locator(f"{QUIZ_SHOWN} >> nth=0").wait_for(state="visible")
        found["quiz_s"] = time.perf_counter() - start
    else:  # (a static page has no quiz to wait for)
        page.wait_for_load_state("load")
        found["quiz_s"] = float("nan")
    found["shift"] = float(page.evaluate("window.kcShift"))
    context.close()
    return found


def main() -> None:
    notebook, repeat = section_visits(__doc__ or "")
    rows = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        static = static_pages(Path(tmp), [notebook])[notebook].as_uri()
        with voila_server(NOTEBOOK_DIR, Path(tmp) / "voila.log") as server:
            url = f"{server.url}/voila/render/{notebook}"
            wait_until(lambda: POOL_FILLED in (Path(tmp) / "voila.log").read_text(), 300)
            visit(browser, url, quiz=True)  # (not counted: the server's first page)
            for n in range(repeat):
                rows.append({"page": "static", "visit": n, **visit(browser, static, quiz=False)})
                rows.append({"page": "course", "visit": n, **visit(browser, url, quiz=True)})
        browser.close()
    at = {page: [r for r in rows if r["page"] == page] for page in ("static", "course")}
    text = {page: median([r["text_s"] for r in found]) for page, found in at.items()}
    shift = {page: median([r["shift"] for r in found]) for page, found in at.items()}
    quiz = median([r["quiz_s"] for r in at["course"]])
    print(f"{notebook}, {repeat} visits each, medians (each a fresh context):")
    print(
        f"  readable text: static {text['static']:.2f} s, course {text['course']:.2f} s "
        f"({text['course'] / text['static']:.1f}x static)"
    )
    print(f"  first quiz shown: course {quiz:.2f} s")
    print(
        f"  layout shift (CLS) until then: static {shift['static']:.3f}, "
        f"course {shift['course']:.3f}"
    )
    write_csv("text_first", rows)


if __name__ == "__main__":
    main()
