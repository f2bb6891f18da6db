"""The later check: the before-and-after ideas asked again about a week and a month
after the learner compared their answers (pure).

What a learner answers at the end of a course shows what they hold that day; what
they answer weeks later shows what lasted. Each check asks a form of the idea the
learner has not seen (the week one an unseen "after" form, the month one an unseen
"before" form), with "I don't know yet", and counts as a review of the idea's
card. FSRS decides the day within each window: the card's due day, moved into the
window if it falls outside. A week check not answered by the time the month's window
opens is not asked any more (it would no longer be "after a week").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from widgets.core.model import Course, Idea
from widgets.core.prepost import choice_in, compared, form_shown, outcome
from widgets.core.types import Stage


@dataclass(frozen=True)
class LaterCheck:
    name: str
    label: str  # as the summary's column says it
    stage: Stage  # whose forms it asks, one the learner has not seen
    window: tuple[int, int]  # first and last day of the window, counted from comparing


LATER_CHECKS = {
    "week": LaterCheck("week", "After a week", "after", (5, 10)),
    "month": LaterCheck("month", "After a month", "before", (21, 42)),
}


@dataclass(frozen=True)
class LaterAsk:
    """A later check still to answer: which idea, which check, which form, and its day."""

    idea: Idea
    check: LaterCheck
    form: int
    day: date


def compared_on(document: dict[str, Any]) -> date | None:
    day = document.get("prepost", {}).get("compared_on")
    return date.fromisoformat(day) if day else None


def unseen_form(idea: Idea, check: LaterCheck, document: dict[str, Any]) -> int:
    """The first form of the check's asking that this learner was not shown (every
    asking has two or more forms: the loader refuses fewer)."""
    stage = check.stage
    seen = form_shown(idea, stage, document.get("learner"), choice_in(document, stage, idea.id))
    return next(n for n in range(len(idea.forms(stage))) if n != seen)


def check_day(check: LaterCheck, since: date, card_due: date | None) -> date:
    """The card's due day, moved into the check's window (its first day if no card)."""
    first, last = (since + timedelta(days=d) for d in check.window)
    return min(max(card_due or first, first), last)


def later_asks(
    course: Course, document: dict[str, Any], card_due: dict[str, date], today: date
) -> list[LaterAsk]:
    """Every later check still to answer, soonest first, once the answers are compared.

    `card_due` is each review idea's due day (core/review_schedule.py), by its id.
    """
    since = compared_on(document)
    if since is None or not compared(course, document):
        return []
    answered = document.get("prepost", {}).get("later", {})
    month_opens = since + timedelta(days=LATER_CHECKS["month"].window[0])
    asks = []
    for idea in course.ideas:
        review = course.review_idea_covering(idea.id)
        due = card_due.get(review.id) if review else None
        for check in LATER_CHECKS.values():
            if check.name in answered.get(idea.id, {}):
                continue
            if check.name == "week" and today >= month_opens:
                continue  # (too late to be "after a week")
            form = unseen_form(idea, check, document)
            asks.append(LaterAsk(idea, check, form, check_day(check, since, due)))
    return sorted(asks, key=lambda a: (a.day, course.ideas.index(a.idea)))


@dataclass(frozen=True)
class LaterAnswer:
    """A later check answered: when, how sure the learner said they were, and how it
    went (core/prepost.py's outcome)."""

    check: LaterCheck
    day: date
    confidence: str | None
    result: str


def later_answers(idea: Idea, document: dict[str, Any]) -> list[LaterAnswer]:
    """Each later check answered for this idea, in the order of LATER_CHECKS."""
    answered = document.get("prepost", {}).get("later", {}).get(idea.id, {})
    return [
        LaterAnswer(
            check,
            date.fromisoformat(answer["day"]),
            answer.get("confidence"),
            outcome(idea, check.stage, answer["choice"]),
        )
        for name, check in LATER_CHECKS.items()
        if (answer := answered.get(name))
    ]


def later_outcomes(idea: Idea, document: dict[str, Any]) -> dict[str, str]:
    """Each later check answered for this idea, as core/prepost.py's outcomes, by name."""
    return {a.check.name: a.result for a in later_answers(idea, document)}
