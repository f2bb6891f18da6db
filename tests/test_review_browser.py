"""The review deck in the browser: a missed question joins it, comes back on a later day
(the browser's clock moved), and leaves after right answers on two different days."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.browser import STORAGE_KEY
from tests.learner import check, open_section, wait_saved
from widgets.core.loader import course
from widgets.core.prepost import form_shown

pytestmark = pytest.mark.browser
THE_COURSE = course()
SECTION = THE_COURSE.section("what-is-ketamine")
QUESTION = THE_COURSE.quizzes[SECTION.id].questions[0]
REVIEW = THE_COURSE.section("review").notebook


def on_day(context, voila_url, notebook, when: datetime):
    """A tab whose clock reads `when` (then runs on), with the course page open."""
    page = context.new_page()
    page.clock.install(time=when)
    page.set_default_timeout(120_000)
    page.goto(f"{voila_url}/voila/render/{notebook}")
    page.locator(".kc-progress-tools").wait_for()
    return page


def answer_in_deck(page, right: bool) -> str:
    deck = page.locator(".kc-deck")
    question = deck.locator(".kc-question")
    check(question, QUESTION, right=right)
    outcome = deck.locator(".kc-message", has_text="Review:")
    outcome.wait_for()
    return outcome.inner_text()


def test_a_missed_question_comes_back_on_a_later_day_and_leaves_after_two(chromium, voila_url):
    context = chromium.new_context()
    page = open_section(context, voila_url, SECTION.notebook)
    check(page.locator(".kc-quiz .kc-question").first, QUESTION, right=False)
    wait_saved(page, [QUESTION["id"]])  # closing before the save lands would lose it
    page.close()

    first_day = on_day(context, voila_url, REVIEW, datetime(2026, 12, 1, 10, 0))
    deck = first_day.locator(".kc-deck")
    deck.get_by_text("1 question due now.").wait_for()
    assert "comes back on 2 December 2026" in answer_in_deck(first_day, right=True)
    deck.get_by_text("The next ones are due on 2 December 2026.").wait_for()
    first_day.close()

    same_day = on_day(context, voila_url, REVIEW, datetime(2026, 12, 1, 18, 0))
    same_day.locator(".kc-deck").get_by_text("Nothing is due now.").wait_for()
    same_day.close()

    next_day = on_day(context, voila_url, REVIEW, datetime(2026, 12, 2, 9, 0))
    next_day.locator(".kc-deck").get_by_text("1 question due now.").wait_for()
    assert "leaves your deck" in answer_in_deck(next_day, right=True)
    next_day.locator(".kc-deck").get_by_text("Nothing to review yet").wait_for()
    context.close()


def shown_form(page, number: int, idea, stage: str):
    """The group asking the idea, once it shows the form of it meant for this learner
    (drawn from the anonymous id the browser stored), and that form."""
    saved = page.evaluate(f"JSON.parse(localStorage.getItem({STORAGE_KEY!r}) || '{{}}')")
    choice = saved.get("prepost", {}).get(stage, {}).get(idea.id)
    form = idea.forms(stage)[form_shown(idea, stage, saved.get("learner"), choice)]
    group = page.locator(".kc-prepost fieldset.kc-choices").nth(number - 1)
    group.locator("legend", has_text=form.prompt).wait_for()
    return group, form


def test_before_and_after_checks_show_what_changed_with_links(chromium, voila_url):
    first, second = THE_COURSE.ideas[0], THE_COURSE.ideas[1]
    context = chromium.new_context()
    start = open_section(context, voila_url, THE_COURSE.sections[0].notebook)
    before = start.locator(".kc-prepost")
    group, _ = shown_form(start, 1, first, "before")
    group.get_by_label("I don't know yet").check()
    group, form = shown_form(start, 2, second, "before")
    wrong = next(t for o, t in form.options if o != form.answer)
    group.get_by_label(wrong, exact=True).check()
    before.get_by_text("2 of").wait_for()
    start.wait_for_function(
        f"(localStorage.getItem({STORAGE_KEY!r}) || '').includes({second.id!r})"
    )
    start.close()

    end = open_section(context, voila_url, REVIEW)
    after = end.locator(".kc-prepost")
    group, form = shown_form(end, 1, first, "after")
    group.get_by_label(dict(form.options)[form.answer], exact=True).check()
    group, form = shown_form(end, 2, second, "after")
    still = next(t for o, t in form.options if o != form.answer)
    group.get_by_label(still, exact=True).check()
    end.get_by_text("nothing is marked").wait_for()  # not until every idea is answered
    for number, idea in enumerate(THE_COURSE.ideas[2:], 3):
        group, form = shown_form(end, number, idea, "after")
        group.get_by_label(dict(form.options)[form.answer], exact=True).check()
    end.get_by_text("After that they cannot be changed").wait_for()
    assert end.get_by_text("nothing is marked").count() == 1, "all answered is not compared"
    after.get_by_role("button", name="Fix my answers and compare").click()
    summary = end.locator(".kc-explorer", has_text="Your answers at the start and at the end")
    summary.get_by_text("Ideas to look at again").wait_for()
    rows = summary.locator("tbody tr")
    assert "Not known yet" in rows.nth(0).inner_text()
    assert "Right" in rows.nth(0).inner_text()
    assert "Not right" in rows.nth(1).inner_text()
    section = THE_COURSE.section(second.section)
    assert summary.locator(f'a[href="{section.notebook}"]').count() == 1
    context.close()
