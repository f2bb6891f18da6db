"""The learner's progress document: parse, check and summarise it (pure).

The document lives in the browser (localStorage) and in files the learner
exports; the server never stores it. It holds answers and scores, never the
answer key:

    {"course": "<id>", "version": 1,
     "sections": {"<section>": {"questions": {"<qid>": {...}},
                                "reflections": {"<rid>": {...}},
                                "exercises": {"<qid>": {...}}}}}

Files from before exercises were saved (no "exercises") still import. The whole
shape is published as course_data/schema/progress.schema.json.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import fastjsonschema
from fsrs import Rating

from widgets.core.later_check import LATER_CHECKS
from widgets.core.loader import DATA_DIR
from widgets.core.model import Course
from widgets.core.prepost import DONT_KNOW, STAGES, as_answer, compared, known_choices
from widgets.core.review_schedule import answer_day, answered, first_review_days, fixed_day

MAX_BYTES = 1_000_000
MAX_REFLECTION_CHARS = 5_000

# Published with the course's other schemas, where authors and other tools look for
# what an exported file may hold (tests/test_progress.py checks it names LEVELS, STAGES
# and MAX_REFLECTION_CHARS).
SCHEMA: dict[str, Any] = json.loads(
    (DATA_DIR / "schema" / "progress.schema.json").read_text(encoding="utf-8")
)


# fastjsonschema, not jsonschema: this runs in every learner's kernel, and jsonschema's
# import alone costs each kernel ~20 MB. The first error is all a learner needs.
_check_document = fastjsonschema.compile(SCHEMA)


class ProgressError(ValueError):
    """A progress document that cannot be used; the message is for the learner."""


def empty_progress(course: Course) -> dict[str, Any]:
    return {"course": course.id, "version": course.version, "sections": {}}


def parse_progress(text: str, course: Course, *, strict: bool) -> dict[str, Any]:
    """Check a progress document and return it, trimmed to what this course knows.

    strict (an imported file): unknown sections or questions are an error, so a
    file from another course version is refused whole. Not strict (the
    browser's own copy after a course update): unknown entries are dropped.
    """
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise ProgressError(f"the file is larger than {MAX_BYTES // 1000} kB")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ProgressError(f"the file is not valid JSON ({error})") from None
    try:
        _check_document(data)
    except fastjsonschema.JsonSchemaValueException as error:
        raise ProgressError(
            f"the file is not a progress file for this course ({str(error.message)[:200]})"
        ) from None
    if data["course"] != course.id:
        raise ProgressError(f"the file is for course {data['course'][:80]!r}, not {course.id!r}")
    if data["version"] != course.version:
        raise ProgressError(
            f"the file is from course version {data['version']}; this course is version "
            f"{course.version}"
        )
    sections: dict[str, Any] = {}
    known_sections = {s.id for s in course.sections}
    for section_id, entry in data["sections"].items():
        if section_id not in known_sections:
            if strict:
                raise ProgressError(f"the file names an unknown section {section_id[:80]!r}")
            continue
        quiz = course.quizzes[section_id]
        kept = {}
        for part, known in (
            ("questions", {q["id"] for q in quiz.questions}),
            ("reflections", {r["id"] for r in quiz.reflections}),
            ("exercises", {q["id"] for q in quiz.exercises}),
        ):
            unknown = set(entry.get(part, {})) - known
            if unknown and strict:
                raise ProgressError(
                    f"section {section_id!r} has unknown {part} {sorted(unknown)[:3]}"
                )
            if part in entry:
                kept[part] = {k: v for k, v in entry[part].items() if k in known}
        sections[section_id] = kept
    parsed = {"course": course.id, "version": course.version, "sections": sections}
    if "learner" in data:
        parsed["learner"] = data["learner"]
    reviews = _known_reviews(data.get("review", {}), course, strict=strict)
    if "deck" in data:  # a Leitner-era deck: its cards become reviews of their ideas
        for idea_id, entries in from_leitner(
            _known_cards(data["deck"], course, strict=strict), course
        ).items():
            reviews.setdefault(idea_id, entries)
    if reviews or "review" in data:
        parsed["review"] = reviews
    if "prepost" in data:
        parsed["prepost"] = _known_prepost(data["prepost"], course, strict=strict)
    return parsed


def _known_prepost(answers: dict[str, Any], course: Course, *, strict: bool) -> dict[str, Any]:
    """The before-and-after answers (and the later checks) to ideas and choices this
    course has, each answer as {"choice", "confidence"?}: older files hold the choice
    alone."""
    kept: dict[str, Any] = {"compared": answers["compared"]} if "compared" in answers else {}
    if "compared_on" in answers:
        if _real_day(answers["compared_on"]):
            kept["compared_on"] = answers["compared_on"]
        elif strict:
            raise ProgressError("the day the after answers were fixed is not a day")
    for stage in STAGES:
        if stage not in answers:
            continue
        known = known_choices(course, stage)
        chosen = {i: as_answer(value) for i, value in answers[stage].items()}
        unknown = {i for i, a in chosen.items() if a["choice"] not in known.get(i, set())}
        if unknown and strict:
            idea = sorted(unknown)[0]
            raise ProgressError(f"the {stage} check has an unknown answer for {idea[:80]!r}")
        kept[stage] = {i: a for i, a in chosen.items() if i not in unknown}
    if "later" in answers:
        kept["later"] = _known_later(answers["later"], course, strict=strict)
    return kept


def _real_day(text: str) -> bool:
    """A day of the calendar (the schema checks only its shape)."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _known_later(
    later: dict[str, Any], course: Course, *, strict: bool
) -> dict[str, dict[str, Any]]:
    """The later checks of ideas this course has, each a form and choice it offers."""
    ideas = {idea.id: idea for idea in course.ideas}
    kept = {}
    for idea_id, checks in later.items():
        idea = ideas.get(idea_id)
        problem = None
        if idea is None:
            problem = f"the later check names an unknown idea {idea_id[:80]!r}"
        else:
            for name, answer in checks.items():
                if not _real_day(answer["day"]):
                    problem = f"the later check of {idea_id[:80]!r} has a day that is not one"
                    break
                forms = idea.forms(LATER_CHECKS[name].stage)
                if answer["form"] >= len(forms):
                    problem = f"the later check of {idea_id[:80]!r} names an unknown form"
                elif answer["choice"] not in {*dict(forms[answer["form"]].options), DONT_KNOW}:
                    problem = f"the later check of {idea_id[:80]!r} has an unknown answer"
        if problem is None:
            kept[idea_id] = checks
        elif strict:  # (the browser's own copy drops that idea's later checks)
            raise ProgressError(problem)
    return kept


