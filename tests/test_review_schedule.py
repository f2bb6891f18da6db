"""Review by idea, scheduled by FSRS: what joins the deck, how intervals move, which
question comes back, and how the history travels (the learner's days injected)."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta

import pytest
from fsrs import Rating

from tests.doubles import RecordingStore
from tests.fake_browser import FakeBrowser
from widgets.core.progress_doc import ProgressError, parse_progress
from widgets.core.review_schedule import (
    deck,
    due_now,
    held_words,
    next_due,
    question_to_ask,
    rating_for,
    reviewed,
)
from widgets.views.deck import ReviewDeck
from widgets.views.progress import ProgressStore
from widgets.views.question import QuestionView
from widgets.views.quiz import SectionQuiz

TODAY = date(2026, 11, 30)


def tried(correct: bool, confidence: str | None = None, on: date = TODAY) -> dict:
    return {
        "tries": 1,
        "score": float(correct),
        "solved": correct,
        "revealed": False,
        "first_try": {"correct": correct, "confidence": confidence, "day": on.isoformat()},
    }


def document(the_course, answered: dict[str, dict], review=None) -> dict:
    sections: dict[str, dict] = {}
    for question_id, state in answered.items():
        section = the_course.question_ids()[question_id]
        sections.setdefault(section, {"questions": {}})["questions"][question_id] = state
    doc = {"course": the_course.id, "version": the_course.version, "sections": sections}
    return doc | ({"review": review} if review is not None else {})


def idea(the_course, tier: str):
    """An idea of this tier with three or more questions."""
    return next(i for i in the_course.review_ideas if i.tier == tier and len(i.questions) >= 3)


def live_through(the_course, chosen, answers, days=90):
    """A learner who meets `chosen` on day 0 and then reviews it whenever it is due,
    answering as `answers` says (by review number, else right and not sure), for `days`
    days. Returns the days it came back on and the questions asked."""
    first = chosen.questions[0]
    doc = document(the_course, {first: tried(True, "unsure")})
    came_back, asked = [], []
    for offset in range(1, days + 1):
        today = TODAY + timedelta(offset)
        [card] = [c for c in deck(doc, the_course, today) if c.idea == chosen]
        if card.due > today:
            continue
        question = question_to_ask(card)
        correct, confidence = answers.get(len(came_back), (True, "unsure"))
        rating = rating_for(correct, False, confidence)
        doc["review"] = reviewed(doc, card, question, rating, today, confidence)
        came_back.append(offset)
        asked.append(question)
    return came_back, asked


def gaps(days: list[int]) -> list[int]:
    return [later - earlier for earlier, later in zip([0, *days], days, strict=False)]


@pytest.mark.parametrize(
    ("correct", "revealed", "confidence", "rating"),
    [
        (False, False, "sure", Rating.Again),
        (True, True, None, Rating.Again),
        (True, False, "guessing", Rating.Hard),
        (True, False, "unsure", Rating.Good),
        (True, False, None, Rating.Good),
        (True, False, "sure", Rating.Easy),
    ],
)
def test_an_answer_is_rated_by_what_the_course_knows_of_it(correct, revealed, confidence, rating):
    assert rating_for(correct, revealed, confidence) == rating


def test_an_idea_joins_when_one_of_its_questions_is_answered_in_a_section(the_course):
    chosen = idea(the_course, "background")
    assert deck(document(the_course, {}), the_course, TODAY) == []
    [card] = deck(document(the_course, {chosen.questions[1]: tried(True)}), the_course, TODAY)
    assert card.idea == chosen and card.due > TODAY


def test_over_ninety_days_intervals_grow_after_right_answers(the_course):
    came_back, _ = live_through(the_course, idea(the_course, "background"), {})
    spacing = gaps(came_back)
    assert spacing == sorted(spacing) and spacing[-1] > spacing[0]
    assert spacing[-1] >= 30, f"a held idea waits a month or more by the end: {spacing}"


def test_a_miss_brings_the_idea_back_sooner_than_a_right_answer(the_course):
    chosen = idea(the_course, "background")
    right, _ = live_through(the_course, chosen, {})
    missed, _ = live_through(the_course, chosen, {1: (False, "sure")})
    assert right[:2] == missed[:2]
    assert gaps(missed)[2] == 1, "a missed idea comes back the next day"
    assert len(right) == 2 or gaps(right)[2] > gaps(missed)[2]


def test_a_safety_critical_idea_comes_back_sooner_than_a_background_one(the_course):
    safety, _ = live_through(the_course, idea(the_course, "safety-critical"), {})
    background, _ = live_through(the_course, idea(the_course, "background"), {})
    assert len(safety) > len(background)
    assert all(s <= b for s, b in zip(gaps(safety), gaps(background), strict=False))
    assert the_course.retention["safety-critical"] > the_course.retention["background"]


def test_questions_rotate_within_an_idea_never_the_same_twice_in_a_row(the_course):
    chosen = idea(the_course, "safety-critical")
    _, asked = live_through(the_course, chosen, {})
    assert all(a != b for a, b in itertools.pairwise(asked))
    assert len(asked) >= len(chosen.questions) and set(asked) == set(chosen.questions)


def test_how_well_an_idea_is_held_falls_with_time_and_reads_in_words(the_course):
    [card] = deck(document(the_course, {"wik-drug-class": tried(True, "sure")}), the_course, TODAY)
    soon, later = (
        card.retrievability(TODAY + timedelta(1)),
        card.retrievability(TODAY + timedelta(300)),
    )
    assert 1 >= soon > later > 0
    assert held_words(0.95) == "well held" and held_words(0.3) == "needs review"


def test_reviews_travel_in_the_progress_file_and_a_leitner_deck_becomes_reviews(the_course):
    doc = document(the_course, {"wik-drug-class": tried(False)})
    [card] = deck(doc, the_course, TODAY)
    doc["review"] = reviewed(
        doc, card, question_to_ask(card), Rating.Good, TODAY + timedelta(1), "unsure"
    )
    assert parse_progress(json.dumps(doc), the_course, strict=True)["review"] == doc["review"]

    leitner = document(the_course, {"wik-drug-class": tried(False)})
    leitner["deck"] = {
        "wik-drug-class": {"box": 1, "due": "2026-12-02", "right_days": ["2026-12-01"]}
    }
    parsed = parse_progress(json.dumps(leitner), the_course, strict=True)
    idea_id = the_course.idea_of("wik-drug-class").id
    assert parsed["review"] == {
        idea_id: [{"day": "2026-12-01", "question": "wik-drug-class", "rating": 3}]
    }
    assert "deck" not in parsed


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ({"day": "2026-12-02", "question": "no-such-question", "rating": 3}, "unknown question"),
        ({"day": "2026-13-01", "question": "{q}", "rating": 3}, "not one"),
        ({"day": "2026-12-02", "question": "{q}", "rating": 5}, "not a progress file"),
    ],
)
def test_an_impossible_review_is_refused_by_name_and_the_browser_keeps_the_rest(
    the_course, bad, says
):
    chosen = idea(the_course, "safety-critical")
    good = {"day": "2026-12-01", "question": chosen.questions[0], "rating": 3}
    text = json.dumps(document(the_course, {}, {chosen.id: [good, bad]}))
    text = text.replace("{q}", chosen.questions[0])
    with pytest.raises(ProgressError, match=says):
        parse_progress(text, the_course, strict=True)
    if says != "not a progress file":  # (a shape the schema refuses is refused whole)
        kept = parse_progress(text, the_course, strict=False)["review"]
        assert kept == {chosen.id: [good]}, "the browser's copy drops only the bad review"


def test_a_history_out_of_order_or_with_a_moved_question_is_kept_in_order_by_idea(the_course):
    """A clock put back, two devices, or a question moved to another idea by a course
    update: the reviews are the learner's history, so they are sorted and re-filed under
    the question's idea now, never dropped (and one filed under both counts once)."""
    first, other = (idea(the_course, tier) for tier in ("safety-critical", "background"))
    late = {"day": "2026-12-05", "question": first.questions[0], "rating": 3}
    early = {"day": "2026-12-01", "question": first.questions[1], "rating": 1}
    moved = {"day": "2026-12-03", "question": other.questions[0], "rating": 3}
    review = {first.id: [late, early, moved], other.id: [moved], "an-idea-now-gone": [early]}
    text = json.dumps(document(the_course, {}, review))
    for strict in (True, False):
        assert parse_progress(text, the_course, strict=strict)["review"] == {
            first.id: [early, late],
            other.id: [moved],
        }


