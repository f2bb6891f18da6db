"""Before and after: the key ideas at the start and the end, no feedback, and the summary."""

from __future__ import annotations

import json

import pytest

from tests.doubles import RecordingStore
from tests.test_bank import problems_of
from widgets.core.prepost import (
    DONT_KNOW,
    NOT_YET,
    RIGHT,
    STAGES,
    UNANSWERED,
    WRONG,
    changes,
    compared,
    form_shown,
)
from widgets.core.progress_doc import ProgressError, merge_import, parse_progress
from widgets.views.prepost import PrePostCheck, PrePostSummary


def progress(the_course, prepost: dict) -> dict:
    """A progress document holding only these before-and-after answers."""
    return {
        "course": the_course.id,
        "version": the_course.version,
        "sections": {},
        "prepost": prepost,
    }


def wrong_choice(ask) -> str:
    return next(o for o, _ in ask.options if o != ask.answer)


def test_the_course_asks_six_to_eight_ideas_including_the_three_named(the_course):
    tags = {i.misconception for i in the_course.ideas}
    assert 6 <= len(the_course.ideas) <= 8
    assert {"smaller-dose-means-no-risk", "society-membership-is-a-licence"} <= tags
    assert tags & {"microdosing-is-approved", "ketamine-is-approved-for-depression"}
    for idea in the_course.ideas:
        prompts = [ask.prompt for stage in STAGES for ask in idea.forms(stage)]
        assert len(set(prompts)) == len(prompts), f"{idea.id}: ask it in other words each time"
        assert all(len(idea.forms(stage)) >= 2 for stage in STAGES), f"{idea.id}: two forms"


def test_both_checks_offer_i_dont_know_yet_and_give_no_feedback(the_course):
    check = PrePostCheck(the_course, "before", store=RecordingStore(the_course))
    idea = the_course.ideas[0]
    group = check.groups[idea.id]
    assert group.labels[-1] == "I don't know yet"
    group.receive({"selected": [len(group.labels) - 1]})
    assert check.answers() == {idea.id: {"choice": DONT_KNOW}}
    shown = check.status.value + "".join(
        g.legend + "".join(g.labels) for g in check.groups.values()
    )
    assert not any(mark in shown for mark in ("✔", "✘", "Not right", "Correct"))
    after = PrePostCheck(the_course, "after", store=RecordingStore(the_course))
    assert after.groups[idea.id].labels[-1] == "I don't know yet", "a guess is not learning"


def test_answers_are_saved_and_the_summary_shows_the_change_and_what_is_still_held(the_course):
    store = RecordingStore(the_course)
    store.receive({"kind": "ready"})
    before = PrePostCheck(the_course, "before", store=store)
    after = PrePostCheck(the_course, "after", store=store)
    summary = PrePostSummary(the_course, store=store)
    first, second, *others = the_course.ideas
    choose = {
        (before, first): wrong_choice(first.forms("before")[0]),
        (after, first): first.forms("after")[0].answer,
        (before, second): DONT_KNOW,
        (after, second): wrong_choice(second.forms("after")[0]),
    }
    choose |= {(after, idea): idea.forms("after")[0].answer for idea in others[1:]}
    for (check, idea), choice in choose.items():
        check.groups[idea.id].receive({"selected": [check.choices[idea.id].index(choice)]})
    assert "nothing is marked" in summary.output.value  # one "after" answer is still missing
    assert "✔" not in summary.output.value and not after.groups[first.id].disabled
    last = others[0]
    after.groups[last.id].receive(
        {"selected": [after.choices[last.id].index(last.forms("after")[0].answer)]}
    )
    saved = store.sent[-1]
    assert saved["kind"] == "save-top" and saved["key"] == "prepost"
    assert saved["data"] == {"after": {last.id: {"choice": last.forms("after")[0].answer}}}, (
        "only what changed"
    )
    found = {c.idea.id: (c.before, c.after) for c in changes(the_course, store.document)}
    assert found[first.id] == (WRONG, RIGHT)
    assert found[second.id] == (NOT_YET, WRONG)
    assert found[last.id] == (UNANSWERED, RIGHT)
    assert "nothing is marked" in summary.output.value, "all answered is not yet compared"
    assert not any(g.disabled for g in after.groups.values()), "the last click fixes nothing"
    assert not after.done.disabled and "cannot be changed" in after.status.value
    after.done.click()
    assert store.sent[-1]["data"] == {"compared": True, "compared_on": store.today.isoformat()}
    section = the_course.section(second.section)
    assert "Ideas to look at again" in summary.output.value
    assert f'href="{section.notebook}"' in summary.output.value
    assert summary.output.value.count("<li>") == 1
    assert all(g.disabled for g in after.groups.values()), "fixed once compared"


