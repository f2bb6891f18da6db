"""A learner's first hour in the Voilà app, as it went wrong once: each test is a thing a
person did (load a file from another device, change a right answer, follow the home's
link to the review deck, read the evidence, print, tap a number) and what they saw."""

from __future__ import annotations

import csv
import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser import STORAGE_KEY
from tests.learner import check, open_section, wait_saved
from widgets.authoring.notebooks import page_title
from widgets.core.loader import DATA_DIR, course
from widgets.views.choices import CONFIDENCE_LEGEND

pytestmark = pytest.mark.browser
THE_COURSE = course()
PAGES = ["index.ipynb", *(s.notebook for s in THE_COURSE.sections)]


def stored(page) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem({STORAGE_KEY!r}) || '{{}}')")


def answered(section_id: str, question_id: str) -> dict:
    """A progress-file entry: this question answered right at the first try."""
    state = {"tries": 1, "score": 1.0, "solved": True, "revealed": False}
    return {section_id: {"questions": {question_id: state}}}


def test_loading_a_file_joins_it_with_this_browser_and_undo_brings_back_what_was_here(
    chromium, voila_url, tmp_path
):
    """Moving between two devices: a file from the other one must not wipe this one."""
    here, first, last = THE_COURSE.sections[1], THE_COURSE.sections[0], THE_COURSE.sections[7]
    mine = THE_COURSE.quizzes[here.id].questions[0]
    theirs = [THE_COURSE.quizzes[s.id].questions[0]["id"] for s in (first, last)]
    context = chromium.new_context()
    page = open_section(context, voila_url, here.notebook)
    check(page.locator(".kc-quiz .kc-question").first, mine, right=True)
    wait_saved(page, [mine["id"]])
    other_device = {
        "course": THE_COURSE.id,
        "version": THE_COURSE.version,
        "sections": answered(first.id, theirs[0]) | answered(last.id, theirs[1]),
    }
    file = tmp_path / "progress.json"
    file.write_text(json.dumps(other_device))
    page.locator("input[type=file]").set_input_files(file)
    page.get_by_text("joined with this browser's").wait_for()
    assert "2 answer(s) added" in page.locator(".kc-status").inner_text()
    wait_saved(page, [mine["id"], *theirs])
    assert set(stored(page)["sections"]) == {here.id, first.id, last.id}

    page.get_by_role("button", name="Undo loading the file").click()
    page.get_by_text("Loading undone").wait_for()
    page.wait_for_function(
        f"!(localStorage.getItem({STORAGE_KEY!r}) || '').includes({theirs[0]!r})"
    )
    assert set(stored(page)["sections"]) == {here.id}
    page.reload()
    page.locator(".kc-progress-tools").wait_for()
    page.locator(".kc-quiz .kc-question").first.locator(".kc-message.kc-ok").wait_for()
    context.close()


def test_right_then_wrong_is_shown_and_stored_as_wrong(chromium, voila_url):
    section = THE_COURSE.section("vs-psychedelics")
    question = THE_COURSE.quizzes[section.id].questions[0]
    context = chromium.new_context()
    page = open_section(context, voila_url, section.notebook)
    view = page.locator(".kc-quiz .kc-question").first
    check(view, question, right=True)
    check(view, question, right=False)
    # (the verdict and the line of tries are two widgets, each updated in its own message)
    expect(view).not_to_contain_text("Answered correctly")
    expect(view.locator(".kc-message.kc-ok")).to_have_count(0)
    page.wait_for_function(
        """([key, section, id]) => {
             const saved = JSON.parse(localStorage.getItem(key) || "{}");
             return saved.sections?.[section]?.questions?.[id]?.tries === 2;
           }""",
        arg=[STORAGE_KEY, section.id, question["id"]],
    )
    state = stored(page)["sections"][section.id]["questions"][question["id"]]
    assert (state["solved"], state["score"]) == (False, 0.0)
    assert state["first_try"]["correct"] is True, "the first try is kept apart"
    page.reload()
    page.locator(".kc-progress-tools").wait_for()
    page.locator(".kc-quiz .kc-question").first.locator(".kc-message.kc-wrong").wait_for()
    context.close()