def deck_on(the_course, today: date, text: str):
    store = RecordingStore(the_course)
    view = ReviewDeck(the_course, store=store)
    store.loaded = text
    store.receive({"kind": "ready", "today": today.isoformat()})
    return store, view


def answer(view: QuestionView, right: bool) -> None:
    question = view.question
    if right:
        view.input.value = question["answer"]
    elif question["type"] == "truefalse":
        view.input.value = not question["answer"]
    else:
        wrong = next(o["id"] for o in question["options"] if o["id"] != question["answer"])
        view.input.value = wrong if question["type"] == "single" else [wrong]
    view.controls.press("check")


def test_the_deck_asks_a_due_idea_with_another_question_and_saves_the_review(the_course):
    chosen = idea(the_course, "safety-critical")
    first = next(q for q in chosen.questions if the_course_type(the_course, q) == "single")
    doc = document(the_course, {first: tried(False)})
    store, view = deck_on(the_course, TODAY + timedelta(1), json.dumps(doc))
    assert "1 review due now." in view.status.value
    assert chosen.title in view.view.children[0].value
    assert view.question_id != first, "another wording of the same idea"
    answer(view.view, right=True)
    assert "comes back on" in view.outcome.value
    assert store.sent[-1]["kind"] == "save-top" and store.sent[-1]["key"] == "review"
    [entry] = store.document["review"][chosen.id]
    assert entry == {"day": "2026-12-01", "question": view.question_id, "rating": 3}
    assert "Nothing is due now" in view.status.value and "well held" in view.held.value.lower()


