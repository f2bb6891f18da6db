"""Calibration: "when you said sure, you were right N of M times", per level, and what
over- and under-confidence mean, or that there are too few answers yet."""

from __future__ import annotations

from widgets.core.calibration import ENOUGH, calibration, calibration_sentences


def answers(the_course, given: list[tuple[bool, str | None]]) -> dict:
    """A document whose course questions, in order, were first answered as given."""
    ids = [q["id"] for s in the_course.sections for q in the_course.quizzes[s.id].questions]
    sections: dict[str, dict] = {}
    for question_id, (correct, level) in zip(ids, given, strict=False):
        section = the_course.question_ids()[question_id]
        state = {
            "tries": 1,
            "score": float(correct),
            "solved": correct,
            "revealed": False,
            "first_try": {"correct": correct, "confidence": level},
        }
        sections.setdefault(section, {"questions": {}})["questions"][question_id] = state
    return {"course": the_course.id, "version": the_course.version, "sections": sections}


def test_each_level_counts_its_first_tries_right(the_course):
    doc = answers(the_course, [(True, "sure"), (False, "sure"), (True, "guessing"), (True, None)])
    counted = {r.level: (r.right, r.asked) for r in calibration(doc, the_course)}
    assert counted == {"sure": (1, 2), "unsure": (0, 0), "guessing": (1, 1)}
    said = calibration_sentences(calibration(doc, the_course))
    assert said[:2] == [
        "When you said sure, you were right 1 of 2 times.",
        "When you said guessing, you were right 1 of 1 time.",
    ]
    assert f"After {ENOUGH} answers" in said[-1]


def test_sure_but_often_wrong_is_told_to_check_before_acting(the_course):
    doc = answers(the_course, [(True, "sure")] * 3 + [(False, "sure")] * 3)
    said = " ".join(calibration_sentences(calibration(doc, the_course)))
    assert "wrong when you felt sure" in said and "ask a clinician" in said


def test_sure_and_right_is_told_the_feeling_can_be_trusted(the_course):
    doc = answers(the_course, [(True, "sure")] * 6)
    assert "mostly right" in " ".join(calibration_sentences(calibration(doc, the_course)))


def test_unsure_but_right_is_told_they_know_more_than_they_think(the_course):
    doc = answers(the_course, [(True, "unsure")] * 3 + [(True, "guessing")] * 3)
    said = " ".join(calibration_sentences(calibration(doc, the_course)))
    assert "know more than you think" in said


def test_one_section_counts_only_its_own_questions(the_course):
    doc = answers(the_course, [(True, "sure")] * 30)
    first = the_course.sections[0].id
    asked = sum(r.asked for r in calibration(doc, the_course, first))
    assert asked == len(doc["sections"][first]["questions"])


def test_no_confidence_given_says_how_to_see_it(the_course):
    doc = answers(the_course, [(True, None)] * 4)
    assert "How sure are you?" in calibration_sentences(calibration(doc, the_course))[0]