def test_the_homes_review_link_lands_at_the_review_deck(chromium, voila_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = open_section(context, voila_url, "index.ipynb")
    page.get_by_role("link", name="Your reviews").first.click()
    page.wait_for_url(re.compile(r"08-review\.ipynb#Your-reviews$"))
    page.locator(".kc-progress-tools").wait_for()
    # Wait for the heading to come to the top of the scrolling page, and stay there.
    page.wait_for_function(
        """() => { const h = document.getElementById("Your-reviews");
                   const box = h && h.getBoundingClientRect();
                   return box && box.top >= 0 && box.top < 120; }"""
    )
    assert page.evaluate("document.getElementById('rendered_cells').scrollTop") > 1000
    context.close()


@pytest.mark.parametrize("medium", ["screen", "print"])
def test_every_part_of_each_evidence_card_fits_the_page(chromium, voila_url, medium):
    """The columns learners are told to read (Certainty, Sources) were cut off."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = open_section(context, voila_url, "05-evidence-by-condition.ipynb")
    page.emulate_media(media=medium)
    with (DATA_DIR / "tables" / "evidence.csv").open(encoding="utf-8") as table:
        assert page.locator(".kc-card").count() == len(list(csv.DictReader(table)))
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.kc-card')].flatMap((card) => {
             const outer = card.closest('.jp-OutputArea-output, .kc-explorer')
                               .getBoundingClientRect();
             return [...card.querySelectorAll('dt, dd, h4')]
               .filter((e) => e.getBoundingClientRect().right > outer.right + 1
                              || e.scrollWidth > e.clientWidth + 1)
               .map((e) => e.textContent.slice(0, 40));
           })"""
    )
    assert clipped == []
    terms = page.locator(".kc-card").first.locator("dt").all_inner_texts()
    assert {"Certainty", "Sources"} <= set(terms)
    context.close()


def test_each_page_is_titled_by_its_section(chromium, voila_url):
    context = chromium.new_context()
    for notebook in ("index.ipynb", "05-evidence-by-condition.ipynb"):
        page = open_section(context, voila_url, notebook)
        assert page.title() == page_title(notebook)
        assert not page.title().endswith(".ipynb")
        page.close()
    context.close()


def test_the_after_check_is_fixed_only_when_the_learner_says_so(chromium, voila_url):
    section = THE_COURSE.section("review")
    context = chromium.new_context()
    page = open_section(context, voila_url, section.notebook)
    check_box = page.locator(".kc-prepost")
    how_sure = page.locator("legend", has_text=CONFIDENCE_LEGEND)
    groups = check_box.locator("fieldset.kc-choices").filter(has_not=how_sure)
    assert groups.count() == len(THE_COURSE.ideas)
    for index in range(groups.count()):
        group = groups.nth(index)
        labels = group.locator("label")
        assert labels.last.inner_text().strip() == "I don't know yet"
        labels.first.click()
    done = check_box.get_by_role("button", name="Fix my answers and compare")
    page.wait_for_function(
        "() => !document.evaluate(\"//button[contains(., 'Fix my answers')]\", document,"
        " null, 9).singleNodeValue.disabled"
    )
    assert groups.first.locator("input").first.is_enabled(), "the last click fixes nothing"
    groups.first.locator("label").nth(1).click()  # a change of mind is still possible
    assert "cannot be changed" in check_box.locator(".kc-status").inner_text()
    done.click()
    groups.first.locator("input:disabled").first.wait_for(state="attached")
    page.get_by_text("Your answers at the start and at the end").wait_for()
    chosen = groups.first.locator(".kc-choice:has(input:checked)")
    assert chosen.evaluate("e => getComputedStyle(e).opacity") == "1"
    assert chosen.evaluate("e => getComputedStyle(e).fontWeight") in ("700", "bold")
    page.reload()
    page.locator(".kc-progress-tools").wait_for()
    page.locator(".kc-prepost fieldset.kc-choices input:disabled").first.wait_for(state="attached")
    assert stored(page)["prepost"]["compared"] is True
    context.close()


def luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: tuple[float, ...], two: tuple[float, ...]) -> float:
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rgb(css: str) -> tuple[float, ...]:
    return tuple(float(n) for n in re.findall(r"[\d.]+", css)[:3])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_crisis_numbers_are_tappable_and_the_focus_ring_stands_out(chromium, voila_url, scheme):
    context = chromium.new_context(
        viewport={"width": 375, "height": 800}, color_scheme=scheme, has_touch=True
    )
    page = open_section(context, voila_url, "01-what-is-ketamine.ipynb")
    panel = page.locator(".kc-crisis").first
    hrefs = panel.locator("a.kc-dial").evaluate_all("links => links.map((a) => a.href)")
    assert {"tel:988", "sms:988", "tel:911", "tel:18002221222"} <= set(hrefs)
    heights = panel.locator("a.kc-dial").evaluate_all(
        "links => links.map((a) => a.getBoundingClientRect().height)"
    )
    assert min(heights) >= 44, "each is big enough to tap"

    button = page.locator(".kc-quiz").get_by_role("button", name="Check answer").first
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus from the keyboard, so :focus-visible applies
    ring = button.evaluate(
        """(b) => { const s = getComputedStyle(b);
                    return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor,
                            parseFloat(s.fontSize), b.getBoundingClientRect().height]; }"""
    )
    style, width, colour, font, height = ring
    page_colour = page.evaluate(
        "getComputedStyle(document.querySelector('.kc-question')).backgroundColor"
    )
    background = rgb(page_colour) if "rgba(0, 0, 0, 0)" not in page_colour else None
    if background is None:
        body = page.evaluate("getComputedStyle(document.body).backgroundColor")
        background = rgb(body)
    assert style != "none" and width >= 2
    assert contrast(rgb(colour), background) >= 3, (colour, background)
    assert font >= 16 and height >= 44, "as big as the text beside it, and easy to tap"
    context.close()