def the_course_type(the_course, question_id: str) -> str:
    section = the_course.question_ids()[question_id]
    return the_course.quizzes[section].question(question_id)["type"]


def test_only_the_first_check_of_a_showing_is_a_review(the_course):
    doc = document(the_course, {"wik-drug-class": tried(False)})
    store, view = deck_on(the_course, TODAY + timedelta(1), json.dumps(doc))
    answer(view.view, right=False)
    assert view.view.controls.check_disabled
    view.view.check()  # a second check (not possible by clicking) changes nothing
    [entry] = store.document["review"][the_course.idea_of("wik-drug-class").id]
    assert entry["rating"] == 1


def test_nothing_met_yet_says_how_ideas_join(the_course):
    _, view = deck_on(the_course, TODAY, json.dumps(document(the_course, {})))
    assert "Nothing to review yet" in view.status.value and view.holder.children == ()
    assert next_due([], [], TODAY) is None and due_now([], TODAY) == []


def test_the_calendar_file_parses_back_with_one_event_per_day_due(the_course):
    import icalendar

    from widgets.core.review_calendar import reminders_ics

    doc = document(
        the_course,
        {"wik-drug-class": tried(False), "wel-crisis-line": tried(True, "sure")},
    )
    cards = deck(doc, the_course, TODAY)
    url = "http://127.0.0.1:8866/voila/render/08-review.ipynb#Your-reviews"
    parsed = icalendar.Calendar.from_ical(
        reminders_ics(cards, [], TODAY, url, the_course.id, the_course.title)
    )
    events = parsed.walk("VEVENT")
    assert sorted(e.decoded("dtstart") for e in events) == sorted({c.due for c in cards})
    assert all(str(e["url"]) == url and url in str(e["description"]) for e in events)
    titles = " ".join(str(e["description"]) for e in events)
    assert all(c.idea.title in titles for c in cards)


