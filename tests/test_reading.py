"""A page made for reading: comfortable lines on a wide screen, and a section that prints."""

from __future__ import annotations

import re

import pytest

from tests.learner import open_section
from widgets.core.loader import course

pytestmark = pytest.mark.browser
PAGES = ["index.ipynb", *(s.notebook for s in course().sections)]

# The most characters on one full line (not a paragraph's last) of the page's prose:
# each character's box, grouped by the line it sits on.
WIDEST_LINE = """() => {
  let widest = 0;
  for (const block of document.querySelectorAll(
    ".jp-RenderedHTMLCommon :is(p, li), .widget-html-content :is(p, li)"
  )) {
    const lines = new Map();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (box) lines.set(Math.round(box.top), (lines.get(Math.round(box.top)) || 0) + 1);
      }
    }
    const counts = [...lines.values()].slice(0, -1);
    widest = Math.max(widest, ...counts);
  }
  return widest;
}"""


@pytest.mark.parametrize("notebook", PAGES)
def test_prose_lines_hold_60_to_80_characters_on_a_wide_screen(chromium, voila_url, notebook):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = open_section(context, voila_url, notebook)
    widest = page.evaluate(WIDEST_LINE)
    context.close()
    assert 60 <= widest <= 80, f"{notebook}: {widest} characters on its widest line"


def test_a_printed_section_keeps_its_text_sources_and_crisis_panel_but_no_controls(
    chromium, voila_url
):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = open_section(context, voila_url, "06-caution.ipynb")
    page.emulate_media(media="print")
    for kept in (".kc-crisis", ".kc-references", ".kc-quiz .kc-prompt >> nth=0"):
        assert page.locator(kept).first.is_visible(), kept
    shown = [b for b in page.get_by_role("button").all() if b.is_visible()]
    assert shown == [], [b.inner_text() for b in shown]
    pdf = page.pdf(format="A4")
    context.close()
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages > 5, f"the section printed on {pages} page(s): cut off at the first"