def _known_cards(deck: dict[str, Any], course: Course, *, strict: bool) -> dict[str, Any]:
    """The deck's cards for questions this course has, with real dates."""
    known = course.question_ids()
    kept = {}
    for question_id, card in deck.items():
        problem = None
        if question_id not in known:
            problem = f"the review deck names an unknown question {question_id[:80]!r}"
        else:
            try:
                for day in (card["due"], *card["right_days"]):
                    date.fromisoformat(day)
            except ValueError:
                problem = f"the review card {question_id[:80]!r} has a date that is not one"
        if problem is None:
            kept[question_id] = card
        elif strict:  # (the browser's own copy drops the card and keeps the rest)
            raise ProgressError(problem)
    return kept


def _known_reviews(
    logged: dict[str, Any], course: Course, *, strict: bool
) -> dict[str, list[dict[str, Any]]]:
    """The deck's reviews, each under the idea its question belongs to now, oldest
    first. A question moved to another idea takes its reviews with it, and days out of
    order (a clock put back, two devices) are sorted: the history is kept. A review of
    a question this course does not have, or on a day that is not one, is refused in a
    file and dropped from the browser's own copy (its other reviews are kept)."""
    kept: dict[str, list[dict[str, Any]]] = {}
    for idea_id, entries in logged.items():
        for entry in entries:
            idea = course.idea_of(entry["question"])
            if idea is not None and _real_day(entry["day"]):
                same = kept.setdefault(idea.id, [])
                if entry not in same:  # (re-filed before, and saved under both)
                    same.append(entry)
            elif strict:
                what = "names an unknown question" if idea is None else "has a day that is not one"
                raise ProgressError(f"a review of {idea_id[:80]!r} {what}")
    for entries in kept.values():
        entries.sort(key=lambda e: e["day"])  # (stable: one day's reviews keep their order)
    return kept


def from_leitner(deck_cards: dict[str, Any], course: Course) -> dict[str, list[dict[str, Any]]]:
    """A Leitner-era deck (by question: box, due, right days) as deck reviews by idea: a
    missed card's day as Again, each right day as Good."""
    logged: dict[str, list[dict[str, Any]]] = {}
    for question_id, old in deck_cards.items():
        entries = [
            {"day": d, "question": question_id, "rating": int(Rating.Good)}
            for d in old["right_days"]
        ]
        if old["box"] == 0:
            entries.append(
                {"day": old["due"], "question": question_id, "rating": int(Rating.Again)}
            )
        if idea := course.idea_of(question_id):
            logged.setdefault(idea.id, []).extend(entries)
    for entries in logged.values():
        entries.sort(key=lambda e: e["day"])
    return logged


@dataclass(frozen=True)
class DaysGiven:
    """What the page saves once so that answers from before days were kept count on a
    fixed day, not on "today" at every visit (where an idea would never come due)."""

    sections: dict[str, dict[str, Any]]  # by section: its question states, each dated
    prepost: dict[str, str]  # "compared_on", if compared before that day was kept

    def __bool__(self) -> bool:
        return bool(self.sections or self.prepost)


