"""A learner answers by keyboard in Voilà, sees feedback, reloads, finds it restored."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import STORAGE_KEY
from tests.learner import check, open_section

pytestmark = pytest.mark.browser


def press_until(page, key: str, condition: str, limit: int = 300) -> None:
    """Press a key until a JS condition on the page holds (focus moves are synchronous)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(condition):
            return
    raise AssertionError(f"{key} x{limit} never reached: {condition}")


# An answer's radio, not one of "How sure are you?" (which comes between it and Check).
FOCUS_ON_RADIO = (
    "document.activeElement.type === 'radio' && !document.activeElement.closest('.kc-confidence')"
)
FOCUS_ON_CHECK = "document.activeElement.textContent.trim() === 'Check answer'"


def test_keyboard_answer_gets_feedback_and_survives_reload(chromium, voila_url, the_course):
    section = the_course.section("what-is-ketamine")
    question = the_course.quizzes[section.id].questions[0]
    right = next(o["text"] for o in question["options"] if o["id"] == question["answer"])
    context = chromium.new_context()
    page = open_section(context, voila_url, section.notebook)
    first = page.locator(".kc-question").first
    feedback = first.locator("[role=alert]")

    press_until(page, "Tab", FOCUS_ON_RADIO)
    assert first.locator("input:focus").count() == 1, "Tab reached another question first"
    page.keyboard.press("Space")
    # Each change is checked before the next, so the kernel always grades what is shown.
    # Arrow keys move through the options, so the right one is reached within one lap.
    for _ in question["options"]:
        press_until(page, "Tab", FOCUS_ON_CHECK, limit=5)
        page.keyboard.press("Enter")
        feedback.wait_for()
        if first.locator("label:has(input:checked)").inner_text().strip() == right:
            break
        assert "Not right:" in feedback.inner_text()
        press_until(page, "Shift+Tab", FOCUS_ON_RADIO, limit=5)
        page.keyboard.press("ArrowDown")
        feedback.wait_for(state="detached")
    assert "Correct." in feedback.inner_text()
    page.wait_for_function(
        f"(localStorage.getItem({STORAGE_KEY!r}) || '').includes({question['id']!r})"
    )

    page.reload()
    page.locator(".kc-progress-tools").wait_for()
    first = page.locator(".kc-question").first
    first.locator("[role=alert]").wait_for()
    assert "Correct." in first.locator("[role=alert]").inner_text()
    chosen = first.locator("label:has(input:checked)", has_text=right)
    chosen.wait_for()
    assert chosen.inner_text().strip() == right
    context.close()


def test_the_last_hint_by_keyboard_leaves_the_focus_on_check(chromium, voila_url, the_course):
    """The hint button locks once every hint is shown; the focus it held goes to Check
    of the same question, not back to the top of the page."""
    section = the_course.section("what-is-ketamine")
    question = the_course.quizzes[section.id].questions[0]
    context = chromium.new_context()
    page = open_section(context, voila_url, section.notebook)
    first = page.locator(".kc-question").first
    hint = first.get_by_role("button", name="Show a hint")
    hint.focus()
    for shown in range(1, len(question["hints"]) + 1):
        page.keyboard.press("Enter")
        first.locator(".kc-hint li").nth(shown - 1).wait_for()
    expect(hint).to_be_disabled()
    focused_check = first.get_by_role("button", name="Check answer").evaluate(
        "button => button === document.activeElement"
    )
    context.close()
    assert focused_check


def test_a_quick_change_to_a_matching_answer_is_graded_as_shown(chromium, voila_url, the_course):
    """Each menu's change reaches the kernel before the click on Check that follows it."""
    section = the_course.section("caution")
    question = next(q for q in the_course.quizzes[section.id].questions if q["type"] == "matching")
    context = chromium.new_context()
    page = open_section(context, voila_url, section.notebook)
    view = page.locator(".kc-quiz .kc-question", has_text=question["prompt"])
    menus = view.locator("select")
    matches = [p["match"] for p in question["pairs"]]
    for menu, match in zip(menus.all(), matches, strict=True):
        menu.select_option(label=match)
    view.get_by_role("button", name="Check answer").click()
    view.locator(".kc-message.kc-ok").wait_for()
    menus.first.select_option(label=matches[1])
    view.get_by_role("button", name="Check answer").click()
    view.locator(".kc-message.kc-wrong").wait_for()
    assert view.get_by_role("group", name="Match each one").count() == 1
    context.close()


def test_sure_but_wrong_shows_the_correction_and_both_survive_a_reload(
    chromium, voila_url, the_course
):
    section = the_course.section("what-is-ketamine")
    question = the_course.quizzes[section.id].questions[0]
    context = chromium.new_context()
    page = open_section(context, voila_url, section.notebook)
    first = page.locator(".kc-question").first
    first.get_by_role("group", name="How sure are you? (optional)").get_by_label(
        "Sure", exact=True
    ).check()
    check(first, question, right=False)
    note = first.locator(".kc-message", has_text="You were sure, but this is not right.")
    note.wait_for()
    page.wait_for_function(
        """([key, section, id]) => {
             const saved = JSON.parse(localStorage.getItem(key) || "{}");
             const state = saved.sections?.[section]?.questions?.[id];
             return state?.confidence === "sure";
           }""",
        arg=[STORAGE_KEY, section.id, question["id"]],
    )
    page.reload()
    page.locator(".kc-progress-tools").wait_for()
    first = page.locator(".kc-question").first
    first.locator(".kc-message", has_text="You were sure, but this is not right.").wait_for()
    assert (
        first.get_by_role("group", name="How sure are you? (optional)")
        .get_by_label("Sure", exact=True)
        .is_checked()
    )
    context.close()


def test_answers_given_while_the_browser_refuses_to_store_are_saved_once_it_can(
    chromium, voila_url, the_course
):
    """Each save sends only what changed, so a write the browser refused (storage full
    or blocked) used to lose those answers for good; later saves build on them now."""
    section = the_course.section("what-is-ketamine")
    questions = the_course.quizzes[section.id].questions[:2]
    context = chromium.new_context()
    context.add_init_script(
        "const realSet = Storage.prototype.setItem;"
        "window.refuseStorage = true;"
        "Storage.prototype.setItem = function (k, v) {"
        "  if (window.refuseStorage) throw new DOMException('full', 'QuotaExceededError');"
        "  return realSet.call(this, k, v); };"
    )
    page = open_section(context, voila_url, section.notebook)
    views = page.locator(".kc-question")
    check(views.nth(0), questions[0], right=True)
    page.locator(".kc-status", has_text="would not save").first.wait_for()
    page.evaluate("window.refuseStorage = false")
    check(views.nth(1), questions[1], right=True)
    page.wait_for_function(
        f"['{questions[0]['id']}', '{questions[1]['id']}'].every((id) => "
        f"(localStorage.getItem({STORAGE_KEY!r}) || '').includes(id))"
    )
    stored = page.evaluate(f"JSON.parse(localStorage.getItem({STORAGE_KEY!r}))")
    assert re.fullmatch(r"[A-Za-z0-9-]{8,64}", stored["learner"]), "the anonymous id is made"
    context.close()
