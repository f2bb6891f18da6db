"""Overload degrades, never hangs in silence: a page the server has not finished after
30 s tells the learner so, says where to get help now, and offers a working retry."""

from __future__ import annotations

import re

import nbformat
import pytest
from playwright.sync_api import WebSocketRoute

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


class HeldKernelMessages:
    """Messages from the kernel to the page, kept back until released."""

    def __init__(self) -> None:
        self.held: list[str | bytes] = []
        self.page: WebSocketRoute | None = None
        self.released = False

    def route(self, page: WebSocketRoute) -> None:
        self.page = page
        page.connect_to_server().on_message(self.from_kernel)

    def from_kernel(self, message: str | bytes) -> None:
        if self.released and self.page:
            self.page.send(message)
        else:
            self.held.append(message)

    def release(self) -> None:
        assert self.page, "the page never opened its kernel channel"
        self.released = True
        for message in self.held:
            self.page.send(message)


def test_text_shown_but_widgets_still_waiting_after_30_seconds_gets_the_notice(chromium, voila_url):
    """The lab template shows the text before any widget is drawn; a kernel too busy to
    answer must not leave the learner with a page of text and no quiz, in silence.
    Here the kernel's messages are held back; once they come, the notice goes."""
    page = chromium.new_context().new_page()
    kernel = HeldKernelMessages()
    channels = re.compile(r"/api/kernels/[^/]+/channels")
    page.route_web_socket(channels, kernel.route)
    page.clock.install()
    # The text comes before the bundle that opens the kernel channel: wait for both.
    with page.expect_websocket(lambda socket: bool(channels.search(socket.url)), timeout=120_000):
        page.goto(f"{voila_url}/voila/render/{course().sections[1].notebook}", wait_until="commit")
        page.wait_for_function("() => !document.getElementById('loading')", timeout=120_000)
    page.locator("#rendered_cells .jp-OutputArea-output").first.wait_for(state="attached")
    assert page.locator(".kc-quiz .kc-question").count() == 0, "held messages got through"
    page.clock.fast_forward(BUSY_AFTER_MS + 1_000)
    notice = page.get_by_role("alert").filter(has_text="taking longer than usual")
    notice.wait_for()
    assert notice.is_visible()
    page.locator(".kc-header h1").wait_for()  # the text stays readable beside it

    kernel.release()
    page.locator(".kc-quiz .kc-question button").first.wait_for(timeout=120_000)
    page.clock.fast_forward(2_000)
    notice.wait_for(state="detached")
    page.context.close()


def test_a_page_that_finished_never_shows_the_notice_even_with_an_empty_text_output(
    chromium, voila_url
):
    """Text the server rendered is never waiting for a widget, even empty (a cell that
    printed nothing): it must not hold a finished page "loading"."""
    page = chromium.new_context().new_page()
    page.clock.install()
    page.goto(f"{voila_url}/voila/render/index.ipynb")
    page.locator(".kc-progress-tools").wait_for(timeout=120_000)
    page.evaluate(
        """() => {
          const empty = document.createElement("div");
          empty.className = "jp-OutputArea-output jp-RenderedHTMLCommon";
          document.getElementById("rendered_cells").append(empty);
        }"""
    )
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
