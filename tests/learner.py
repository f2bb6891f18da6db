"""A learner in the browser: answers any question type right or wrong, like a person would."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page, TimeoutError

from tests.browser import SAVED_IN_BROWSER, STORAGE_KEY
from widgets.views.progress import LOADING_NOTE

Question = dict[str, Any]


def _choose(view: Locator, texts: list[str], all_texts: list[str]) -> None:
    """Tick exactly these labels (radios or checkboxes), one change at a time."""
    for text in all_texts:
        box = view.get_by_label(text, exact=True)
        if box.is_checked() != (text in texts):
            box.click()


def set_answer(view: Locator, question: Question, right: bool) -> None:
    kind = question["type"]
    if kind in ("single", "multiple"):
        options = {o["id"]: o["text"] for o in question["options"]}
        key = [question["answer"]] if kind == "single" else question["answer"]
        wrong = [i for i in options if i not in key]
        if right:
            chosen = key
        elif kind == "multiple" and len(key) > 1:
            chosen = key[:1]
        else:
            chosen = wrong[:1]
        _choose(view, [options[i] for i in chosen], list(options.values()))
    elif kind == "truefalse":
        value = question["answer"] if right else not question["answer"]
        _choose(view, ["True" if value else "False"], ["True", "False"])
    elif kind == "numeric":
        miss = question["tolerance"] + max(1, abs(question["answer"]))
        value = question["answer"] if right else question["answer"] + miss
        field = view.locator("input[type=text]")
        field.fill(f"{value:g}")
        field.press("Tab")
    elif kind == "matching":
        matches = [p["match"] for p in question["pairs"]]
        chosen = matches if right else matches[1:] + matches[:1]
        for menu, match in zip(view.locator("select").all(), chosen, strict=True):
            menu.select_option(label=match)
    else:
        texts = {i["id"]: i["text"] for i in question["items"]}
        order = question["answer"] if right else list(reversed(question["answer"]))
        for menu, item in zip(view.locator("select").all(), order, strict=True):
            menu.select_option(label=texts[item])


def check(view: Locator, question: Question, right: bool) -> str:
    """Answer, press Check, wait for the verdict; returns the feedback text."""
    set_answer(view, question, right)
    view.get_by_role("button", name="Check answer").click()
    verdict = view.locator(".kc-message.kc-ok" if right else ".kc-message.kc-wrong")
    try:
        verdict.wait_for()
    except TimeoutError as error:
        shown = view.locator(".kc-message").all_inner_texts()
        raise AssertionError(
            f"{question['id']} answered {'right' if right else 'wrong'}: "
            f"expected a verdict, page shows {shown}"
        ) from error
    return verdict.inner_text()


def write_reflection(view: Locator) -> str:
    view.locator("textarea").fill("My own words: it is not approved for microdosing at home.")
    view.locator("textarea").press("Tab")
    view.get_by_role("button", name="Compare with a model answer").click()
    model = view.locator(".kc-message.kc-answer")
    model.wait_for()
    return model.inner_text()


def open_section(context: Any, voila_url: str, notebook: str) -> Page:
    """A course page in a new tab, once its progress tools (the last thing built) are
    shown and the kernel has the browser's stored progress (the loading note is gone)."""
    page: Page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{voila_url}/voila/render/{notebook}")
    page.locator(".kc-progress-tools").wait_for()
    page.get_by_text(LOADING_NOTE[:40]).first.wait_for(state="hidden")
    return page


def wait_saved(page: Page, ids: list[str], key: str = STORAGE_KEY) -> None:
    """Wait until the browser's storage (under `key`) holds every one of these question ids."""
    page.wait_for_function(SAVED_IN_BROWSER, arg=[key, ids])
