"""Before and after: how a learner's answers on the key misconceptions changed (pure).

The same ideas are asked at the start (section 0) and at the end (section 8, other
words), each time with "I don't know yet", so a lucky guess at the end is not counted
as learning. No feedback is given on either; once the learner fixes the "after"
answers, the summary compares them and names the beliefs still held after the course.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from widgets.core.model import Course, Idea
from widgets.core.types import Stage

STAGES: tuple[Stage, ...] = ("before", "after")
DONT_KNOW = "dont-know"  # the choice added to both askings
RIGHT, WRONG, NOT_YET, UNANSWERED = "right", "not right", "not known yet", "not answered"


@dataclass(frozen=True)
class Change:
    idea: Idea
    before: str  # RIGHT, WRONG, NOT_YET or UNANSWERED
    after: str

    @property
    def still_held(self) -> bool:
        """Answered after the course, and still the misconception."""
        return self.after == WRONG

    @property
    def learned(self) -> bool:
        """Not right at the start (wrong, or not known yet), right at the end."""
        return self.before in (WRONG, NOT_YET) and self.after == RIGHT

    @property
    def still_unsure(self) -> bool:
        """Answered "I don't know yet" at the end."""
        return self.after == NOT_YET


def as_answer(value: str | dict[str, Any]) -> dict[str, Any]:
    """A stored answer as {"choice", "confidence"?}: older files hold the choice alone."""
    return {"choice": value} if isinstance(value, str) else value


def choice_in(document: dict[str, Any], stage: Stage, idea_id: str) -> str | None:
    answer = document.get("prepost", {}).get(stage, {}).get(idea_id)
    return as_answer(answer)["choice"] if answer else None


def outcome(idea: Idea, stage: Stage, choice: str | None) -> str:
    if choice is None:
        return UNANSWERED
    if choice == DONT_KNOW:
        return NOT_YET
    return RIGHT if choice in idea.keys(stage) else WRONG


def form_shown(idea: Idea, stage: Stage, learner: str | None, choice: str | None) -> int:
    """Which form of an asking a learner sees: the one they answered, if any; else one
    drawn from their anonymous id, the same on every visit and device that holds their
    progress (the first form while no id is known yet)."""
    answered = idea.form_of(stage, choice) if choice else None
    if answered is not None:
        return answered
    if not learner:
        return 0
    digest = hashlib.sha256(f"{learner}:{idea.id}:{stage}".encode()).digest()
    return digest[0] % len(idea.forms(stage))


def compared(course: Course, document: dict[str, Any]) -> bool:
    """Whether the learner fixed the "after" answers and asked for the comparison.

    Files from before the explicit step lack the flag; there, the answers were fixed
    once all were given.
    """
    answers = document.get("prepost", {})
    if "compared" in answers:
        return bool(answers["compared"])
    return len(answers.get("after", {})) == len(course.ideas)


def prompt_shown(idea: Idea, stage: Stage, document: dict[str, Any]) -> str:
    """The words this learner was asked the idea in, at this stage."""
    choice = choice_in(document, stage, idea.id)
    form = form_shown(idea, stage, document.get("learner"), choice)
    return idea.forms(stage)[form].prompt


def changes(course: Course, document: dict[str, Any]) -> list[Change]:
    return [
        Change(idea, *(outcome(idea, s, choice_in(document, s, idea.id)) for s in STAGES))
        for idea in course.ideas
    ]


def known_choices(course: Course, stage: str) -> dict[str, set[str]]:
    """For each idea, the choices its asking at this stage offers.

    `stage` is read from a learner's progress file, whose schema allows only the two.
    """
    asked: Stage = "before" if stage == "before" else "after"  # (as Idea.forms reads it)
    return {
        idea.id: {o for ask in idea.forms(asked) for o, _ in ask.options} | {DONT_KNOW}
        for idea in course.ideas
    }
