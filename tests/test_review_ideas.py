"""review-ideas.yaml: no quiz question in two ideas (one in none is a content rule),
every idea with a tier, every before-and-after idea covered, safety kept above
background; each broken once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from widgets.authoring.rules.corpus import build_corpus
from widgets.authoring.rules.quizzes import unreviewed_problems
from widgets.core.loader import load_course
from widgets.core.model import BankError

IDEAS = "review-ideas.yaml"


def problems_after(course_copy, edit_yaml, change: Callable[[Any], None]) -> list[str]:
    edit_yaml(course_copy / IDEAS, change)
    with pytest.raises(BankError) as loading:
        load_course(course_copy)
    return [str(p) for p in loading.value.problems]


def test_the_shipped_ideas_hold_every_question_once(the_course):
    asked = [q["id"] for quiz in the_course.quizzes.values() for q in quiz.questions]
    placed = [q for idea in the_course.review_ideas for q in idea.questions]
    assert sorted(asked) == sorted(placed)
    covered = {p for idea in the_course.review_ideas for p in idea.prepost}
    assert covered == {idea.id for idea in the_course.ideas}


def test_a_question_in_two_ideas_names_both_places(course_copy, edit_yaml):
    def change(data):
        data["ideas"][1]["questions"].append(data["ideas"][0]["questions"][0])

    shown = problems_after(course_copy, edit_yaml, change)
    assert any("duplicate id, also used at line" in p for p in shown), shown


def test_an_unknown_before_and_after_idea_is_named(course_copy, edit_yaml):
    def change(data):
        data["ideas"][0]["prepost"] = ["no-such-idea"]

    shown = problems_after(course_copy, edit_yaml, change)
    assert any("unknown before-and-after idea 'no-such-idea'" in p for p in shown), shown


def test_a_question_id_no_quiz_asks_is_left_out_of_the_deck(course_copy, edit_yaml):
    """(and reported by the rule questions-belong-to-review-ideas)"""
    edit_yaml(course_copy / IDEAS, lambda d: d["ideas"][0]["questions"].append("gone"))
    loaded = load_course(course_copy)
    [first, *_] = loaded.review_ideas
    assert "gone" not in first.questions and first.unasked == ("gone",)
    corpus = build_corpus(course_copy, course_copy.parent / "notebooks", loaded, date(2026, 12, 1))
    [stale] = unreviewed_problems(corpus)
    assert stale.item == f"idea {first.id}" and "'gone', which no quiz asks" in stale.reason


def test_an_idea_without_a_tier_is_refused(course_copy, edit_yaml):
    def change(data):
        del data["ideas"][2]["tier"]

    shown = problems_after(course_copy, edit_yaml, change)
    assert any(IDEAS in p and "tier" in p for p in shown), shown


def test_safety_critical_ideas_must_be_kept_above_background(course_copy, edit_yaml):
    def change(data):
        data["retention"]["safety-critical"] = data["retention"]["background"]

    shown = problems_after(course_copy, edit_yaml, change)
    assert any("higher recall than background" in p for p in shown), shown
