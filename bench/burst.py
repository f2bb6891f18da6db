"""A class arriving: N learners within S seconds, on the course's Voilà and on the hub.

Each learner opens section 1 (on the hub: signs in first, then opens it on the
course service), answers its first question right and checks it. Printed:
p50/p95 time to readable text (the first paragraph), to the first interactive quiz
and of the check round trip, and, in
the same run, the same page for one learner alone, as static HTML (nbconvert,
from disk) and a one-widget Voilà page (the Voilà floor), with the ratios.
On the hub also the time from sign-in to the course home. The memory of the server
side (a hub: with its course service) before the burst and with every learner's
page still open gives the MB each learner adds.

With `--pin`, the server (and every kernel and learner's server it starts) runs on
the first core and this script with its browsers on the others, so the figures say
what the server side can do when the browsers are not on its core.

Run: .venv/bin/python -m bench.burst [--learners 30] [--spread 60] [--on voila,hub]
     [--pin] [--keep DIR]
Measure on a quiet machine: nothing else running.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import psutil
from playwright.async_api import Browser, Page, async_playwright

from bench.common import browsers_root, median, tree_total, wait_quiet, wait_until, write_csv
from bench.time_to_interactive import static_pages
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    NOTEBOOK_DIR,
    Server,
    descendants,
    hub_server,
    kernel_pids,
    voila_server,
)
from tests.crowd import QUIZ_SHOWN, first_question, rss_mb
from widgets.core.loader import course

SECTION = course().sections[1]
QUIZ_READY = f"{QUIZ_SHOWN} >> nth=0"
TEXT_READY = ".jp-RenderedMarkdown p >> nth=0"  # the section's first paragraph, readable
FLOOR = "floor.ipynb"
POOL_FILLED = "is filled with"  # Voilà's log line when a page's warm kernel is ready
PASSWORD = "a-long-class-password"
COURSE = "/services/course"  # the course on the hub: its service (deploy/jupyterhub_config.py)
TIMEOUT_MS = 600_000


@dataclass
class Arrival:
    sign_in_s: float = math.nan  # on the hub: sign-in to an interactive course home
    text_s: float = math.nan
    quiz_s: float = math.nan
    check_s: float = math.nan
    errors: list[str] = field(default_factory=list)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of the values that are numbers."""
    done = sorted(v for v in values if not math.isnan(v))
    return done[max(0, math.ceil(share * len(done)) - 1)] if done else math.nan


def floor_notebook(folder: Path) -> None:
    """One button and nothing else: what any Voilà page costs."""
    code = "import ipywidgets\nipywidgets.Button(description='Check answer')"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    nbformat.write(notebook, folder / FLOOR)


async def timed_open(
    page: Page, url: str, ready: str | None, text: str | None = TEXT_READY
) -> tuple[float, float]:
    """Seconds until the prose is readable (`text`; NaN if None) and until `ready` is shown
    (None: until the page has loaded, for static HTML)."""
    start = time.perf_counter()
    await page.goto(url, wait_until="load" if ready is None else "commit")
    readable = math.nan
    if text is not None:
        await page.locator(text).wait_for()
        readable = time.perf_counter() - start
    if ready is not None:
        await page.locator(ready).wait_for()
    return readable, time.perf_counter() - start


async def answer_and_check(page: Page) -> float:
    view = page.locator(".kc-quiz .kc-question").first
    for label in first_question(SECTION.id)[1]:
        await view.get_by_label(label, exact=True).click()
    start = time.perf_counter()
    await view.get_by_role("button", name="Check answer").click()
    await view.locator(".kc-message.kc-ok").wait_for()
    return time.perf_counter() - start


async def sign_in(page: Page, hub: str, name: str) -> float:
    """Sign in on the hub; seconds until the learner's course home is interactive."""
    await page.goto(f"{hub}/hub/login")
    await page.get_by_label("Username").fill(name)
    await page.get_by_label("Password").fill(PASSWORD)
    start = time.perf_counter()
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url(f"{hub}{COURSE}/voila/render/index.ipynb", timeout=TIMEOUT_MS)
    await page.locator(".kc-progress-tools").wait_for()
    return time.perf_counter() - start


