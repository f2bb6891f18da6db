"""What learners read in the widgets says one thing at a time, in the course's words: a
result never contradicts its credit, sources are named as the prose names them, help
advice never looks like a wrong answer, and the home says where to go next."""

from __future__ import annotations

import re
from datetime import date

from tests.browser import NOTEBOOK_DIR
from tests.doubles import RecordingStore
from widgets.authoring.rules.corpus import build_corpus
from widgets.authoring.rules.pages import page_anchors
from widgets.core.loader import DATA_DIR
from widgets.core.question_types import grade
from widgets.views.dashboard import REVIEW_SECTION, Dashboard, duration_words
from widgets.views.help import WorryCheck
from widgets.views.kit import REVIEWS_ANCHOR, citations_html
from widgets.views.quiz import ExerciseSet

SECTION = "finding-a-practitioner"  # the section with exercises


def a_multiple_question(the_course):
    return next(
        q
        for quiz in the_course.quizzes.values()
        for q in quiz.questions
        if q["type"] == "multiple" and len(q["answer"]) == 2
    )


def test_a_wrong_pick_that_cancels_every_right_one_is_not_called_partly_right(the_course):
    question = a_multiple_question(the_course)
    right = question["answer"][0]
    wrong = next(o["id"] for o in question["options"] if o["id"] not in question["answer"])
    cancelled = grade(question, [right, wrong])
    assert cancelled.score == 0
    assert "Partly right" not in cancelled.summary and "No credit" in cancelled.summary
    half = grade(question, [right])
    assert half.summary.startswith("Partly right") and "Credit: 50%" in half.summary


def test_exercises_say_how_many_are_done_and_the_home_counts_them(the_course):
    store = RecordingStore(the_course)
    store.receive({"kind": "ready"})
    exercises = ExerciseSet(the_course, SECTION, store)
    total = len(the_course.quizzes[SECTION].exercises)
    assert f"Exercises: 0 of {total} tried" in exercises.done.value
    first = exercises.views[0]
    first.input.value = first.question["answer"]
    first.controls.press("check")
    assert f"Exercises: 1 of {total} tried · 1 right" in exercises.done.value
    home = Dashboard(the_course, store)
    _, words = home.rows[SECTION]
    assert f"1 of {total} exercises tried" in words.value


def test_citations_name_each_source_as_the_prose_does_not_by_its_id(the_course):
    shown = citations_html(["fda-compounded-ketamine-2023", "samhsa-988"])
    link_texts = re.findall(r">([^<]+)</a>", shown)
    assert link_texts == [
        the_course.references["fda-compounded-ketamine-2023"]["cite_as"],
        the_course.references["samhsa-988"]["cite_as"],
    ]
    assert "FDA 2023" in link_texts
    assert 'href="#ref-fda-compounded-ketamine-2023"' in shown, "the link still finds the source"


def test_no_worry_check_answer_shows_a_reference_id_to_the_learner(the_course):
    check = WorryCheck(the_course.worry_check)
    check.choice.selected = list(range(len(check.symptoms)))
    check.button.click()
    link_texts = set(re.findall(r">([^<]+)</a>", check.advice.value))
    assert link_texts and not link_texts & set(the_course.references)


def test_help_now_and_care_today_never_look_like_a_wrong_answer(the_course):
    check = WorryCheck(the_course.worry_check)
    by_id = {s["id"]: n for n, s in enumerate(check.symptoms)}
    for level, kind in [("emergency", "danger"), ("crisis", "danger"), ("stop", "care")]:
        symptom = next(s["id"] for s in check.symptoms if s["level"] == level)
        check.choice.selected = [by_id[symptom]]
        check.button.click()
        assert f"kc-message kc-{kind}" in check.advice.value, level
        assert "kc-wrong" not in check.advice.value and "✘" not in check.advice.value


def test_the_home_says_where_to_start_then_where_to_go_on(the_course):
    store = RecordingStore(the_course)
    home = Dashboard(the_course, store)
    first, second = the_course.sections[:2]
    assert "Start here" in home.next_step.value and first.notebook in home.next_step.value
    for question in the_course.quizzes[first.id].questions:
        state = {"tries": 1, "score": 1.0, "solved": True, "revealed": False}
        store.save_parts(first.id, {"questions": {question["id"]: state}})
    home.update(store.document)
    assert "Continue where you left off" in home.next_step.value
    assert f'href="{second.notebook}"' in home.next_step.value


def test_the_course_time_is_said_as_a_person_says_it():
    assert duration_words(195) == "about 3 hours 15 minutes"
    assert duration_words(60) == "about 1 hour"
    assert duration_words(45) == "about 45 minutes"
    assert duration_words(61) == "about 1 hour 1 minute"


def test_the_homes_link_to_the_deck_names_a_part_the_review_page_has(the_course):
    corpus = build_corpus(DATA_DIR, NOTEBOOK_DIR, the_course, date(2026, 12, 2))
    review = corpus.notebook(the_course.section(REVIEW_SECTION).notebook)
    assert REVIEWS_ANCHOR in page_anchors(corpus, review)
