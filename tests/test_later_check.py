"""The later check: the before-and-after ideas asked again about a week and a month
after comparing, in a form the learner has not seen, on a day FSRS picks within a
window; shown in the deck, counted as a review, and summed up as a "Later" column."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.test_review_schedule import TODAY, deck_on, document, tried
from widgets.core.calibration import sure_but_wrong_over_time, sure_but_wrong_sentences
from widgets.core.later_check import LATER_CHECKS, check_day, later_outcomes
from widgets.core.prepost import DONT_KNOW, NOT_YET, WRONG, form_shown
from widgets.core.progress_doc import ProgressError, parse_progress
from widgets.core.review_schedule import deck, later_checks, reviews_due
from widgets.views.prepost import summary_html

WEEK, MONTH = LATER_CHECKS["week"], LATER_CHECKS["month"]


def compared_doc(the_course, on: date = TODAY, **extra) -> dict:
    """Every idea answered right before and after, compared on `on`, with one question
    of each covering review idea answered in its section (so each has a card)."""
    answered = {}
    for idea in the_course.ideas:
        review = the_course.review_idea_covering(idea.id)
        answered[review.questions[0]] = tried(True, "unsure", on)
    doc = document(the_course, answered)
    doc["prepost"] = {
        "before": {i.id: {"choice": i.forms("before")[0].answer} for i in the_course.ideas},
        "after": {i.id: {"choice": i.forms("after")[0].answer} for i in the_course.ideas},
        "compared": True,
        "compared_on": on.isoformat(),
    } | extra
    return doc


def asks_on(the_course, doc, today):
    cards = deck(doc, the_course, today)
    return later_checks(doc, the_course, cards, today)


def test_no_later_check_before_the_answers_are_compared(the_course):
    doc = compared_doc(the_course)
    doc["prepost"]["compared"] = False
    assert asks_on(the_course, doc, TODAY + timedelta(days=60)) == []


def test_each_idea_gets_a_week_and_a_month_check_on_a_day_inside_its_window(the_course):
    asks = asks_on(the_course, compared_doc(the_course), TODAY)
    assert len(asks) == 2 * len(the_course.ideas)
    for ask in asks:
        first, last = (TODAY + timedelta(days=d) for d in ask.check.window)
        assert first <= ask.day <= last, (ask.idea.id, ask.check.name, ask.day)


@pytest.mark.parametrize(
    ("card_due", "expected"),
    [(None, 5), (2, 5), (7, 7), (30, 10)],
    ids=["no card: its first day", "due earlier", "due inside", "due later"],
)
def test_the_cards_due_day_is_moved_into_the_window(card_due, expected):
    due = TODAY + timedelta(days=card_due) if card_due is not None else None
    assert check_day(WEEK, TODAY, due) == TODAY + timedelta(days=expected)


def test_each_check_asks_a_form_the_learner_was_not_shown(the_course):
    doc = compared_doc(the_course)
    for ask in asks_on(the_course, doc, TODAY):
        stage = ask.check.stage
        shown = form_shown(ask.idea, stage, None, doc["prepost"][stage][ask.idea.id]["choice"])
        assert ask.form != shown, (ask.idea.id, ask.check.name)


def test_a_week_check_not_answered_before_the_month_window_opens_is_dropped(the_course):
    doc = compared_doc(the_course)
    late = TODAY + timedelta(days=MONTH.window[0])
    names = {a.check.name for a in asks_on(the_course, doc, late)}
    assert names == {"month"}


def test_a_later_check_answered_counts_as_a_review_of_its_idea(the_course):
    idea = the_course.ideas[0]
    review_idea = the_course.review_idea_covering(idea.id)
    doc = compared_doc(the_course)
    [before] = [c for c in deck(doc, the_course, TODAY) if c.idea == review_idea]
    day = TODAY + timedelta(days=7)
    wrong = next(o for o, _ in idea.forms("after")[1].options if o != idea.forms("after")[1].answer)
    doc["prepost"]["later"] = {
        idea.id: {"week": {"day": day.isoformat(), "form": 1, "choice": wrong}}
    }
    [after] = [c for c in deck(doc, the_course, day) if c.idea == review_idea]
    assert len(after.history) == len(before.history) + 1
    assert after.due == day + timedelta(days=1), "a miss comes back the next day"
    assert later_outcomes(idea, doc) == {"week": WRONG}
    assert "week" not in {a.check.name for a in asks_on(the_course, doc, day) if a.idea == idea}


def test_the_home_count_includes_later_checks_due(the_course):
    doc = compared_doc(the_course)
    day = TODAY + timedelta(days=WEEK.window[1])
    cards = deck(doc, the_course, day)
    asks = later_checks(doc, the_course, cards, day)
    assert reviews_due(cards, asks, day) >= len(the_course.ideas)


def test_the_deck_asks_a_due_later_check_first_and_saves_it(the_course):
    idea = the_course.ideas[0]
    day = TODAY + timedelta(days=WEEK.window[1])
    store, view = deck_on(the_course, day, json.dumps(compared_doc(the_course)))
    later = view.later
    assert later is not None and view.view is None, "the later check comes first"
    assert later.ask.idea == idea and later.ask.check == WEEK
    assert later.options[-1][0] == DONT_KNOW and later.save_button.disabled
    asked = idea.forms("after")[later.ask.form]
    assert later.choice.legend == asked.prompt
    assert asked.answer not in json.dumps(later.get_state()), "no key in the browser"
    later.choice.receive({"selected": [[o for o, _ in later.options].index(asked.answer)]})
    later.sure.receive({"selected": [0]})
    later.save_button.click()
    saved = store.document["prepost"]["later"][idea.id]["week"]
    assert saved == {
        "day": day.isoformat(),
        "form": later.ask.form,
        "choice": asked.answer,
        "confidence": "sure",
    }
    assert "Right." in later.feedback.value and later.choice.disabled
    assert (
        parse_progress(json.dumps(store.document), the_course, strict=True)["prepost"]["later"]
        == store.document["prepost"]["later"]
    )


def test_i_dont_know_yet_later_is_not_right_and_shows_the_answer(the_course):
    day = TODAY + timedelta(days=WEEK.window[1])
    store, view = deck_on(the_course, day, json.dumps(compared_doc(the_course)))
    later = view.later
    later.choice.receive({"selected": [len(later.options) - 1]})
    assert later.sure.layout.display == "none", "how sure means nothing for 'I don't know'"
    later.save_button.click()
    asked = later.ask.idea.forms("after")[later.ask.form]
    assert "Not yet." in later.feedback.value
    assert dict(asked.options)[asked.answer] in later.feedback.value
    assert later_outcomes(later.ask.idea, store.document) == {"week": NOT_YET}


def test_the_summary_gains_a_later_column_once_a_later_check_is_answered(the_course):
    doc = compared_doc(the_course)
    assert "Later</th>" not in summary_html(the_course, doc)
    idea = the_course.ideas[0]
    form = idea.forms("after")[1]
    doc["prepost"]["later"] = {
        idea.id: {"week": {"day": "2026-12-07", "form": 1, "choice": form.answer}}
    }
    shown = summary_html(the_course, doc)
    assert '<th scope="col">Later</th>' in shown
    assert "After a week: " in shown and "Not asked yet" in shown


@pytest.mark.parametrize(
    ("later", "says"),
    [
        ({"no-such-idea": {}}, "unknown idea"),
        ({"IDEA": {"week": {"day": "2026-12-07", "form": 0, "choice": "no-such"}}}, "unknown"),
        ({"IDEA": {"week": {"day": "2026-02-30", "form": 0, "choice": DONT_KNOW}}}, "not one"),
        ({"IDEA": {"week": {"day": "2026-12-07", "form": 9, "choice": DONT_KNOW}}}, "unknown"),
    ],
    ids=["unknown idea", "unknown choice", "impossible day", "no such form"],
)
def test_an_impossible_later_check_in_a_file_is_refused_by_name(the_course, later, says):
    idea = the_course.ideas[0].id
    later = json.loads(json.dumps(later).replace("IDEA", idea))
    doc = compared_doc(the_course, later=later)
    with pytest.raises(ProgressError, match=says):
        parse_progress(json.dumps(doc), the_course, strict=True)
    kept = parse_progress(json.dumps(doc), the_course, strict=False)
    assert kept["prepost"]["later"] == {} and kept["prepost"]["compared"], "the rest is kept"


def test_older_answers_without_confidence_still_load(the_course):
    idea = the_course.ideas[0]
    doc = compared_doc(the_course)
    doc["prepost"]["before"][idea.id] = idea.forms("before")[0].answer  # (a plain choice)
    parsed = parse_progress(json.dumps(doc), the_course, strict=True)
    assert parsed["prepost"]["before"][idea.id] == {"choice": idea.forms("before")[0].answer}


def test_sure_but_wrong_is_counted_at_the_start_the_end_and_since(the_course):
    first, second, *_ = the_course.ideas
    doc = compared_doc(the_course)
    wrong = next(
        o for o, _ in first.forms("before")[0].options if o != first.forms("before")[0].answer
    )
    doc["prepost"]["before"][first.id] = {"choice": wrong, "confidence": "sure"}
    doc["prepost"]["before"][second.id] |= {"confidence": "sure"}
    doc["prepost"]["after"][first.id] |= {"confidence": "sure"}
    review_idea = the_course.review_idea_covering(first.id)
    doc["review"] = {
        review_idea.id: [
            {
                "day": "2026-12-03",
                "question": review_idea.questions[1],
                "rating": 4,
                "confidence": "sure",
            }
        ]
    }
    times = sure_but_wrong_over_time(doc, the_course)
    assert [(t.sure_wrong, t.said) for t in times] == [(1, 2), (0, 1), (0, 1)]
    sentences = sure_but_wrong_sentences(times)
    assert sentences[0] == (
        "Sure but wrong: 1 of 2 at the start, 0 of 1 at the end, 0 of 1 in your reviews since."
    )
    assert "fewer mistaken beliefs" in sentences[1]


def test_no_confidence_said_gives_no_sure_but_wrong_sentence(the_course):
    assert (
        sure_but_wrong_sentences(sure_but_wrong_over_time(compared_doc(the_course), the_course))
        == []
    )


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        ({"rating": 4}, "right and sure without saying sure"),
        ({"rating": 4, "confidence": "guessing"}, "Easy is right and sure"),
        ({"rating": 2, "confidence": "sure"}, "Hard is right but guessing"),
        ({"rating": 3, "confidence": "sure"}, "Good is right and not sure"),
    ],
)
def test_a_review_whose_confidence_disagrees_with_its_rating_is_refused(the_course, entry, why):
    chosen = the_course.review_ideas[0]
    doc = document(the_course, {chosen.questions[0]: tried(False)})
    doc["review"] = {chosen.id: [{"day": "2026-12-01", "question": chosen.questions[0], **entry}]}
    with pytest.raises(ProgressError):
        parse_progress(json.dumps(doc), the_course, strict=True)


def test_a_comparison_from_before_its_day_was_kept_gets_one_so_the_checks_can_start(the_course):
    """Compared, but with no day (an older file): the later checks count from the day the
    page first sees it, kept once, so they do not move away at every visit."""
    doc = compared_doc(the_course)
    del doc["prepost"]["compared_on"]
    store, _deck = deck_on(the_course, TODAY, json.dumps(doc))
    assert store.document["prepost"]["compared_on"] == TODAY.isoformat()
    assert {"kind": "save-top", "key": "prepost", "data": {"compared_on": TODAY.isoformat()}} in [
        {k: m[k] for k in ("kind", "key", "data")} for m in store.sent if m["kind"] == "save-top"
    ]
    week_later = TODAY + timedelta(days=WEEK.window[1])
    assert any(a.day <= week_later for a in asks_on(the_course, store.document, week_later))