Learner = Callable[[Page, int], Awaitable[Arrival]]


def on_voila(server: Server) -> Learner:
    async def learner(page: Page, _: int) -> Arrival:
        url = f"{server.url}/voila/render/{SECTION.notebook}"
        arrival = Arrival()
        arrival.text_s, arrival.quiz_s = await timed_open(page, url, QUIZ_READY)
        arrival.check_s = await answer_and_check(page)
        return arrival

    return learner


def on_hub(server: Server) -> Learner:
    async def learner(page: Page, number: int) -> Arrival:
        name = f"learner{number:02}"
        arrival = Arrival(sign_in_s=await sign_in(page, server.url, name))
        url = f"{server.url}{COURSE}/voila/render/{SECTION.notebook}"
        arrival.text_s, arrival.quiz_s = await timed_open(page, url, QUIZ_READY)
        arrival.check_s = await answer_and_check(page)
        return arrival

    return learner


async def fresh_page(browser: Browser) -> Page:
    """A tab in a new browser context: no cookies, no cache, as a learner arriving."""
    page = await (await browser.new_context()).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


async def arrive(
    browser: Browser, learner: Learner, number: int, delay: float
) -> tuple[Arrival, Page]:
    """One learner's arrival, and their page, left open (the class is still there)."""
    await asyncio.sleep(delay)
    page = await fresh_page(browser)
    try:
        return await learner(page, number), page
    except Exception as error:  # a learner who got stuck is counted, not raised
        where = f"{page.url} ({await page.title()!r})"
        errors = [f"{type(error).__name__}: {str(error).splitlines()[0]} at {where}"]
        return Arrival(errors=errors), page


async def burst(
    browser: Browser, learner: Learner, count: int, spread: float
) -> list[tuple[Arrival, Page]]:
    """`count` learners, arriving evenly over `spread` seconds (numbered from 1)."""
    step = spread / max(1, count - 1)
    return await asyncio.gather(*(arrive(browser, learner, n + 1, n * step) for n in range(count)))


async def alone(
    browser: Browser, url: str, ready: str | None, text: str | None = TEXT_READY
) -> tuple[float, float]:
    page = await fresh_page(browser)
    seconds = await timed_open(page, url, ready, text)
    await page.context.close()
    return seconds


def medians(visits: list[tuple[float, float]]) -> tuple[float, float]:
    """The median time to readable text and to ready of these visits."""
    return median([v[0] for v in visits]), median([v[1] for v in visits])


def server_memory(root: int) -> tuple[float, float]:
    """RSS in MB of the kernels under `root`, and of `root` with everything under it."""
    return sum(map(rss_mb, kernel_pids(root))), rss_mb(root) + sum(map(rss_mb, descendants(root)))


