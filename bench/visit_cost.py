"""Where the CPU of a learner's first visit goes, on the server and in the browser.

Part 1, the visit as served: the course server with its preheated pool, one
section, each visit a fresh browser context. CPU-seconds (user + system) are read
per process in two phases. Serving: from navigation until the first quiz is shown
and every process has gone quiet. Refill: until the pool has a warm kernel again
and the server is quiet (the refill is held back until serving is over).

- server, serving: the Voilà process (the page, static files and their
  compression, the WebSocket relay);
- given kernel: the warm kernel the page was handed (found by the id in its
  channel's address), while the page connects
  (sending every widget's state, answering the page's first messages);
- server, refill: the Voilà process shutting down the visit's kernel once its
  page has closed, starting the next kernel, running the notebook in it and
  rendering its page ahead of the next learner;
- refill kernel: that kernel (its start and the whole notebook run);
- browser: every Chromium process (the page, and the browser's own), serving.

Between serving and the refill, the first question is answered right and checked:
the server and the given kernel's CPU for it, the browser's, and the round trip
until the answer is in the browser's storage.

In the same run, the same measures for a one-widget Voilà page (one button: what
any Voilà page costs, the floor) on a server of its own, and the browser's CPU
for the section as static HTML (nbconvert, opened from a file: no server).

Part 2 takes the kernel's share apart in a kernel of its own, run as the pool
runs it: kernel start (to its first reply), the notebook's imports, building the
page (the rest of its cells), and serialising every widget's state the way the
page's `request_states` has it done; with the number of widget models built.

Run: .venv/bin/python -m bench.visit_cost [--repeat 8] [--section 1]
"""

from __future__ import annotations

import ast
import math
import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import psutil
from jupyter_client.manager import KernelManager
from playwright.sync_api import Browser, Page, sync_playwright

from bench.burst import FLOOR, POOL_FILLED, floor_notebook
from bench.common import (
    browser_tree,
    cpu_seconds,
    median,
    section_visits,
    tree_cpu,
    used,
    wait_quiet,
    wait_until,
    write_csv,
)
from bench.time_to_interactive import static_pages
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    NOTEBOOK_DIR,
    REPO,
    SAVED_IN_BROWSER,
    STORAGE_KEY,
    clean_env,
    voila_server,
)
from tests.crowd import QUIZ_SHOWN, first_question
from widgets.core.loader import course

# Voilà refills its pool a second after a kernel is taken, while the page still loads;
# here it waits longer, so the CPU of serving the page and of the refill can be told apart.
REFILL_AFTER_S = 20


def kernel_pid(server: psutil.Process, kernel_id: str) -> int:
    """The process of the kernel with this id (its connection file names it)."""
    for process in server.children(recursive=True):
        if any(f"kernel-{kernel_id}.json" in part for part in process.cmdline()):
            return process.pid
    raise LookupError(f"no process for kernel {kernel_id}")


def fills(log: Path, notebook: str) -> int:
    """How often Voilà has said the notebook's pool has its warm kernel."""
    return sum(POOL_FILLED in line and notebook in line for line in log.read_text().splitlines())


def visit(
    browser: Browser,
    server: psutil.Process,
    url: str,
    notebook: str,
    log: Path,
    ready: str = f"{QUIZ_SHOWN} >> nth=0",
    check: Callable[[Page], float] | None = None,
) -> dict[str, float]:
    """One first visit's CPU, per side and phase, its time until `ready` is shown, and
    the CPU and round trip of `check` (on a section: its first question, answered
    right)."""

    def quiet() -> float:
        return sum(tree_cpu(server).values()) + sum(browser_tree().values())

    filled = fills(log, notebook)
    before, browser_before = tree_cpu(server), browser_tree()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(300_000)
    start = time.perf_counter()
    with page.expect_websocket(lambda socket: "/channels" in socket.url) as socket:
        page.goto(url, wait_until="commit")
    page.locator(ready).wait_for(state="visible")
    quiz_s = time.perf_counter() - start
    given = kernel_pid(server, socket.value.url.split("/api/kernels/")[1].split("/")[0])
    wait_quiet(quiet, "the visit")
    served, browser_served = tree_cpu(server), browser_tree()
    check_s = check(page) if check else math.nan
    wait_quiet(quiet, "the check")
    checked, browser_checked = tree_cpu(server), browser_tree()
    if set(checked) - set(before) or fills(log, notebook) > filled:
        raise RuntimeError("the pool began its refill during the visit: raise REFILL_AFTER_S")
    context.close()  # (its kernel is shut down: part of this visit's cost)
    wait_until(lambda: fills(log, notebook) > filled, 300, "the pool to refill")
    wait_quiet(lambda: sum(tree_cpu(server).values()), "the pool's refill")
    after = tree_cpu(server)
    refill = set(after) - set(before)
    return {
        "quiz_s": quiz_s,
        "server_serve_cpu_s": used(before, served, [server.pid]),
        "given_kernel_cpu_s": used(before, served, [given]),
        "server_refill_cpu_s": used(checked, after, [server.pid]),
        "refill_kernel_cpu_s": used({}, after, refill),
        "browser_cpu_s": used(browser_before, browser_served, browser_served),
        "check_s": check_s,
        "check_server_cpu_s": used(served, checked, [server.pid, given]),
        "check_browser_cpu_s": used(browser_served, browser_checked, browser_checked),
    }


