"""Overload degrades, never hangs in silence: a page the server has not finished after
30 s tells the learner so, says where to get help now, and offers a working retry."""

from __future__ import annotations

import re

import nbformat
import pytest

from tests.browser import REPO, voila_server
from widgets.core.loader import course
from widgets.views.page import dial_html

pytestmark = pytest.mark.browser
BUSY_AFTER_MS = 30_000


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory):
    """A Voilà like the course's whose one page takes 30 s to run: a stand-in for a
    kernel that a burst of learners keeps from starting or finishing."""
    folder = tmp_path_factory.mktemp("slow")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("import time\n\ntime.sleep(30)")]
    nbformat.write(notebook, folder / "slow.ipynb")
    with voila_server(folder, folder / "voila.log") as server:
        yield server


def test_a_page_still_loading_after_30_seconds_says_so_and_offers_a_retry(chromium, slow_server):
    page = chromium.new_context().new_page()
    page.clock.install()
    page.goto(f"{slow_server.url}/voila/render/slow.ipynb", wait_until="commit")
    page.locator("#loading").wait_for()
    page.clock.fast_forward(BUSY_AFTER_MS - 5_000)
    assert page.locator("#kc-busy").count() == 0, "the notice came too early"
    page.clock.fast_forward(6_000)
    notice = page.get_by_role("alert").filter(has_text="taking longer than usual")
    notice.wait_for()
    for contact in ("988", "911", "1-800-222-1222"):
        assert contact in notice.inner_text()
    retry = notice.get_by_role("button", name="Try again")
    retry.focus()
    with page.expect_navigation(wait_until="commit"):
        page.keyboard.press("Enter")
    page.context.close()


def test_a_page_that_finished_never_shows_the_notice(chromium, voila_url):
    page = chromium.new_context().new_page()
    page.clock.install()
    page.goto(f"{voila_url}/voila/render/index.ipynb")
    page.locator(".kc-progress-tools").wait_for(timeout=120_000)
    page.clock.fast_forward(BUSY_AFTER_MS + 5_000)
    assert page.locator("#kc-busy").count() == 0
    page.context.close()


def test_the_notice_gives_the_crisis_contacts_of_the_course():
    """The notice repeats the crisis panel's numbers (the page has not come yet)."""
    template = (REPO / "share/jupyter/voila/templates/kcourse/index.html.j2").read_text()
    numbers = set(re.findall(r"\b(?:988|911|1-800-222-1222)\b", str(course().crisis)))
    assert numbers == {"988", "911", "1-800-222-1222"}
    notice = template[template.index('notice.id = "kc-busy"') :]
    assert numbers <= set(re.findall(r"\b(?:988|911|1-800-222-1222)\b", notice))
    panel = {dial_html(d) for line in course().crisis["lines"] for d in line.get("dial", [])}
    dialled = {re.search(r'href="([^"]+)"', link)[1] for link in panel}
    tapped = set(re.findall(r'href="((?:tel|sms):[^"]+)"', notice))
    assert tapped == {"tel:988", "sms:988", "tel:911", "tel:18002221222"}, "each one a link"
    assert tapped <= dialled, "the panel's own links"
    assert f"BUSY_AFTER_MS = {BUSY_AFTER_MS}" in template
