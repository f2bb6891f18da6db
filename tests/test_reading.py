"""A page made for reading: comfortable lines on a wide screen, figures that read on a
phone and at 200% zoom, a list of a long section's parts, how far you have read, and
a section that prints."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

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
    for kept in (".kc-crisis", ".kc-references", ".kc-quiz .kc-prompt >> nth=0", ".kc-figure-svg"):
        assert page.locator(kept).first.is_visible(), kept
    shown = [b for b in page.get_by_role("button").all() if b.is_visible()]
    assert shown == [], [b.inner_text() for b in shown]
    pdf = page.pdf(format="A4")
    context.close()
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages > 5, f"the section printed on {pages} page(s): cut off at the first"


FIGURE_PAGES = sorted({course().section(f.section).notebook for f in course().figures.values()})

# The smallest text in the page's figures, in CSS pixels as drawn, and how far any
# figure reaches past the right edge of the window.
FIGURE_TEXT = """() => {
  const sizes = [...document.querySelectorAll(".kc-figure-svg text")].map(
    (t) => t.getBoundingClientRect().height
  );
  const right = Math.max(
    ...[...document.querySelectorAll(".kc-figure-svg")].map((s) => s.getBoundingClientRect().right)
  );
  return { smallest: Math.min(...sizes), count: sizes.length, past: right - window.innerWidth };
}"""


@pytest.mark.parametrize("width", [375, 640], ids=["phone", "zoom-200"])
@pytest.mark.parametrize("notebook", FIGURE_PAGES)
def test_figures_fit_the_window_and_their_text_stays_readable(chromium, voila_url, notebook, width):
    """640 CSS px is a 1280 px window at 200% zoom; 375 px a phone."""
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = open_section(context, voila_url, notebook)
    measured = page.evaluate(FIGURE_TEXT)
    context.close()
    assert measured["count"] > 0
    assert measured["past"] <= 0, f"{notebook}: a figure reaches {measured['past']} px past"
    # A text's box is about 1.2 times its font size: 12 px is text of about 10 px.
    assert measured["smallest"] >= 12, f"{notebook}: text {measured['smallest']:.1f} px high"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_figure_has_a_text_alternative_axe_accepts(chromium, voila_url, scheme):
    for notebook in FIGURE_PAGES:
        context = chromium.new_context(color_scheme=scheme)
        page = open_section(context, voila_url, notebook)
        figures = page.locator(".kc-figure-svg").count()
        result = Axe().run(page, options={"runOnly": ["svg-img-alt", "image-alt"]}).response
        context.close()
        assert result["violations"] == [], notebook
        passed = [n for rule in result["passes"] for n in rule["nodes"]]
        assert len(passed) == figures > 0, notebook


def test_a_long_sections_contents_link_brings_its_part_into_view_below_the_reading_bar(
    chromium, voila_url
):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = open_section(context, voila_url, "06-caution.ipynb")
    contents = page.get_by_role("link", name="Safeguards in approved treatment")
    contents.click()
    heading = page.get_by_role("heading", name="Safeguards in approved treatment")
    page.wait_for_function(
        """(h) => {
             const top = h.getBoundingClientRect().top;
             const bar = document.querySelector('#kc-reading').getBoundingClientRect();
             return top >= bar.bottom && top < 200;
           }""",
        arg=heading.element_handle(),
    )
    context.close()


def test_the_reading_bar_names_the_section_and_follows_the_scroll(chromium, voila_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = open_section(context, voila_url, "02-how-it-acts.ipynb")
    bar = page.get_by_role("progressbar", name="How far through this section you have read")
    assert bar.get_attribute("aria-valuenow") == "0"
    assert bar.inner_text().startswith("Section 2: ")
    page.evaluate(
        "() => { const s = document.querySelector('#rendered_cells'); "
        "s.scrollTop = s.scrollHeight; }"
    )
    page.wait_for_function("document.querySelector('#kc-reading').ariaValueNow === '100'")
    assert "100% read" in bar.inner_text()
    page.emulate_media(media="print")
    assert not bar.is_visible()
    context.close()


# Changes to the reading bar over the next 60 animation frames of an idle page.
BAR_CHANGES_WHILE_IDLE = """() => new Promise((done) => {
  let changes = 0;
  const watch = new MutationObserver((list) => { changes += list.length; });
  watch.observe(document.getElementById("kc-reading"), {
    childList: true, subtree: true, characterData: true, attributes: true,
  });
  let frames = 0;
  const tick = () => (++frames < 60 ? requestAnimationFrame(tick) : done(changes));
  requestAnimationFrame(tick);
})"""


def test_the_reading_bar_rests_while_nothing_moves(chromium, voila_url):
    """Each change it made to itself once woke it again: a redraw every frame, forever."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = open_section(context, voila_url, "02-how-it-acts.ipynb")
    page.get_by_role("progressbar", name="How far through this section you have read").wait_for()
    changes = page.evaluate(BAR_CHANGES_WHILE_IDLE)
    context.close()
    assert changes == 0