def static_visit(browser: Browser, url: str) -> dict[str, float]:
    """The browser's CPU for the same page as static HTML (no server: a file)."""
    browser_before = browser_tree()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="load")
    loaded_s = time.perf_counter() - start
    wait_quiet(lambda: sum(browser_tree().values()), "the static page")
    browser_used = used(browser_before, browser_tree(), browser_tree())
    context.close()
    return {"quiz_s": loaded_s, "browser_cpu_s": browser_used}


def first_question_checker(notebook: str) -> Callable[[Page], float]:
    """Answer the section's first question right and check it: seconds until the
    feedback is shown and the answer is in the browser's storage."""
    section = next(s for s in course().sections if s.notebook == notebook)
    question_id, labels = first_question(section.id)
    return lambda page: check_question(page, question_id, labels)


def check_question(page: Page, question_id: str, labels: list[str]) -> float:
    page.locator(".kc-progress-tools").wait_for()
    view = page.locator(".kc-quiz .kc-question").first
    for label in labels:
        view.get_by_label(label, exact=True).click()
    start = time.perf_counter()
    view.get_by_role("button", name="Check answer").click()
    view.locator(".kc-message.kc-ok").wait_for()
    page.wait_for_function(SAVED_IN_BROWSER, arg=[STORAGE_KEY, [question_id]])
    return time.perf_counter() - start


@dataclass(frozen=True)
class KernelShare:
    """The kernel's CPU-seconds by stage, run as the pool runs the notebook."""

    start_s: float
    imports_s: float
    build_s: float
    serialise_s: float
    models: int
    state_bytes: int


def code_cells(notebook: Path) -> list[str]:
    return [c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]


def split_imports(source: str) -> tuple[str, str]:
    """A cell's leading import statements, and the rest of it."""
    body = ast.parse(source).body
    count = next(
        (i for i, node in enumerate(body) if not isinstance(node, ast.Import | ast.ImportFrom)),
        len(body),
    )
    lines = source.splitlines()
    cut = body[count].lineno - 1 if count < len(body) else len(lines)
    return "\n".join(lines[:cut]), "\n".join(lines[cut:])


SERIALISE = """
import json as _json, time as _time
from ipywidgets.widgets.widget import Widget as _W, _instances as _all, _remove_buffers as _rb
_t = _time.process_time()
_W.get_manager_state()  # (ipywidgets builds it once and drops it, then again)
_full = {w.model_id: {"state": w.get_state()} for w in list(_all.values())}
_full, _paths, _buffers = _rb(_full)
_bytes = len(_json.dumps(_full))
print(len(_all), _bytes, _time.process_time() - _t)
"""


@contextmanager
def own_kernel() -> Iterator[tuple[KernelManager, psutil.Process]]:
    """A python3 kernel in the notebooks folder, set up as the course server's are."""
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(
        cwd=str(NOTEBOOK_DIR), env=clean_env(PYTHONPATH=str(REPO)), stderr=subprocess.DEVNULL
    )
    try:
        yield manager, psutil.Process(manager.provisioner.process.pid)  # type: ignore[union-attr]
    finally:
        manager.shutdown_kernel(now=True)


def kernel_share(notebook: Path) -> KernelShare:
    with own_kernel() as (manager, process):
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=120)
        started = cpu_seconds(process)
        cells = code_cells(notebook)
        imports, rest = split_imports(cells[0])
        printed: list[str] = []

        def run(code: str) -> None:
            reply = client.execute_interactive(
                code,
                timeout=180,
                output_hook=lambda m: printed.append(m["content"].get("text", "")),
            )
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"{notebook.name}: a cell failed: {reply['content']}")

        run(imports)
        imported = cpu_seconds(process)
        for code in [rest, *cells[1:]]:
            run(code)
        built = cpu_seconds(process)
        printed.clear()
        run(SERIALISE)
        models, state_bytes, serialise_s = "".join(printed).split()
        client.stop_channels()
    return KernelShare(
        start_s=started,
        imports_s=imported - started,
        build_s=built - imported,
        serialise_s=float(serialise_s),
        models=int(models),
        state_bytes=int(state_bytes),
    )


