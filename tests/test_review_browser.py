"""The review deck in the browser: a missed question joins it, comes back on a later day
(the browser's clock moved), and leaves after right answers on two different days."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.learner import check, open_section
from widgets.core.loader import course

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
