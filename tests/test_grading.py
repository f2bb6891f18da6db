"""Pure grading of every question type, including malformed answers."""

from __future__ import annotations

import math

import pytest

from widgets.core.confidence import (
    GUESSING,
    RIGHT_BUT_UNSURE,
    SURE,
    SURE_BUT_WRONG,
    UNSURE,
    learning_case,
)
from widgets.core.grading import AnswerError, parse_number
from widgets.core.question_types import describe_answer, grade


def option(option_id, misconception=None):
    entry = {"id": option_id, "text": f"text {option_id}", "feedback": f"because {option_id}"}
    if misconception:
        entry["misconception"] = misconception
    return entry


SINGLE = {
    "id": "q-single",
    "type": "single",
    "options": [option("a"), option("b", "m-b"), option("c", "m-c")],
    "answer": "a",
}
MULTIPLE = {
    "id": "q-multi",
    "type": "multiple",
    "options": [option("a"), option("b"), option("c", "m-c"), option("d", "m-d")],
    "answer": ["a", "b"],
}
TRUEFALSE = {
    "id": "q-tf",
    "type": "truefalse",
    "answer": False,
    "misconception": "m-tf",
    "feedback": {"true": "no, because", "false": "yes, because"},
}
NUMERIC = {
    "id": "q-num",
    "type": "numeric",
    "answer": 27.4,
    "tolerance": 0.5,
    "unit": "%",
    "misconception": "m-num",
    "feedback": {"correct": "right", "low": "too low", "high": "too high"},
}
MATCHING = {
    "id": "q-match",
    "type": "matching",
    "pairs": [
        {"id": "x", "prompt": "X", "match": "one", "feedback": "x is one"},
        {"id": "y", "prompt": "Y", "match": "two", "feedback": "y is two", "misconception": "m-y"},
        {"id": "z", "prompt": "Z", "match": "three", "feedback": "z is three"},
    ],
}
ORDERING = {
    "id": "q-order",
    "type": "ordering",
    "items": [
        {"id": "s1", "text": "first", "feedback": "f1"},
        {"id": "s2", "text": "second", "feedback": "f2"},
        {"id": "s3", "text": "third", "feedback": "f3"},
        {"id": "s4", "text": "fourth", "feedback": "f4"},
    ],
    "answer": ["s1", "s2", "s3", "s4"],
}


def test_single_right_option_scores_full_with_its_feedback():
    result = grade(SINGLE, "a")
    assert (result.correct, result.score) == (True, 1.0)
    assert result.feedback[0].text == "because a"


def test_single_wrong_option_explains_and_tags_misconception():
    result = grade(SINGLE, "c")
    assert (result.correct, result.score) == (False, 0.0)
    assert result.feedback[0].text == "because c"
    assert result.misconceptions == ("m-c",)


@pytest.mark.parametrize("answer", [None, 3, ["a"]])
def test_single_rejects_answers_of_the_wrong_type(answer):
    with pytest.raises(AnswerError, match="question q-single"):
        grade(SINGLE, answer)


def test_single_unknown_option_names_the_options():
    with pytest.raises(AnswerError, match=r"unknown option 'zz'; options are \['a', 'b', 'c'\]"):
        grade(SINGLE, "zz")


def test_multiple_exact_choice_gets_full_credit():
    result = grade(MULTIPLE, ["b", "a"])
    assert (result.correct, result.score) == (True, 1.0)


def test_multiple_partial_choice_shows_partial_credit_but_is_not_correct():
    result = grade(MULTIPLE, ["a"])
    assert (result.correct, result.score) == (False, 0.5)
    assert "1 of 2 right choices" in result.summary and "50%" in result.summary


def test_multiple_wrong_picks_cancel_right_ones_and_never_go_negative():
    assert grade(MULTIPLE, ["a", "c"]).score == 0.0
    assert grade(MULTIPLE, ["c", "d"]).score == 0.0
    assert grade(MULTIPLE, ["a", "b", "c"]).score == 0.5


def test_multiple_feedback_covers_only_chosen_options():
    result = grade(MULTIPLE, ["a", "d"])
    assert [f.label for f in result.feedback] == ["text a", "text d"]
    assert result.misconceptions == ("m-d",)


@pytest.mark.parametrize("answer", ["a", 5, [], None])
def test_multiple_rejects_non_lists_and_empty_choice(answer):
    with pytest.raises(AnswerError, match="question q-multi"):
        grade(MULTIPLE, answer)


def test_multiple_rejects_unknown_option():
    with pytest.raises(AnswerError, match="unknown option 'e'"):
        grade(MULTIPLE, ["a", "e"])


def test_truefalse_right_and_wrong():
    assert grade(TRUEFALSE, False).correct
    wrong = grade(TRUEFALSE, True)
    assert not wrong.correct and wrong.feedback[0].text == "no, because"
    assert wrong.misconceptions == ("m-tf",)


