"""The "Review what you missed" deck: Leitner boxes over the course's questions (pure).

A question joins the deck when the learner got it wrong at the first try, said
they were not sure or guessing, or asked to see the answer, in any section. Then:
- answered wrong in the deck: box 0, due again in this visit;
- answered right: due again the next day;
- right on two different days: it leaves the deck.
A wrong answer starts the count of right days again. Dates are the learner's own
(the browser's), passed in, so a test can move the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from widgets.core.confidence import GUESSING, UNSURE
from widgets.core.model import Course

DAYS_UNTIL_DUE = (0, 1)  # by box: missed, right once
RIGHT_DAYS_TO_LEAVE = 2


@dataclass(frozen=True)
class Card:
    question_id: str
    section_id: str
    box: int
    due: date
    right_days: tuple[date, ...] = ()

    @property
    def left(self) -> bool:
        return len(set(self.right_days)) >= RIGHT_DAYS_TO_LEAVE


def needs_review(state: dict[str, Any]) -> bool:
    """Wrong at the first try, not sure or guessing, or the answer was shown."""
    first = state.get("first_try") or {}
    return bool(
        state.get("revealed")
        or first.get("correct") is False
        or (state["tries"] and not first and not state["solved"])
        or first.get("confidence") in (UNSURE, GUESSING)
        or state.get("confidence") in (UNSURE, GUESSING)
    )


def cards(document: dict[str, Any], course: Course, today: date) -> list[Card]:
    """The deck's cards still in it, in course order; a new one is due today."""
    kept = document.get("deck", {})
    found = []
    for section in course.sections:
        states = document["sections"].get(section.id, {}).get("questions", {})
        for question in course.quizzes[section.id].questions:
            qid = question["id"]
            if qid in kept:
                card = from_state(qid, section.id, kept[qid])
            elif qid in states and needs_review(states[qid]):
                card = Card(qid, section.id, 0, today)
            else:
                continue
            if not card.left:
                found.append(card)
    return found


def due_now(deck: list[Card], today: date) -> list[Card]:
    """Due today or earlier, lowest box first (the ones missed most recently)."""
    return sorted((c for c in deck if c.due <= today), key=lambda c: (c.box, c.due))


def next_due(deck: list[Card], today: date) -> date | None:
    later = [c.due for c in deck if c.due > today]
    return min(later) if later else None


def answered(card: Card, correct: bool, today: date) -> Card:
    if not correct:
        return Card(card.question_id, card.section_id, 0, today)
    box = min(card.box + 1, len(DAYS_UNTIL_DUE) - 1)
    days = tuple(sorted({*card.right_days, today}))
    return Card(
        card.question_id, card.section_id, box, today + timedelta(DAYS_UNTIL_DUE[box]), days
    )


def to_state(card: Card) -> dict[str, Any]:
    return {
        "box": card.box,
        "due": card.due.isoformat(),
        "right_days": [d.isoformat() for d in card.right_days],
    }


def from_state(question_id: str, section_id: str, state: dict[str, Any]) -> Card:
    return Card(
        question_id,
        section_id,
        state["box"],
        date.fromisoformat(state["due"]),
        tuple(date.fromisoformat(d) for d in state["right_days"]),
    )
