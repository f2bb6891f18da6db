"""The shapes of the course data that stays as it is in the YAML: a question, a
reference, the crisis panel, the worry check..., and the names the course uses
(question types, worry-check levels, before-and-after stages).

Each TypedDict has the keys its JSON Schema (course_data/schema/) gives the object
it describes, required where the schema requires them, so a key's typo fails type
checking; tests/test_types.py checks each against its schema. The loader makes them
from validated YAML (`model.py` holds what is built from it).
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

QuestionTypeName = Literal["single", "multiple", "truefalse", "numeric", "matching", "ordering"]
# A worry-check symptom's level, most serious first (core/triage.py's SEVERITY).
Severity = Literal["emergency", "crisis", "poison", "stop", "urgent", "clinician"]
# What the worry check decides: the most serious level ticked, or "none".
TriageLevel = Literal[Severity, "none"]
# The before-and-after check's two askings: at the start and at the end of the course.
Stage = Literal["before", "after"]

# How long the course wants an idea held: safety-critical ones (whom to call, warning
# signs) are scheduled for a higher recall than background ones.
Tier = Literal["safety-critical", "background"]


# --- quiz.schema.json --------------------------------------------------------------------


class Option(TypedDict):
    """One option of a single or multiple question; a wrong one names its misconception."""

    id: str
    text: str
    feedback: str
    misconception: NotRequired[str]


class Pair(TypedDict):
    """One pair of a matching question: a prompt and the match that goes with it."""

    id: str
    prompt: str
    match: str
    feedback: str
    misconception: NotRequired[str]


class Step(TypedDict):
    """One item of an ordering question."""

    id: str
    text: str
    feedback: str


class TrueFalseFeedback(TypedDict):
    true: str
    false: str


class NumericFeedback(TypedDict):
    correct: str
    low: str
    high: str


class QuestionFields(TypedDict):
    """What every question has ($defs/question); each type adds its `type` and its own
    fields ($defs/<type>-question). An exercise is a question too."""

    id: str
    prompt: str
    explanation: str
    references: list[str]
    hints: NotRequired[list[str]]
    max_tries: NotRequired[int]
    shuffle: NotRequired[bool]
    profile: NotRequired[list[str]]
    tags: NotRequired[list[Literal["scenario"]]]


class SingleQuestion(QuestionFields):
    type: Literal["single"]
    options: list[Option]
    answer: str  # the right option's id


class MultipleQuestion(QuestionFields):
    type: Literal["multiple"]
    options: list[Option]
    answer: list[str]  # the right options' ids


class TrueFalseQuestion(QuestionFields):
    type: Literal["truefalse"]
    answer: bool
    misconception: str
    feedback: TrueFalseFeedback


class NumericQuestion(QuestionFields):
    type: Literal["numeric"]
    answer: float
    tolerance: float
    unit: str
    misconception: NotRequired[str]
    feedback: NumericFeedback


class MatchingQuestion(QuestionFields):
    type: Literal["matching"]
    pairs: list[Pair]


class OrderingQuestion(QuestionFields):
    type: Literal["ordering"]
    items: list[Step]
    answer: list[str]  # the items' ids, first to last


# One of the types: `question["type"] == "numeric"` tells mypy which.
Question = (
    SingleQuestion
    | MultipleQuestion
    | TrueFalseQuestion
    | NumericQuestion
    | MatchingQuestion
    | OrderingQuestion
)
ChoiceQuestion = SingleQuestion | MultipleQuestion


class Reflection(TypedDict):
    """A self-check: the learner writes first, then compares with the model answer."""

    id: str
    prompt: str
    model_answer: str
    references: NotRequired[list[str]]


# --- course.schema.json, references.schema.json, glossary.schema.json --------------------


class Dial(TypedDict):
    """One number of a crisis line, as a link a phone calls or texts."""

    how: Literal["call", "text"]
    number: str  # as written in the line's contact: "1-800-222-1222"
    who: NotRequired[str]  # whom it is for, if not everyone: "Veterans"


class CrisisLine(TypedDict):
    when: str
    contact: str
    dial: NotRequired[list[Dial]]


class Crisis(TypedDict):
    """The crisis panel on every page: whom to contact when."""

    heading: str
    lines: list[CrisisLine]
    note: str


class Reference(TypedDict):
    """A source. Its schema also asks for a year or an accessed month (or both)."""

    id: str
    cite_as: str  # the short name learners see where it is cited: "FDA 2023"
    authors: str
    title: str
    source: str
    checked: str  # YYYY-MM
    year: NotRequired[int]
    accessed: NotRequired[str]  # YYYY-MM
    doi: NotRequired[str]
    url: NotRequired[str]
    note: NotRequired[str]


class GlossaryEntry(TypedDict):
    term: str
    definition: str
    references: list[str]


# --- worry-check.schema.json -------------------------------------------------------------


class Symptom(TypedDict):
    id: str
    text: str
    level: Severity
    references: list[str]


class Advice(TypedDict):
    """The worry check's advice for each level it can decide."""

    emergency: str
    crisis: str
    poison: str
    stop: str
    urgent: str
    clinician: str
    none: str


class WorryCheck(TypedDict):
    """The 'should I be worried?' self-check: symptoms to tick, advice by level, and the
    line every answer ends with."""

    symptoms: list[Symptom]
    advice: Advice
    always: str