def test_how_sure_is_asked_beside_each_answer_and_saved_with_it(the_course):
    store = RecordingStore(the_course)
    store.receive({"kind": "ready"})
    before = PrePostCheck(the_course, "before", store=store)
    idea, other = the_course.ideas[:2]
    assert before.sure[idea.id].layout.display == "none", "asked once an answer is given"
    chosen = before.choices[idea.id].index(idea.forms("before")[0].answer)
    before.groups[idea.id].receive({"selected": [chosen]})
    assert before.sure[idea.id].layout.display != "none"
    before.sure[idea.id].receive({"selected": [0]})
    assert store.document["prepost"]["before"][idea.id] == {
        "choice": idea.forms("before")[0].answer,
        "confidence": "sure",
    }
    before.groups[other.id].receive({"selected": [before.choices[other.id].index(DONT_KNOW)]})
    assert before.sure[other.id].layout.display == "none", "not for I don't know yet"
    again = PrePostCheck(the_course, "before", store=store)
    assert again.sure[idea.id].level == "sure", "it comes back with the answer"


def test_the_before_answers_are_fixed_once_the_after_check_has_begun(the_course):
    store = RecordingStore(the_course)
    before = PrePostCheck(the_course, "before", store=store)
    idea = the_course.ideas[0]
    doc = {
        "course": the_course.id,
        "version": the_course.version,
        "sections": {},
        "prepost": {"after": {idea.id: idea.forms("after")[0].answer}},
    }
    store.loaded = json.dumps(doc)
    assert all(g.disabled for g in before.groups.values())
    assert "fixed" in before.status.value


def test_saved_answers_come_back_and_travel_in_the_progress_file(the_course):
    store = RecordingStore(the_course)
    idea = the_course.ideas[0]
    doc = {
        "course": the_course.id,
        "version": the_course.version,
        "sections": {},
        "prepost": {
            "before": {idea.id: DONT_KNOW},
            "after": {idea.id: idea.forms("after")[0].answer},
        },
    }
    check = PrePostCheck(the_course, "before", store=store)
    store.loaded = json.dumps(doc)
    assert check.answers() == {idea.id: {"choice": DONT_KNOW}}
    parsed = parse_progress(json.dumps(doc), the_course, strict=True)["prepost"]
    assert parsed == {
        stage: {i: {"choice": choice} for i, choice in answers.items()}
        for stage, answers in doc["prepost"].items()
    }, "an older file's plain choices are read as answers"


def test_a_check_shown_again_by_a_rerun_cell_shows_the_answers_given(the_course):
    store = RecordingStore(the_course)
    store.receive({"kind": "ready"})
    first = PrePostCheck(the_course, "before", store=store)
    idea = the_course.ideas[0]
    first.groups[idea.id].receive({"selected": [first.choices[idea.id].index(DONT_KNOW)]})
    again = PrePostCheck(the_course, "before", store=store)  # the same page's store
    assert again.answers() == {idea.id: {"choice": DONT_KNOW}}
    assert f"1 of {len(again.groups)} answered" in again.status.value


@pytest.mark.parametrize(
    "answers",
    [{"before": {"no-such-idea": "x"}}, {"after": {"IDEA": "no-such-choice"}}, {"soon": {}}],
)
def test_a_file_with_answers_the_course_does_not_offer_is_refused(the_course, answers):
    idea = the_course.ideas[0].id
    answers = json.loads(json.dumps(answers).replace("IDEA", idea))
    doc = {"course": the_course.id, "version": the_course.version, "sections": {}}
    with pytest.raises(ProgressError):
        parse_progress(json.dumps({**doc, "prepost": answers}), the_course, strict=True)


def test_an_idea_must_name_a_misconception_the_quizzes_test(course_copy, edit_yaml):
    def change(data):
        data["ideas"][0]["misconception"] = "not-a-tag"
        data["ideas"][1]["before"][0]["answer"] = "not-an-option"

    edit_yaml(course_copy / "prepost.yaml", change)
    problems = problems_of(course_copy)
    assert any(
        "misconception 'not-a-tag' is not tested by any quiz question" in p for p in problems
    )
    assert any("before form 1: answer 'not-an-option' is not an option" in p for p in problems)


def test_the_right_answer_is_not_always_in_the_same_place(the_course):
    places = [
        check.choices[idea.id].index(idea.forms(stage)[0].answer)
        for stage in ("before", "after")
        for check in [PrePostCheck(the_course, stage, store=RecordingStore(the_course))]
        for idea in the_course.ideas
    ]
    assert len(set(places)) >= 3, places