def measured_visits(
    browser: Browser, folder: Path, notebook: str, repeat: int, log: Path, **how: Any
) -> list[dict[str, float]]:
    """`repeat` first visits to a notebook of `folder` on its own course server (after
    one not counted: the server's first page)."""
    with voila_server(folder, log, f"--VoilaKernelManager.fill_delay={REFILL_AFTER_S}") as server:
        url = f"{server.url}/voila/render/{notebook}"
        pages = len(list(folder.glob("*.ipynb")))  # (each has a pool)
        wait_until(lambda: log.read_text().count(POOL_FILLED) >= pages, 300, "the pools")
        process = psutil.Process(server.pid)
        wait_quiet(lambda: sum(tree_cpu(process).values()), "the server's start")
        return [visit(browser, process, url, notebook, log, **how) for _ in range(repeat + 1)][1:]


SIDES = ("server_serve_cpu_s", "given_kernel_cpu_s", "server_refill_cpu_s", "refill_kernel_cpu_s")


def mid(key: str, found: list[dict[str, float]]) -> float:
    return median([found_one[key] for found_one in found])


def server_total(found: list[dict[str, float]]) -> float:
    return sum(mid(key, found) for key in SIDES)


def main() -> None:
    notebook, repeat = section_visits(__doc__ or "")
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        checker = first_question_checker(notebook)
        visits = measured_visits(
            browser, NOTEBOOK_DIR, notebook, repeat, tmp / "voila.log", check=checker
        )
        (tmp / "floor").mkdir()
        floor_notebook(tmp / "floor")
        floor = measured_visits(
            browser, tmp / "floor", FLOOR, repeat, tmp / "floor.log", ready="button"
        )
        static_url = static_pages(tmp / "static", [notebook])[notebook].as_uri()
        static = [static_visit(browser, static_url) for _ in range(repeat)]
        browser.close()
    shares = [vars(kernel_share(NOTEBOOK_DIR / notebook)) for _ in range(repeat)]

    total, floor_total = server_total(visits), server_total(floor)
    print(f"{notebook}, {repeat} first visits, medians, {os.cpu_count()} cores:")
    print(
        f"  server CPU per first visit: {total:.2f} s; the one-widget Voilà page "
        f"{floor_total:.2f} s ({total / floor_total:.1f}x); static HTML: no server"
    )
    for key in SIDES:
        name = key.removesuffix("_cpu_s").replace("_", " ")
        print(f"    {name}: {mid(key, visits):.2f} s (one-widget page {mid(key, floor):.2f} s)")
    browser_cpu = mid("browser_cpu_s", visits)
    print(
        f"  browser CPU per visit: {browser_cpu:.2f} s; one-widget page "
        f"{mid('browser_cpu_s', floor):.2f} s; static HTML {mid('browser_cpu_s', static):.2f} s"
    )
    print(
        f"  first quiz shown: {mid('quiz_s', visits):.2f} s; the one-widget page's button "
        f"{mid('quiz_s', floor):.2f} s; static HTML loaded {mid('quiz_s', static):.2f} s"
    )
    print(
        f"  a check: server CPU {mid('check_server_cpu_s', visits):.3f} s, "
        f"browser CPU {mid('check_browser_cpu_s', visits):.3f} s, "
        f"round trip to stored {mid('check_s', visits):.3f} s"
    )
    print("  the kernel's share, in a kernel of its own:")
    for key in ("start_s", "imports_s", "build_s", "serialise_s"):
        print(f"    {key.removesuffix('_s')}: {mid(key, shares):.2f} s")
    print(
        f"    widget models: {mid('models', shares):.0f}, state {mid('state_bytes', shares):.0f} B"
    )
    rows = [{"page": "course", "visit": n, **v} for n, v in enumerate(visits)]
    rows += [{"page": "one-widget", "visit": n, **v} for n, v in enumerate(floor)]
    rows += [{"page": "static", "visit": n, **v} for n, v in enumerate(static)]
    write_csv("visit_cost", [{**dict.fromkeys(rows[0]), **row} for row in rows])
    write_csv("visit_cost_kernel", [{"kernel": n, **k} for n, k in enumerate(shares)])


if __name__ == "__main__":
    main()
