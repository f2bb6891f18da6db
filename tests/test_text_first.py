"""Text first: a section's header, crisis panel and prose can be read before the
widgets' scripts have come, and little moves when the widgets arrive."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Route

from tests.browser import LAYOUT_SHIFT
from widgets.core.loader import course

pytestmark = pytest.mark.browser

# The page's layout shift from opening until the quiz is drawn: at most "good" by the
# browsers' own measure of page experience (0.1).
GOOD_SHIFT = 0.1
SCRIPTS = re.compile(r"/voila/(static/voila\.js|templates/kcourse/static/.*\.js)")


class HeldScripts:
    """Voilà's scripts (the widget manager and the widgets' styles), held back until
    released: a slow network or a busy server, as the learner's browser sees it."""

    def __init__(self) -> None:
        self.held: list[Route] = []
        self.released = False

    def route(self, route: Route) -> None:
        if self.released:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        assert self.held, "no script was held back"
        self.released = True
        for route in self.held:
            route.continue_()


def test_the_text_and_crisis_panel_are_readable_before_the_widget_scripts_come(chromium, voila_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(LAYOUT_SHIFT)
    page = context.new_page()
    scripts = HeldScripts()
    page.route(SCRIPTS, scripts.route)
    with page.expect_request(SCRIPTS, timeout=120_000):  # (they come after the text)
        page.goto(f"{voila_url}/voila/render/{course().sections[1].notebook}", wait_until="commit")

    first_paragraph = page.locator(".jp-RenderedMarkdown p").first
    first_paragraph.wait_for(state="visible", timeout=120_000)
    crisis = page.locator(".kc-crisis").first
    assert crisis.is_visible() and "988" in crisis.inner_text()
    assert page.locator(".kc-header h1").is_visible()
    assert page.locator(".kc-quiz .kc-question").count() == 0, "the widgets were held back"
    assert page.get_by_text("Getting the page ready").is_visible(), "it says what is coming"

    scripts.release()
    page.locator(".kc-quiz .kc-question button").first.wait_for(timeout=120_000)
    page.locator("#loading").wait_for(state="detached")
    assert page.evaluate("window.kcShift") < GOOD_SHIFT
    context.close()