def test_an_option_may_not_take_the_courses_own_i_dont_know_yet_id(course_copy, edit_yaml):
    def change(data):
        data["ideas"][0]["before"][0]["options"][0]["id"] = "dont-know"

    edit_yaml(course_copy / "prepost.yaml", change)
    assert any("'dont-know' is the course's own" in p for p in problems_of(course_copy))


def test_i_dont_know_yet_at_the_end_is_not_counted_as_learned_or_as_still_held(the_course):
    idea = the_course.ideas[0]
    doc = {"prepost": {"before": {idea.id: DONT_KNOW}, "after": {idea.id: DONT_KNOW}}}
    change = next(c for c in changes(the_course, doc) if c.idea.id == idea.id)
    assert (change.before, change.after) == (NOT_YET, NOT_YET)
    assert not change.learned and not change.still_held


def test_a_file_from_before_the_fix_step_counts_as_compared_once_all_were_answered(the_course):
    every = {idea.id: idea.forms("after")[0].answer for idea in the_course.ideas}
    assert compared(the_course, {"prepost": {"after": every}})
    assert not compared(the_course, {"prepost": {"after": every, "compared": False}})
    missing_one = dict(list(every.items())[1:])
    assert not compared(the_course, {"prepost": {"after": missing_one}})
    doc = progress(the_course, {"after": every, "compared": True})
    assert parse_progress(json.dumps(doc), the_course, strict=True)["prepost"]["compared"]


def test_fixed_answers_stay_fixed_after_a_reload(the_course):
    store = RecordingStore(the_course)
    every = {idea.id: idea.forms("after")[0].answer for idea in the_course.ideas}
    doc = progress(the_course, {"after": every, "compared": True})
    after = PrePostCheck(the_course, "after", store=store)
    store.loaded = json.dumps(doc)
    assert all(g.disabled for g in after.groups.values()) and after.done.disabled


def test_a_file_holding_fixed_after_answers_loads_and_joins_this_browser(the_course):
    """The flag beside the answers once made loading any section-8 export fail."""
    every = {idea.id: idea.forms("after")[0].answer for idea in the_course.ideas}
    here = progress(the_course, {"before": {the_course.ideas[0].id: DONT_KNOW}})
    theirs = progress(the_course, {"after": every, "compared": True})
    merged, counts = merge_import(here, theirs)
    assert merged["prepost"]["compared"] is True
    assert merged["prepost"]["before"] == here["prepost"]["before"]
    assert counts.added == len(every) and counts.kept == 1
    older = progress(the_course, {"after": every, "compared": False})
    assert merge_import(theirs, older)[0]["prepost"]["compared"], "an older file cannot unfix"


def test_an_after_answer_given_before_the_stored_copy_arrives_is_kept(the_course):
    store = RecordingStore(the_course)
    after = PrePostCheck(the_course, "after", store=store)
    idea = the_course.ideas[0]
    after.groups[idea.id].receive({"selected": [after.choices[idea.id].index(DONT_KNOW)]})
    store.loaded = json.dumps(progress(the_course, {"before": {idea.id: DONT_KNOW}}))
    assert store.document["prepost"]["after"] == {idea.id: {"choice": DONT_KNOW}}
    assert store.document["prepost"]["compared"] is False
    assert after.answers() == {idea.id: {"choice": DONT_KNOW}}


def test_each_learner_is_asked_one_form_of_each_idea_and_keeps_it(the_course):
    """Two forms per asking, so a learner asked again does not meet the same words: the
    form comes from the learner's anonymous id, and an answered one stays shown."""
    idea = the_course.ideas[0]
    seen = {form_shown(idea, "before", f"learner-{n:04d}", None) for n in range(40)}
    assert seen == set(range(len(idea.forms("before")))), "learners meet every form"
    second = idea.forms("before")[1]
    store = RecordingStore(the_course)
    check = PrePostCheck(the_course, "before", store=store)
    doc = progress(the_course, {"before": {idea.id: second.answer}})
    store.loaded = json.dumps({**doc, "learner": "abcdefgh-1234"})
    assert check.groups[idea.id].legend.endswith(second.prompt)
    assert check.answers()[idea.id] == {"choice": second.answer}
    change = next(c for c in changes(the_course, store.document) if c.idea.id == idea.id)
    assert change.before == RIGHT, "the key of the form that was shown"


def test_an_option_id_used_in_two_forms_of_one_asking_is_refused(course_copy, edit_yaml):
    def change(data):
        forms = data["ideas"][0]["after"]
        forms[1]["options"][0]["id"] = forms[0]["options"][0]["id"]

    edit_yaml(course_copy / "prepost.yaml", change)
    assert any("option ids must differ across its forms" in p for p in problems_of(course_copy))
