"""The review deck: what joins it, when it comes back, when it leaves (dates injected)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.doubles import RecordingStore
from widgets.core.progress_doc import ProgressError, parse_progress
from widgets.core.review_deck import Card, answered, cards, due_now, needs_review, next_due
from widgets.views.deck import ReviewDeck

TODAY = date(2026, 11, 30)
SECTION, QUESTION = "what-is-ketamine", "wik-drug-class"


def tried(correct: bool, confidence: str | None = None, revealed: bool = False) -> dict:
    return {
        "tries": 1,
        "score": float(correct),
        "solved": correct,
        "revealed": revealed,
        "first_try": {"correct": correct, "confidence": confidence},
    }


def document(the_course, state, deck=None):
    doc = {
        "course": the_course.id,
        "version": the_course.version,
        "sections": {SECTION: {"questions": {QUESTION: state}}},
    }
    return doc | ({"deck": deck} if deck is not None else {})


@pytest.mark.parametrize(
    ("state", "joins"),
    [
        (tried(False), True),
        (tried(True, "unsure"), True),
        (tried(True, "guessing"), True),
        (tried(True, revealed=True), True),
        (tried(True, "sure"), False),
        (tried(True), False),
        ({"tries": 2, "score": 0.0, "solved": False, "revealed": False}, True),  # older file
    ],
)
def test_a_question_joins_when_missed_unsure_or_revealed(state, joins):
    assert needs_review(state) is joins


def test_missed_comes_back_this_visit_right_on_a_later_day_and_leaves_after_two_days(
    the_course,
):
    [card] = cards(document(the_course, tried(False)), the_course, TODAY)
    assert due_now([card], TODAY) == [card]
    wrong = answered(card, False, TODAY)
    assert due_now([wrong], TODAY) == [wrong]  # this visit
    right = answered(wrong, True, TODAY)
    assert due_now([right], TODAY) == [] and next_due([right], TODAY) == TODAY + timedelta(1)
    tomorrow = TODAY + timedelta(1)
    again = answered(right, True, tomorrow)
    assert again.left


def test_a_wrong_answer_starts_the_count_of_right_days_again():
    card = Card(QUESTION, SECTION, 1, TODAY, (TODAY,))
    reset = answered(card, False, TODAY + timedelta(1))
    assert reset.right_days == () and reset.box == 0
    assert not answered(reset, True, TODAY + timedelta(1)).left


def test_the_deck_travels_in_the_progress_file_and_older_files_still_import(the_course):
    deck = {QUESTION: {"box": 1, "due": "2026-12-01", "right_days": ["2026-11-30"]}}
    doc = document(the_course, tried(False), deck)
    assert parse_progress(json.dumps(doc), the_course, strict=True)["deck"] == deck
    older = document(the_course, tried(False))
    assert "deck" not in parse_progress(json.dumps(older), the_course, strict=True)


@pytest.mark.parametrize(
    "deck",
    [
        {"nope": {"box": 0, "due": "2026-12-01", "right_days": []}},
        {QUESTION: {"box": 0, "due": "2026-13-40", "right_days": []}},
        {QUESTION: {"box": 7, "due": "2026-12-01", "right_days": []}},
    ],
)
def test_a_deck_with_unknown_questions_or_impossible_dates_is_refused(the_course, deck):
    with pytest.raises(ProgressError):
        parse_progress(
            json.dumps(document(the_course, tried(False), deck)), the_course, strict=True
        )


def deck_on(the_course, today, text):
    store = RecordingStore(the_course)
    view = ReviewDeck(the_course, store=store)
    store.loaded = text
    store.receive({"kind": "ready", "today": today.isoformat()})
    return store, view


def test_the_deck_view_asks_the_due_question_and_moves_it_to_a_later_day(the_course):
    store, view = deck_on(the_course, TODAY, json.dumps(document(the_course, tried(False))))
    assert "1 question due now." in view.status.value
    assert view.view.question["id"] == QUESTION
    view.view.input.value = view.view.question["answer"]
    view.view.check_button.click()
    assert "comes back on 1 December 2026" in view.outcome.value
    assert "Nothing is due now" in view.status.value
    assert "The next ones are due on 1 December 2026." in view.status.value
    assert store.sent[-1]["kind"] == "save-top" and store.sent[-1]["key"] == "deck"

    saved = json.dumps(store.document)
    store, view = deck_on(the_course, TODAY + timedelta(1), saved)
    assert "1 question due now." in view.status.value
    view.view.input.value = view.view.question["answer"]
    view.view.check_button.click()
    assert "leaves your deck" in view.outcome.value
    view.next_button.click()
    assert view.holder.children == ()
    assert "Nothing to review yet" in view.status.value


def test_a_wrong_answer_in_the_deck_stays_due_in_this_visit(the_course):
    _, view = deck_on(the_course, TODAY, json.dumps(document(the_course, tried(False))))
    view.view.input.value = "ssri"
    view.view.check_button.click()
    assert "stays due" in view.outcome.value
    view.next_button.click()
    assert view.view.question["id"] == QUESTION and view.view.tries == 0


def two_missed(the_course):
    doc = document(the_course, tried(False))
    second = the_course.quizzes[SECTION].questions[1]["id"]
    doc["sections"][SECTION]["questions"][second] = tried(False)
    return doc, second


def test_only_the_first_check_of_a_showing_moves_the_card(the_course):
    store, view = deck_on(the_course, TODAY, json.dumps(document(the_course, tried(False))))
    view.view.input.value = "ssri"
    view.view.check_button.click()
    assert view.view.check_button.disabled
    view.view.check()  # a second check (not possible by clicking) changes nothing
    assert store.document["deck"][QUESTION] == {"box": 0, "due": "2026-11-30", "right_days": []}


def test_a_missed_question_waits_behind_the_other_due_ones(the_course):
    doc, second = two_missed(the_course)
    _, view = deck_on(the_course, TODAY, json.dumps(doc))
    assert "2 questions due now." in view.status.value
    assert view.view.question["id"] == QUESTION
    view.view.input.value = "ssri"
    view.view.check_button.click()
    view.next_button.click()
    assert view.view.question["id"] == second


def test_the_browsers_own_copy_drops_a_bad_card_and_keeps_the_rest(the_course):
    deck = {
        QUESTION: {"box": 0, "due": "2026-13-40", "right_days": []},
        "gone-question": {"box": 0, "due": "2026-12-01", "right_days": []},
    }
    doc = document(the_course, tried(False), deck)
    parsed = parse_progress(json.dumps(doc), the_course, strict=False)
    assert parsed["deck"] == {} and QUESTION in parsed["sections"][SECTION]["questions"]
