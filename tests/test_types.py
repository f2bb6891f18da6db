"""The course's types against its JSON Schemas, so the two cannot drift apart.

Each TypedDict in widgets/core/types.py has exactly the keys its schema object lists
in `properties`, and requires exactly those in `required`; each frozen dataclass of
widgets/core/model.py made from a schema object (a section, a quiz, a claim...) has a
field for each of its properties; each name list (`Literal`) lists what its schema's
`enum` does; and every object in the schemas is one of these.
"""

from __future__ import annotations

import dataclasses
import json
import re
import typing
from functools import cache
from pathlib import Path
from typing import Any, NotRequired, get_args, get_origin

import pytest

import widgets.views
from widgets.core import types
from widgets.core.loader import DATA_DIR
from widgets.core.model import Ask, Claim, Course, Figure, Idea, Quiz, ReviewIdea, Section
from widgets.core.prepost import STAGES
from widgets.core.question_types import QUESTION_TYPES
from widgets.core.triage import SEVERITY
from widgets.views.kit import MessageKind, icon_html

# The course data's schemas (progress.schema.json is a learner's file, not course data).
COURSE_SCHEMAS = (
    "claims",
    "course",
    "figures",
    "glossary",
    "prepost",
    "quiz",
    "references",
    "review-ideas",
    "worry-check",
)


@cache
def schema(name: str) -> dict[str, Any]:
    return json.loads((DATA_DIR / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))


def at(name: str, path: str) -> dict[str, Any]:
    """The object at a slash-separated path in a schema ("" for the whole schema)."""
    node = schema(name)
    for step in filter(None, path.split("/")):
        node = node[step]
    return node


def keys(typed: type) -> tuple[set[str], set[str]]:
    """A TypedDict's (keys, required keys).

    From its annotations, not `__required_keys__`: under `from __future__ import
    annotations`, Python 3.11 counts a NotRequired key as required there.
    """
    hints = typing.get_type_hints(typed, include_extras=True)
    return set(hints), {key for key, hint in hints.items() if get_origin(hint) is not NotRequired}


def schema_keys(node: dict[str, Any]) -> tuple[set[str], set[str]]:
    return set(node["properties"]), set(node.get("required", []))


# Each TypedDict and the schema object it describes: (schema, path in it).
SHAPES = {
    types.Option: ("quiz", "$defs/option"),
    types.Pair: ("quiz", "$defs/matching-question/properties/pairs/items"),
    types.Step: ("quiz", "$defs/ordering-question/properties/items/items"),
    types.TrueFalseFeedback: ("quiz", "$defs/truefalse-question/properties/feedback"),
    types.NumericFeedback: ("quiz", "$defs/numeric-question/properties/feedback"),
    types.Reflection: ("quiz", "$defs/reflection"),
    types.Crisis: ("course", "properties/crisis"),
    types.CrisisLine: ("course", "properties/crisis/properties/lines/items"),
    types.Dial: ("course", "properties/crisis/properties/lines/items/properties/dial/items"),
    types.Reference: ("references", "properties/references/items"),
    types.GlossaryEntry: ("glossary", "properties/terms/items"),
    types.WorryCheck: ("worry-check", ""),
    types.Symptom: ("worry-check", "properties/symptoms/items"),
    types.Advice: ("worry-check", "properties/advice"),
}


# Each dataclass made from a schema object, the object, and its fields that are not in
# the object (what the loader adds).
OTHER_FILES = {
    *("quizzes", "references", "glossary", "worry_check", "claims", "figures", "ideas"),
    *("review_ideas", "retention"),
}
BUILT = {
    Section: ("course", "properties/sections/items", set()),
    Quiz: ("quiz", "", set()),
    Claim: ("claims", "properties/claims/items", {"line"}),  # where it is in claims.yaml
    Figure: ("figures", "properties/figures/items", set()),
    Idea: ("prepost", "properties/ideas/items", set()),
    Ask: ("prepost", "$defs/ask", set()),
    ReviewIdea: ("review-ideas", "properties/ideas/items", {"unasked"}),  # ids no quiz asks
    Course: ("course", "", OTHER_FILES),
}


@pytest.mark.parametrize("typed", SHAPES, ids=lambda t: t.__name__)
def test_each_typeddict_has_its_schema_objects_keys_and_requires_what_it_requires(typed):
    name, path = SHAPES[typed]
    assert keys(typed) == schema_keys(at(name, path)), f"{typed.__name__} vs {name}: {path}"