def test_a_first_try_from_before_days_were_kept_is_given_a_day_once(the_course):
    """Else it would count as "today" on every visit, and its idea never come due."""
    undated = tried(False)
    del undated["first_try"]["day"]
    once = {k: v for k, v in tried(True).items() if k != "first_try"}  # (one check, older)
    doc = document(the_course, {"wik-drug-class": undated, "cau-bath": once})
    store, _deck = deck_on(the_course, TODAY + timedelta(days=3), json.dumps(doc))
    saved = {
        q: s["first_try"]
        for m in store.sent
        if m["kind"] == "save"
        for q, s in m["data"].get("questions", {}).items()
    }
    day = (TODAY + timedelta(days=3)).isoformat()
    assert saved["wik-drug-class"] == {"correct": False, "confidence": None, "day": day}
    assert saved["cau-bath"] == {"correct": True, "confidence": None, "day": day}
    idea = the_course.idea_of("wik-drug-class")
    [card] = [
        c for c in deck(store.document, the_course, TODAY + timedelta(days=9)) if c.idea == idea
    ]
    assert card.due == TODAY + timedelta(days=4), "missed on its fixed day: back the next"


def test_an_undated_first_try_counts_on_its_ideas_first_deck_review(the_course):
    undated = tried(False)
    del undated["first_try"]["day"]
    idea = the_course.idea_of("wik-drug-class")
    review = {idea.id: [{"day": "2026-11-20", "question": idea.questions[1], "rating": 3}]}
    doc = document(the_course, {"wik-drug-class": undated}, review=review)
    [card] = [c for c in deck(doc, the_course, TODAY) if c.idea == idea]
    assert [r.day for r in card.history] == [date(2026, 11, 20)] * 2


def test_days_given_to_old_answers_reach_the_quiz_so_its_next_save_keeps_them(the_course):
    """The day is given before the page's parts see the document: a quiz that still held
    the undated answer would save it back at its next check, and the idea's history
    would start "today" again at every visit."""
    undated = tried(False)
    del undated["first_try"]["day"]
    doc = document(the_course, {"wik-drug-class": undated})
    browser = FakeBrowser()
    store = ProgressStore(the_course)
    browser.storage[store.storage_key] = json.dumps(doc)
    quiz = SectionQuiz(the_course, "what-is-ketamine", store=store)
    browser.catch_up()
    day = date.today().isoformat()
    assert quiz.questions[0].state()["first_try"]["day"] == day
    schedule = next(v for v in quiz.questions if v.question["id"] == "wik-schedule")
    schedule.input.value = schedule.question["answer"]
    schedule.controls.press("check")
    stored = browser.stored(store)["sections"]["what-is-ketamine"]["questions"]
    assert stored["wik-drug-class"]["first_try"]["day"] == day
    assert stored["wik-schedule"]["first_try"]["day"] == day


def test_an_old_answer_checked_several_times_gets_a_fixed_day_without_a_made_up_first_try(
    the_course,
):
    """Checked twice, or shown, before first tries were kept: which try was first cannot
    be told, so none is written (the class report counts first tries), but the day its
    idea counts it on is kept beside it, so the idea comes due."""
    twice = {"tries": 2, "score": 1.0, "solved": True, "revealed": False}
    doc = document(the_course, {"wik-drug-class": twice})
    on = TODAY + timedelta(days=3)
    store, _deck = deck_on(the_course, on, json.dumps(doc))
    state = store.document["sections"]["what-is-ketamine"]["questions"]["wik-drug-class"]
    assert state == {**twice, "counted_on": on.isoformat()}
    idea = the_course.idea_of("wik-drug-class")
    later = on + timedelta(days=60)
    [card] = [c for c in deck(store.document, the_course, later) if c.idea == idea]
    assert card.history[0].day == on and card.due <= later, "its idea comes due"

    quiz = SectionQuiz(the_course, "what-is-ketamine", store=store)
    assert quiz.questions[0].state()["counted_on"] == on.isoformat(), "a quiz keeps the day"