def undated_days(document: dict[str, Any], course: Course, today: date) -> DaysGiven:
    """Days for what was saved without one, each the day it counts on until now
    (core/review_schedule.py's answer_day: the idea's first deck review, else today).

    A question checked once before first tries were kept has its saved result as its
    first try, which gets the day; one checked several times, or shown, has no first
    try to tell, so the day is kept beside its state (`counted_on`). A comparison made
    before its day was kept counts from today, where the later checks start.
    """
    first_review = first_review_days(document)
    sections: dict[str, dict[str, Any]] = {}
    for section_id, parts in document["sections"].items():
        for question_id, state in parts.get("questions", {}).items():
            first = state.get("first_try")
            if not answered(state) or fixed_day(state):
                continue
            day = answer_day(state, course.idea_of(question_id), first_review, today)
            if first is None and state["tries"] == 1:
                first = {"correct": state["solved"], "confidence": state.get("confidence")}
            if first is None:
                dated = {**state, "counted_on": day.isoformat()}
            else:
                dated = {**state, "first_try": {**first, "day": day.isoformat()}}
            sections.setdefault(section_id, {"questions": {}})["questions"][question_id] = dated
    answers = document.get("prepost", {})
    undated_comparison = compared(course, document) and "compared_on" not in answers
    prepost = {"compared_on": today.isoformat()} if undated_comparison else {}
    return DaysGiven(sections, prepost)


# How deep a whole item lies (a question's state, an idea's reviews, one before-or-after
# answer): in a section's entry, under its part; in the deck, at the top; in the
# before-and-after answers, under its stage. A flag beside the items (the before-and-
# after check's "compared") is an item too. progress.js merges the same way.
SECTION_DEPTH = 2
TOP_DEPTH = {"review": 1, "prepost": 2}


def merge_items(stored: Any, changed: dict[str, Any], depth: int) -> dict[str, Any]:
    """`stored` with the changed items in place of its own, `depth` levels down."""
    merged = dict(stored) if isinstance(stored, dict) else {}
    for name, value in changed.items():
        deeper = depth > 1 and isinstance(value, dict)
        merged[name] = merge_items(merged.get(name), value, depth - 1) if deeper else value
    return merged


def merge_unsent(
    document: dict[str, Any], sections: dict[str, dict[str, Any]], top: dict[str, Any]
) -> None:
    """Add answers given on this page before the stored copy arrived, item by item: a
    question, a reflection, an idea's reviews, one before-or-after answer. A stored item
    not answered again is kept; one answered again takes the new answer."""
    for section_id, parts in sections.items():
        stored = document["sections"].get(section_id)
        document["sections"][section_id] = merge_items(stored, parts, SECTION_DEPTH)
    for key, data in top.items():
        document[key] = merge_items(document.get(key), data, TOP_DEPTH[key])


@dataclass(frozen=True)
class ImportCounts:
    """What loading a file did to this browser's progress, item by item."""

    added: int  # items only the file held
    replaced: int  # items both held, where the file's copy differs
    kept: int  # items only this browser held: loading never removes them


def _items(document: dict[str, Any]) -> dict[tuple[str, ...], Any]:
    """Every item of a progress document (a question's state, a reflection, a review
    card, one before-or-after answer), keyed by where it is."""
    found: dict[tuple[str, ...], Any] = {}
    for section_id, parts in document["sections"].items():
        for part, items in parts.items():
            found |= {(section_id, part, item): value for item, value in items.items()}
    found |= {("review", idea): value for idea, value in document.get("review", {}).items()}
    for stage, answers in document.get("prepost", {}).items():
        if isinstance(answers, dict):  # (not the "compared" flag)
            found |= {("prepost", stage, idea): value for idea, value in answers.items()}
    return found


def merge_import(
    current: dict[str, Any], incoming: dict[str, Any]
) -> tuple[dict[str, Any], ImportCounts]:
    """This browser's progress joined with a loaded file's, item by item: what only one
    holds is kept, and where both hold an item the file's copy is used (the learner
    chose to load it). A document has no times, so "newest" cannot be told; nothing
    is ever dropped, and the view offers to undo."""
    merged = copy.deepcopy(current)
    top: dict[str, Any] = {key: incoming[key] for key in TOP_DEPTH if key in incoming}
    merge_unsent(merged, copy.deepcopy(incoming["sections"]), copy.deepcopy(top))
    if current.get("prepost", {}).get("compared"):  # an older file cannot unfix them
        merged["prepost"]["compared"] = True
    mine, theirs = _items(current), _items(incoming)
    both = mine.keys() & theirs.keys()
    return merged, ImportCounts(
        added=len(theirs.keys() - mine.keys()),
        replaced=sum(mine[key] != theirs[key] for key in both),
        kept=len(mine.keys() - theirs.keys()),
    )


SummedPart = Literal["questions", "exercises"]


def section_summary(
    doc: dict[str, Any], course: Course, section_id: str, part: SummedPart = "questions"
) -> tuple[int, int, float]:
    """(items tried, items in the section, points: the score summed over them) for its
    quiz's questions or its exercises."""
    quiz = course.quizzes[section_id]
    total = len(quiz.questions if part == "questions" else quiz.exercises)
    states = doc["sections"].get(section_id, {}).get(part, {}).values()
    tried = sum(1 for s in states if s["tries"] > 0)
    return tried, total, sum(s["score"] for s in states)
