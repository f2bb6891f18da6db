"""Many learners at once, each in its own browser context, against a local Voilà.

Used by the load test (tests/test_load.py) and the benchmarks in bench/.
Every learner opens a section, answers its first question right, checks it
and waits until the answer is saved in the browser; the times are measured in
the browser, waiting for conditions only. A learner who gets stuck is reported
with the step, not raised, so one run counts every kind of failure.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Browser, ConsoleMessage, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from tests.browser import CHROMIUM, CHROMIUM_ARGS, SAVED_IN_BROWSER, STORAGE_KEY, kernel_pids
from widgets.core.loader import course

TIMEOUT_MS = 300_000
FIRST_SIGN_MS = 60_000
QUIZ_SHOWN = ".kc-quiz .kc-question button"
# What a stuck learner's page holds, for the error message.
PAGE_STATE = """() => ({
  readyState: document.readyState,
  loading: !!document.getElementById("loading"),
  cells: document.querySelectorAll("#rendered_cells .jp-Cell").length,
  quizzes: document.querySelectorAll(".kc-quiz").length,
  widgetOutputs: document.querySelectorAll(".jp-OutputArea-output").length,
  sinceNavigationMs: Math.round(performance.now()),
})"""
# Logged by widgets/views/static/late_models.js when a widget's module loaded after
# anywidget's 2 s limit and its messages were recovered.
LATE_WIDGET = "[course] a widget loaded late"


@dataclass
class Visit:
    opened_s: float = 0.0
    check_s: float = 0.0
    errors: list[str] = field(default_factory=list)
    late_widgets: int = 0
    correct: bool = False
    saved: bool = False


def first_question(section_id: str) -> tuple[str, list[str]]:
    """The first question's id and the labels to tick for its right answer."""
    question = course().quizzes[section_id].questions[0]
    kind = question["type"]
    if kind == "truefalse":
        return question["id"], ["True" if question["answer"] else "False"]
    if kind not in ("single", "multiple"):
        raise ValueError(f"{question['id']}: the crowd answers choice questions only")
    key = [question["answer"]] if kind == "single" else question["answer"]
    texts = {o["id"]: o["text"] for o in question["options"]}
    return question["id"], [texts[k] for k in key]


def _console(result: Visit, message: ConsoleMessage) -> None:
    if message.type == "error":
        result.errors.append(message.text)
    elif message.text.startswith(LATE_WIDGET):
        result.late_widgets += 1


async def visit(browser: Browser, url: str, question_id: str, labels: list[str]) -> Visit:
    """Open, answer right, check; then wait until the answer is in the browser's storage."""
    result = Visit()
    context = await browser.new_context()
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.on("console", lambda m: _console(result, m))
    page.on("pageerror", lambda e: result.errors.append(str(e)))
    try:
        start = time.perf_counter()
        await page.goto(url, wait_until="commit")
        view = page.locator(".kc-quiz .kc-question").first
        # Within a minute, however busy the server: the quiz, or the page template's
        # notice that the page is slow, with where to get help and "Try again".
        try:
            await page.locator(f"{QUIZ_SHOWN}, #kc-busy").first.wait_for(timeout=FIRST_SIGN_MS)
        except PlaywrightTimeoutError:
            seen = await page.evaluate(PAGE_STATE)
            result.errors.append(
                f"neither the quiz nor the busy notice within {FIRST_SIGN_MS} ms; saw {seen}"
            )
        await view.get_by_role("button", name="Check answer").wait_for()
        await page.locator(".kc-progress-tools").wait_for()
        result.opened_s = time.perf_counter() - start
        for label in labels:
            await view.get_by_label(label, exact=True).click()
        start = time.perf_counter()
        await view.get_by_role("button", name="Check answer").click()
        await view.locator(".kc-message.kc-ok").wait_for()
        result.check_s = time.perf_counter() - start
        result.correct = True
        await page.wait_for_function(SAVED_IN_BROWSER, arg=[STORAGE_KEY, [question_id]])
        result.saved = True
    except PlaywrightTimeoutError as error:
        result.errors.append(
            f"gave up after {TIMEOUT_MS // 1000} s: {error.message.splitlines()[0]}"
        )
    finally:
        await page.close(run_before_unload=True)
        await context.close()
    return result


def crowd(base_url: str, notebook: str, section_id: str, learners: int) -> list[Visit]:
    """`learners` visits at the same moment.

    Runs on its own thread, since a caller may already be inside an event loop
    (a synchronous Playwright session, for one).
    """
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, _crowd(base_url, notebook, section_id, learners)).result()


async def _crowd(base_url: str, notebook: str, section_id: str, learners: int) -> list[Visit]:
    question_id, labels = first_question(section_id)
    url = f"{base_url}/voila/render/{notebook}"
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        visits = await asyncio.gather(
            *(visit(browser, url, question_id, labels) for _ in range(learners))
        )
        await browser.close()
    return list(visits)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_for_kernels(server_pid: int, at_most: int, timeout_s: float = 120) -> int:
    """Poll until the server has at most this many kernels; return the count seen."""
    deadline = time.monotonic() + timeout_s
    count = len(kernel_pids(server_pid))
    while count > at_most and time.monotonic() < deadline:
        time.sleep(0.5)
        count = len(kernel_pids(server_pid))
    return count


@contextmanager
def cpu_hog() -> Iterator[None]:
    """One process spinning on a core until the block ends."""
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        hog.kill()
        hog.wait()