def test_every_object_in_the_schemas_has_a_type():
    """A new object in a schema (a nested one too) gets a TypedDict or a dataclass, or
    is named here with what the loader makes of it."""
    unpacked = {
        # the top of a file that is one list, kept in one of Course's fields
        ("claims", ""),
        ("figures", ""),
        ("glossary", ""),
        ("prepost", ""),
        ("references", ""),
        # the tiers' retention, kept as Course.retention (a map by tier)
        ("review-ideas", ""),
        ("review-ideas", "properties/retention"),
        # made into (id, text) pairs (Ask.options) and id -> label maps (Figure.keys)
        ("prepost", "$defs/ask/properties/options/items"),
        ("figures", "properties/figures/items/properties/keys/additionalProperties/items"),
    }
    questions = {("quiz", "$defs/question")} | {
        ("quiz", f"$defs/{kind.schema}") for kind in QUESTION_TYPES.values()
    }
    files = {path.name.removesuffix(".schema.json") for path in (DATA_DIR / "schema").iterdir()}
    assert files == {*COURSE_SCHEMAS, "progress"}
    built = {(name, path) for name, path, _ in BUILT.values()}
    known = set(SHAPES.values()) | questions | built | unpacked
    for name in COURSE_SCHEMAS:
        for path in objects(schema(name), ""):
            assert (name, path) in known, f"{name}.schema.json: {path} has no type"


def objects(node: Any, path: str) -> list[str]:
    """The paths of every schema object with `properties`, nested ones too."""
    found = [path] if isinstance(node, dict) and "properties" in node else []
    if isinstance(node, dict):
        for key, child in node.items():
            if key not in ("allOf", "if", "then", "enum", "const"):
                found += objects(child, f"{path}/{key}".lstrip("/"))
    return found


def question_type(name: str) -> type:
    """The member of `Question` whose `type` is this name."""
    (member,) = [
        m for m in get_args(types.Question) if get_args(typing.get_type_hints(m)["type"]) == (name,)
    ]
    return member


def test_every_question_has_the_keys_the_schema_gives_every_question():
    asked = at("quiz", "$defs/question")
    every, required = schema_keys(asked)
    assert keys(types.QuestionFields) == (every - {"type"}, required - {"type"})


@pytest.mark.parametrize("name", list(QUESTION_TYPES))
def test_each_question_type_has_the_common_keys_and_its_fragments(name):
    common, common_required = schema_keys(at("quiz", "$defs/question"))
    own, own_required = schema_keys(at("quiz", f"$defs/{QUESTION_TYPES[name].schema}"))
    assert keys(question_type(name)) == (common | own, common_required | own_required)


def test_the_question_union_has_one_member_per_type_and_the_choices_are_two_of_them():
    assert len(get_args(types.Question)) == len(QUESTION_TYPES)
    assert {question_type(n) for n in QUESTION_TYPES} == set(get_args(types.Question))
    assert set(get_args(types.ChoiceQuestion)) == {
        question_type("single"),
        question_type("multiple"),
    }


@pytest.mark.parametrize("built", BUILT, ids=lambda b: b.__name__)
def test_each_dataclass_has_a_field_per_property_and_a_default_for_each_optional_one(built):
    name, path, extra = BUILT[built]
    fields = dataclasses.fields(built)
    without_default = {
        f.name
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    assert ({f.name for f in fields} - extra, without_default - extra) == schema_keys(
        at(name, path)
    ), f"{built.__name__} vs {name}: {path}"


def test_the_names_are_the_schemas():
    quiz_type = at("quiz", "$defs/question/properties/type")["enum"]
    assert list(get_args(types.QuestionTypeName)) == quiz_type == list(QUESTION_TYPES)
    level = at("worry-check", "properties/symptoms/items/properties/level")["enum"]
    assert list(get_args(types.Severity)) == level == list(SEVERITY)
    assert get_args(types.TriageLevel) == (*SEVERITY, "none")
    assert set(get_args(types.TriageLevel)) == keys(types.Advice)[0]
    prepost = at("progress", "properties/prepost/properties")
    assert [*get_args(types.Stage), "compared", "compared_on", "later"] == list(prepost)
    assert get_args(types.Stage) == STAGES
    tags = at("quiz", "$defs/question/properties/tags/items")["enum"]
    assert list(get_args(get_args(typing.get_type_hints(types.QuestionFields)["tags"])[0])) == tags


def test_every_message_kind_has_its_icon_drawn_by_the_style_not_written_as_an_emoji():
    style = (Path(widgets.views.__file__).parent / "static" / "course.css").read_text()
    drawn = set(re.findall(r"\.kc-icon-([a-z]+)::before", style))
    assert drawn == set(get_args(MessageKind))
    assert all(icon_html(kind).count("></span>") == 1 for kind in get_args(MessageKind))
