"""Every question type is whole: schema fragment, grader, words for its answer, data
checks, input, scaffold and export. Adding a type and forgetting a part fails here."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.test_grading import key_answer
from widgets.authoring.jupyterquiz.exporter import EXPORTERS
from widgets.authoring.scaffolds import SCAFFOLDS, scaffold
from widgets.core.grading import AnswerError
from widgets.core.loader import DATA_DIR
from widgets.core.question_types import (
    QUESTION_TYPES,
    check_question,
    describe_answer,
    every_type,
    grade,
)
from widgets.views.inputs import INPUTS, make_input

SCHEMA = json.loads((DATA_DIR / "schema" / "quiz.schema.json").read_text(encoding="utf-8"))
TYPES = list(QUESTION_TYPES)


def test_the_schema_lists_exactly_the_types_in_the_same_order():
    assert SCHEMA["$defs"]["question"]["properties"]["type"]["enum"] == TYPES


def test_each_type_has_its_schema_fragment_and_is_routed_to_it():
    routes = {
        rule["if"]["properties"]["type"]["const"]: rule["then"]["$ref"]
        for rule in SCHEMA["$defs"]["question"]["allOf"]
    }
    for kind in QUESTION_TYPES.values():
        assert kind.schema in SCHEMA["$defs"], kind.name
        assert routes[kind.name] == f"#/$defs/{kind.schema}"
    assert set(routes) == set(TYPES)


@pytest.mark.parametrize(
    ("table", "name"), [(INPUTS, "inputs"), (SCAFFOLDS, "scaffolds"), (EXPORTERS, "exports")]
)
def test_every_layer_has_a_part_for_every_type(table, name):
    assert list(table) == TYPES, name


def test_a_table_missing_a_type_is_refused_when_it_is_built():
    partial = {kind: None for kind in TYPES[1:]}
    with pytest.raises(TypeError, match=rf"missing question type\(s\) \['{TYPES[0]}'\]"):
        every_type(partial, "a test table")
    with pytest.raises(TypeError, match=r"unknown \['essay'\]"):
        every_type({**partial, TYPES[0]: None, "essay": None}, "a test table")


@pytest.mark.parametrize("kind", TYPES)
def test_a_new_question_of_each_type_passes_every_part_from_scaffold_to_grade(kind, the_course):
    question = scaffold(kind, f"new-{kind}", the_course.sections[0].references[0])
    quiz = {"section": "s", "questions": [question], "reflections": [question_reflection()]}
    jsonschema.validate(quiz, SCHEMA)
    assert check_question(question, set(the_course.references)) == []
    answer = key_answer(question)
    assert grade(question, answer).correct
    assert describe_answer(question)
    controls = make_input(question, seed=1)
    controls.value = answer
    assert grade(question, controls.value).correct
    controls.clear()
    with pytest.raises(AnswerError):
        grade(question, controls.value)


def question_reflection() -> dict[str, str]:
    return {"id": "r", "prompt": "Why?", "model_answer": "Because."}


@pytest.mark.parametrize("kind", TYPES)
def test_the_shipped_course_uses_every_type(kind, the_course):
    used = {q["type"] for quiz in the_course.quizzes.values() for q in quiz.questions}
    assert kind in used, f"no {kind} question: the browser tests would never show one"