@pytest.mark.parametrize("answer", ["false", 0, None])
def test_truefalse_requires_a_boolean(answer):
    with pytest.raises(AnswerError, match="expected True or False"):
        grade(TRUEFALSE, answer)


@pytest.mark.parametrize(("answer", "correct"), [(27.4, True), (27.9, True), (26.9, True)])
def test_numeric_accepts_answers_within_tolerance(answer, correct):
    assert grade(NUMERIC, answer).correct is correct


def test_numeric_says_whether_too_low_or_too_high():
    low, high = grade(NUMERIC, 20), grade(NUMERIC, 40)
    assert low.feedback[0].text == "too low" and "too low" in low.summary
    assert high.feedback[0].text == "too high" and not high.correct
    assert high.misconceptions == ("m-num",)


@pytest.mark.parametrize("answer", ["27", True, None, math.nan, math.inf])
def test_numeric_rejects_non_numbers(answer):
    with pytest.raises(AnswerError):
        grade(NUMERIC, answer)


@pytest.mark.parametrize(("text", "value"), [("27.4", 27.4), (" 27,4 ", 27.4), ("9 %", 9.0)])
def test_parse_number_reads_what_learners_type(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "nan", "1e999"])
def test_parse_number_explains_what_to_type(text):
    with pytest.raises(AnswerError, match="number"):
        parse_number(text)


def test_matching_all_right():
    result = grade(MATCHING, {"x": "one", "y": "two", "z": "three"})
    assert (result.correct, result.score) == (True, 1.0)


def test_matching_partial_scores_share_right_and_tags_misconception():
    result = grade(MATCHING, {"x": "one", "y": "three", "z": "two"})
    assert not result.correct and result.score == pytest.approx(1 / 3)
    assert result.misconceptions == ("m-y",)
    assert "does not go with" in result.feedback[1].text


def test_matching_requires_every_item_and_known_matches():
    with pytest.raises(AnswerError, match="missing: Z"):
        grade(MATCHING, {"x": "one", "y": "two", "z": None})
    with pytest.raises(AnswerError, match="'four' is not one of the matches"):
        grade(MATCHING, {"x": "one", "y": "two", "z": "four"})
    with pytest.raises(AnswerError, match="unknown item"):
        grade(MATCHING, {"x": "one", "y": "two", "z": "three", "w": "one"})
    with pytest.raises(AnswerError, match="mapping"):
        grade(MATCHING, ["one", "two", "three"])


def test_ordering_exact_and_partial():
    assert grade(ORDERING, ["s1", "s2", "s3", "s4"]).correct
    partial = grade(ORDERING, ["s1", "s3", "s2", "s4"])
    assert not partial.correct and partial.score == 0.5
    assert [f.ok for f in partial.feedback] == [True, False, False, True]


def test_ordering_rejects_incomplete_repeated_or_unknown_steps():
    with pytest.raises(AnswerError, match="place all 4 steps"):
        grade(ORDERING, ["s1", "s2", None, "s4"])
    with pytest.raises(AnswerError, match="only once"):
        grade(ORDERING, ["s1", "s1", "s3", "s4"])
    with pytest.raises(AnswerError, match="unknown item"):
        grade(ORDERING, ["s1", "s2", "s3", "s9"])
    with pytest.raises(AnswerError, match="list of item ids"):
        grade(ORDERING, "s1 s2 s3 s4")


def test_describe_answer_states_the_answer_for_each_type():
    assert describe_answer(SINGLE) == "text a"
    assert describe_answer(MULTIPLE) == "text a; text b"
    assert describe_answer(TRUEFALSE) == "False"
    assert describe_answer(NUMERIC) == "27.4% (within ±0.5)"
    assert describe_answer(MATCHING) == "X → one; Y → two; Z → three"
    assert describe_answer(ORDERING) == "first → second → third → fourth"


def test_every_shipped_question_grades_its_own_answer_as_correct(the_course):
    for quiz in the_course.quizzes.values():
        for question in quiz.questions:
            answer = key_answer(question)
            assert grade(question, answer).correct, question["id"]


def key_answer(question):
    """The correct answer in the format a learner would give it."""
    kind = question["type"]
    if kind == "matching":
        return {p["id"]: p["match"] for p in question["pairs"]}
    return question["answer"]


@pytest.mark.parametrize(
    ("correct", "confidence", "case"),
    [
        (False, SURE, SURE_BUT_WRONG),
        (True, UNSURE, RIGHT_BUT_UNSURE),
        (True, GUESSING, RIGHT_BUT_UNSURE),
        (True, SURE, None),
        (False, UNSURE, None),
        (False, None, None),
        (True, None, None),
    ],
)
def test_the_two_learning_cases_follow_from_correctness_and_confidence(correct, confidence, case):
    assert learning_case(correct, confidence) == case
