"""Calibration: how often a learner was right when they said "sure", "not sure" or
"guessing" (pure).

Read from each question's first try, the answer given before any feedback. Being
sure and wrong about safety is the case that leads to a risky choice, so the words
say plainly what over- and under-confidence mean for the learner. Too few answers at
a level say so instead of a share that would mislead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fsrs import Rating

from widgets.core.confidence import GUESSING, LEVELS, SURE, UNSURE
from widgets.core.later_check import later_answers
from widgets.core.model import Course
from widgets.core.prepost import WRONG, outcome
from widgets.core.types import Stage
from widgets.core.words import plural

STAGE_TIMES: tuple[tuple[Stage, str], ...] = (("before", "at the start"), ("after", "at the end"))

ENOUGH = 5  # answers at a level before a share of them is worth reading
WELL_CALIBRATED_SURE = 0.8  # right this often (or more) when sure: trust it
UNDERCONFIDENT = 0.8  # right this often (or more) when not sure or guessing


@dataclass(frozen=True)
class LevelResult:
    """At one confidence level: how many first tries, and how many of them right."""

    level: str
    right: int
    asked: int


def calibration(
    document: dict[str, Any], course: Course, section_id: str | None = None
) -> list[LevelResult]:
    """Per level, in the order the levels are shown: one section's questions, or all."""
    counts = {level: [0, 0] for level in LEVELS}
    sections = [section_id] if section_id else [s.id for s in course.sections]
    for sid in sections:
        states = document["sections"].get(sid, {}).get("questions", {})
        for state in states.values():
            first = state.get("first_try") or {}
            level = first.get("confidence")
            if level in counts:
                counts[level][0] += bool(first["correct"])
                counts[level][1] += 1
    return [LevelResult(level, right, asked) for level, (right, asked) in counts.items()]


def calibration_sentences(results: list[LevelResult]) -> list[str]:
    """'When you said sure, you were right 7 of 9 times.' per level answered, then what
    it means, or a note that there are too few answers yet."""
    said = [r for r in results if r.asked]
    if not said:
        return [
            'Say how sure you are when you answer ("How sure are you?"), and this will show '
            "how often your sense of being sure was right."
        ]
    sentences = [
        f"When you said {LEVELS[r.level].lower()}, you were right {r.right} of "
        f"{plural(r.asked, 'time')}."
        for r in said
    ]
    by_level = {r.level: r for r in results}
    sure = by_level[SURE]
    unsure = LevelResult(
        UNSURE,
        by_level[UNSURE].right + by_level[GUESSING].right,
        by_level[UNSURE].asked + by_level[GUESSING].asked,
    )
    if sure.asked >= ENOUGH and sure.right / sure.asked < WELL_CALIBRATED_SURE:
        sentences.append(
            "You were sometimes wrong when you felt sure. Feeling sure is not the same as "
            "being right: before you act on a health fact, check it against a trusted source "
            "or ask a clinician."
        )
    elif sure.asked >= ENOUGH:
        sentences.append(
            "When you felt sure, you were mostly right. That feeling can be trusted here."
        )
    if unsure.asked >= ENOUGH and unsure.right / unsure.asked >= UNDERCONFIDENT:
        sentences.append(
            "When you were not sure or guessing, you were mostly right. You know more than "
            "you think: the reviews will help that knowledge feel firm."
        )
    if sure.asked < ENOUGH and unsure.asked < ENOUGH:
        sentences.append(f"After {ENOUGH} answers at a level, this will say what it means.")
    return sentences


@dataclass(frozen=True)
class SureButWrong:
    """At one time: answers given with how sure the learner was, and how many of them
    were sure and wrong."""

    when: str  # as a sentence says it
    sure_wrong: int
    said: int


def sure_but_wrong_over_time(document: dict[str, Any], course: Course) -> list[SureButWrong]:
    """Sure-but-wrong at the start (the before check), at the end (the after check), and
    since (the deck's reviews and the later checks). Only answers that said how sure
    count; "I don't know yet" and a shown answer say nothing about it."""
    answers = document.get("prepost", {})
    times = []
    for stage, when in STAGE_TIMES:
        said = [
            (idea, answers[stage][idea.id])
            for idea in course.ideas
            if "confidence" in answers.get(stage, {}).get(idea.id, {})
        ]
        wrong = sum(
            a["confidence"] == SURE and outcome(idea, stage, a["choice"]) == WRONG
            for idea, a in said
        )
        times.append(SureButWrong(when, wrong, len(said)))
    later = [
        (e["confidence"], e["rating"] == Rating.Again)
        for entries in document.get("review", {}).values()
        for e in entries
        if "confidence" in e
    ]
    later += [
        (a.confidence, a.result == WRONG)
        for idea in course.ideas
        for a in later_answers(idea, document)
        if a.confidence is not None
    ]
    times.append(
        SureButWrong("in your reviews since", sum(c == SURE and w for c, w in later), len(later))
    )
    return times


def sure_but_wrong_sentences(times: list[SureButWrong]) -> list[str]:
    """'Sure but wrong: 2 of 8 answers at the start, 0 of 8 at the end, ...' and what
    the change means."""
    said = [t for t in times if t.said]
    if not said:
        return []
    counts = ", ".join(f"{t.sure_wrong} of {t.said} {t.when}" for t in said)
    sentences = [f"Sure but wrong: {counts}."]
    shares = [t.sure_wrong / t.said for t in said]
    if shares[-1] < shares[0]:
        sentences.append(
            "You now hold fewer mistaken beliefs firmly. Those are the ones most likely "
            "to lead to a risky choice, so this is real progress."
        )
    elif shares[-1] > shares[0]:
        sentences.append(
            "More of your answers were sure and wrong than before. Your reviews will bring "
            "those ideas back sooner; read their feedback closely."
        )
    return sentences
