"""A page and its progress store across re-run cells, as in JupyterLab: a part shown
again shows the saved answers and keeps saving to the browser (tests/fake_browser.py
stands in for the browser's side)."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from tests.fake_browser import FakeBrowser
from widgets.views.question import QuestionView
from widgets.views.quiz import ExerciseSet, SectionQuiz
from widgets.views.review import CompletionSummary

SECTION = "vs-psychedelics"  # notebooks/03-vs-psychedelics.ipynb
PRACTICE = "finding-a-practitioner"  # exercises above the quiz
# The module, not the `section` function that widgets.views exports under its name.
page_module = importlib.import_module("widgets.views.section")


@pytest.fixture
def shown(monkeypatch) -> list[Any]:
    """What the page's cells display, in order."""
    displayed: list[Any] = []
    monkeypatch.setattr(page_module, "display", lambda *objects: displayed.extend(objects))
    return displayed


@pytest.fixture
def browser() -> FakeBrowser:
    return FakeBrowser()


def last(shown: list[Any], kind: type) -> Any:
    return [w for w in shown if isinstance(w, kind)][-1]


def answer_right(view: QuestionView) -> None:
    view.input.value = view.question["answer"]
    view.controls.press("check")


def stored_items(browser: FakeBrowser, view: SectionQuiz | ExerciseSet, part: str) -> set[str]:
    return set(browser.stored(view.store)["sections"][view.section.id].get(part, {}))


def test_a_rerun_quiz_cell_shows_the_saved_answers_and_keeps_saving(shown, browser):
    page = page_module.section(SECTION)
    page.quiz()
    browser.catch_up()
    first = last(shown, SectionQuiz)
    answer_right(first.questions[0])
    page.quiz()  # only the quiz cell is run again
    browser.catch_up()
    again = last(shown, SectionQuiz)
    assert again is not first
    assert again.questions[0].solved and again.questions[0].tries == 1
    assert f"1 of {len(again.questions)} questions tried" in again.score_text.value
    answer_right(again.questions[1])
    assert stored_items(browser, again, "questions") == {
        again.questions[0].item_id,
        again.questions[1].item_id,
    }


def test_a_rerun_first_cell_makes_a_page_that_shows_the_saved_answers(shown, browser):
    page = page_module.section(SECTION)
    page.quiz()
    browser.catch_up()
    answer_right(last(shown, SectionQuiz).questions[0])
    page = page_module.section(SECTION)  # Run All again: a new page, then its quiz
    page.quiz()
    browser.catch_up()
    again = last(shown, SectionQuiz)
    assert again.questions[0].solved
    answer_right(again.questions[1])
    assert stored_items(browser, again, "questions") == {
        again.questions[0].item_id,
        again.questions[1].item_id,
    }


def test_the_progress_tools_come_back_with_a_rerun_quiz_and_show_once_a_page(shown):
    page = page_module.section("review")  # its quiz and its summary both offer them
    page.quiz()
    page.completion_summary()
    page.quiz()
    first, again = [w for w in shown if isinstance(w, SectionQuiz)]
    summary = last(shown, CompletionSummary)
    assert first.store is again.store is summary.store
    assert again.store in again.children and again.store.notice in again.children
    assert again.store not in summary.children


def test_a_store_left_from_the_earlier_page_does_not_undo_the_new_pages_answers(shown, browser):
    """Re-running only the first cell leaves the exercises above the quiz with the first
    page's store: both stores write to one place in the browser, and neither may put
    back an older copy over the other's answers."""
    page = page_module.section(PRACTICE)
    page.exercises()
    page.quiz()
    browser.catch_up()
    exercises, quiz = last(shown, ExerciseSet), last(shown, SectionQuiz)
    answer_right(exercises.views[0])
    answer_right(quiz.questions[0])
    page = page_module.section(PRACTICE)
    page.quiz()
    browser.catch_up()
    again = last(shown, SectionQuiz)
    answer_right(exercises.views[1])  # still the first page's exercises
    answer_right(again.questions[1])
    assert stored_items(browser, again, "exercises") == {v.item_id for v in exercises.views[:2]}
    assert stored_items(browser, again, "questions") == {q.item_id for q in again.questions[:2]}