def report(on: str, arrivals: list[Arrival], base: dict[str, float], spread: float) -> dict:
    quiz = [a.quiz_s for a in arrivals]
    text = [a.text_s for a in arrivals]
    check = [a.check_s for a in arrivals]
    row = {
        "on": on,
        "learners": len(arrivals),
        "within_s": spread,
        "stuck": sum(bool(a.errors) for a in arrivals),
        "quiz_p50_s": round(percentile(quiz, 0.5), 2),
        "quiz_p95_s": round(percentile(quiz, 0.95), 2),
        "check_p50_ms": round(percentile(check, 0.5) * 1000),
        "check_p95_ms": round(percentile(check, 0.95) * 1000),
        "alone_s": round(base["alone"], 2),
        "static_s": round(base["static"], 3),
        "floor_s": round(base["floor"], 2),
        "p95_vs_alone": round(percentile(quiz, 0.95) / base["alone"], 1),
        "p95_vs_static": round(percentile(quiz, 0.95) / base["static"], 1),
        "p95_vs_floor": round(percentile(quiz, 0.95) / base["floor"], 1),
        "text_alone_s": round(base["alone_text"], 2),
        "text_static_s": round(base["static_text"], 3),
        "text_alone_vs_static": round(base["alone_text"] / base["static_text"], 1),
        "text_p50_s": round(percentile(text, 0.5), 2),
        "text_p95_s": round(percentile(text, 0.95), 2),
        "sign_in_p50_s": round(percentile([a.sign_in_s for a in arrivals], 0.5), 2),
        "sign_in_p95_s": round(percentile([a.sign_in_s for a in arrivals], 0.95), 2),
    }
    print(
        f"{on}: {row['learners']} learners within {spread:.0f} s, {row['stuck']} stuck; "
        f"quiz p50 {row['quiz_p50_s']} s, p95 {row['quiz_p95_s']} s "
        f"({row['p95_vs_alone']}x alone {row['alone_s']} s, {row['p95_vs_static']}x static "
        f"{row['static_s']} s, {row['p95_vs_floor']}x floor {row['floor_s']} s); "
        f"check p50 {row['check_p50_ms']} ms, p95 {row['check_p95_ms']} ms; "
        f"readable text alone {row['text_alone_s']} s ({row['text_alone_vs_static']}x static "
        f"{row['text_static_s']} s), in the burst p50 {row['text_p50_s']} s, "
        f"p95 {row['text_p95_s']} s"
        + (
            f"; sign-in to course home p50 {row['sign_in_p50_s']} s, p95 {row['sign_in_p95_s']} s"
            if on == "hub"
            else ""
        )
    )
    for error in sorted({e for a in arrivals for e in a.errors}):
        print("  stuck:", error)
    return row


async def baselines(browser: Browser, tmp: Path, pin: bool) -> dict[str, float]:
    """The static HTML page and the one-widget Voilà page: medians of three, unloaded."""
    static = static_pages(tmp / "static", [SECTION.notebook])[SECTION.notebook].as_uri()
    served = tmp / "floor"
    served.mkdir()
    floor_notebook(served)
    with voila_server(served, tmp / "floor.log") as server:
        pin_server(server, pin)
        url = f"{server.url}/voila/render/{FLOOR}"
        _, floor = medians([await alone(browser, url, "button", None) for _ in range(3)])
    static_text, static_load = medians([await alone(browser, static, None) for _ in range(3)])
    return {"static": static_load, "static_text": static_text, "floor": floor}


async def measured(
    arriving: Awaitable[list[tuple[Arrival, Page]]], server: Server
) -> tuple[list[Arrival], dict[str, float]]:
    """The arrivals; the CPU-seconds the server side (the server, its kernels, a hub's
    course service) and the browsers used while they came; and the server side's memory
    before them and with every learner's page still open (then the pages close)."""
    server_tree, browsers = psutil.Process(server.pid), browsers_root()
    server_before, browsers_before = tree_total(server_tree), tree_total(browsers)
    _, before_mb = server_memory(server.pid)
    start = time.perf_counter()
    arrived = await arriving
    sides = {
        "burst_s": round(time.perf_counter() - start, 1),
        "server_cpu_s": round(tree_total(server_tree) - server_before, 1),
        "browser_cpu_s": round(tree_total(browsers) - browsers_before, 1),
    }
    kernels_mb, total_mb = server_memory(server.pid)
    sides |= {
        "rss_before_mb": round(before_mb),
        "rss_total_mb": round(total_mb),
        "rss_kernels_mb": round(kernels_mb),
        "mb_per_learner": round((total_mb - before_mb) / len(arrived)),
    }
    for _, page in arrived:
        await page.context.close()
    return [arrival for arrival, _ in arrived], sides


SERVER_CORES = {0}  # with --pin: the server's; this script and its browsers get the rest


def pin_browsers(pin: bool) -> None:
    """Keep this script, and so Playwright's driver and the browsers it starts, off
    the server's core."""
    if pin:
        os.sched_setaffinity(0, set(os.sched_getaffinity(0)) - SERVER_CORES)


def pin_server(server: Server, pin: bool) -> None:
    """Move the server and all it has started to its core; what it starts later
    (kernels, a learner's server) inherits the core."""
    if pin:
        for pid in [server.pid, *descendants(server.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.sched_setaffinity(pid, SERVER_CORES)


async def run(on: str, count: int, spread: float, tmp: Path, pin: bool) -> dict:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        base = await baselines(browser, tmp / on, pin)
        print(f"{on}: static page {base['static']:.3f} s, one-widget page {base['floor']:.2f} s")
        if on == "voila":
            with voila_server(NOTEBOOK_DIR, tmp / "voila.log") as server:
                pin_server(server, pin)
                # voila.json keeps one warm kernel per page; a visit takes one, and the
                # pool refills. Alone: three visits, each with the whole pool ready.
                log, pool = tmp / "voila.log", len(course().sections) + 1
                url = f"{server.url}/voila/render/{SECTION.notebook}"
                times = []
                for visit in range(3):
                    wait_until(
                        lambda n=pool + visit: log.read_text().count(POOL_FILLED) >= n, what="pool"
                    )
                    times.append(await alone(browser, url, QUIZ_READY))
                base["alone_text"], base["alone"] = medians(times)
                arriving = burst(browser, on_voila(server), count, spread)
                arrivals, sides = await measured(arriving, server)
        else:
            names = [f"learner{n:02}" for n in range(count + 1)]
            with hub_server(tmp / "hub", names, tmp / "hub.log", cull_after=3600) as server:
                pin_server(server, pin)
                # The course service's warm kernels, one per page, started (its log is the
                # hub's) and done running their pages: the server side quiet.
                log, pool = tmp / "hub.log", len(course().sections) + 1
                wait_until(lambda: log.read_text().count(POOL_FILLED) >= pool, what="pool")
                tree = psutil.Process(server.pid)
                wait_quiet(lambda: tree_total(tree), "the course service's warm pool")
                # learner00 alone: sign in (starts their server), then the section
                first = await fresh_page(browser)
                signed_in = await sign_in(first, server.url, "learner00")
                url = f"{server.url}{COURSE}/voila/render/{SECTION.notebook}"
                base["alone_text"], base["alone"] = await timed_open(first, url, QUIZ_READY)
                print(f"hub: one learner alone: sign-in to the course home {signed_in:.2f} s")
                arriving = burst(browser, on_hub(server), count, spread)
                arrivals, sides = await measured(arriving, server)
        await browser.close()
    row = report(on, arrivals, base, spread)
    row.update(sides)
    server_cpu, browser_cpu = sides["server_cpu_s"], sides["browser_cpu_s"]
    print(
        f"  CPU in the burst ({sides['burst_s']:.0f} s): server side {server_cpu:.1f} s "
        f"({server_cpu / count:.2f} s a learner), browsers {browser_cpu:.1f} s "
        f"({browser_cpu / count:.2f} s a learner)"
    )
    row["server_pinned"] = pin
    print(
        f"  memory with every page open: {sides['rss_total_mb']} MB in all "
        f"({sides['rss_kernels_mb']} MB of it kernels), {sides['rss_before_mb']} MB before "
        f"the burst: {sides['mb_per_learner']} MB a learner"
    )
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--spread", type=float, default=60.0)
    parser.add_argument("--on", default="voila,hub")
    parser.add_argument("--keep", type=Path, help="keep the servers' logs in this new folder")
    parser.add_argument("--pin", action="store_true", help="the server on its own core")
    args = parser.parse_args()
    pin_browsers(args.pin)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = args.keep or Path(folder)
        for on in args.on.split(","):
            (tmp / on / "hub").mkdir(parents=True)
            rows.append(asyncio.run(run(on, args.learners, args.spread, tmp / on, args.pin)))
    write_csv("burst", rows)


if __name__ == "__main__":
    main()
