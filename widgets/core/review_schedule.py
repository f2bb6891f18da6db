"""Spaced review by idea, scheduled by FSRS (pure).

A card is an idea the course wants a learner to hold for months (course_data/
review-ideas.yaml), not one question: when it comes due, the learner is asked one of
the idea's questions, from any section, and not the one asked last time when the
idea has another. The `fsrs` package schedules it; nothing here is a scheduler.

What FSRS hears is what the course already knows of each answer (`rating_for`):
- wrong, or the answer was shown: Again (it was not recalled);
- right but "guessing": Hard (recalled, barely);
- right and "not sure", or no confidence given: Good;
- right and "sure": Easy.
The history of an idea is its questions' first tries in the sections (the day each
was checked) and then the reviews in the deck (`review` in the progress document);
the card is that history replayed, so the document stores no scheduler state that
could disagree with it. Days are the learner's own (the browser's), passed in.
Safety-critical ideas are scheduled for a higher desired retention than background
ones, so the same answers bring them back sooner.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from fsrs import Card, Rating, Scheduler

from widgets.core.confidence import GUESSING, SURE
from widgets.core.later_check import LaterAsk, later_answers, later_asks
from widgets.core.model import Course, ReviewIdea
from widgets.core.prepost import RIGHT

# Reviews are whole days: no same-day learning steps, one relearning step of a day (a
# missed idea comes back the next day), and no random fuzz (a learner's dates are the
# same on every device that holds their progress).
MAXIMUM_INTERVAL_DAYS = 365
LATER_QUESTION = "later:"  # how a later check is named in an idea's history


@cache
def scheduler(retention: float) -> Scheduler:
    return Scheduler(
        desired_retention=retention,
        learning_steps=(),
        relearning_steps=(timedelta(days=1),),
        maximum_interval=MAXIMUM_INTERVAL_DAYS,
        enable_fuzzing=False,
    )


def rating_for(correct: bool, revealed: bool, confidence: str | None) -> Rating:
    """How well an answer shows the idea was recalled (see the module's docstring)."""
    if revealed or not correct:
        return Rating.Again
    if confidence == GUESSING:
        return Rating.Hard
    return Rating.Easy if confidence == SURE else Rating.Good


@dataclass(frozen=True)
class Review:
    """One answer to a question of an idea: in a section (its first try) or in the deck."""

    day: date
    question: str
    rating: Rating
    in_deck: bool


@dataclass(frozen=True)
class IdeaCard:
    """An idea in the learner's deck: its history and what FSRS makes of it."""

    idea: ReviewIdea
    retention: float
    history: tuple[Review, ...]
    card: Card
    before: tuple[Card, ...]  # the card as it stood just before each review

    @property
    def due(self) -> date:
        return self.card.due.date()

    @property
    def last_question(self) -> str:
        return self.history[-1].question

    def retrievability(self, today: date) -> float:
        """FSRS's chance that the learner would get the idea right today."""
        return float(scheduler(self.retention).get_card_retrievability(self.card, _at(today)))


def _at(day: date) -> datetime:
    """A learner's day as FSRS's moment (noon UTC: whole days apart, whatever the zone)."""
    return datetime.combine(day, time(12), tzinfo=UTC)


def _cards_over(retention: float, history: tuple[Review, ...]) -> Iterator[Card]:
    """The card as it stood just before each review, and then after the last one."""
    card = Card(card_id=1, due=_at(history[0].day))
    for review in history:
        yield card
        card, _log = scheduler(retention).review_card(card, review.rating, _at(review.day))
    yield card


def replay(idea: ReviewIdea, retention: float, history: tuple[Review, ...]) -> IdeaCard:
    *before, card = _cards_over(retention, history)
    return IdeaCard(idea, retention, history, card, tuple(before))


def predictions(card: IdeaCard) -> list[tuple[float, bool]]:
    """For each review done in the deck: FSRS's chance, just before it, that the learner
    would get it right, and whether they did (how well the schedule predicts)."""
    chance = scheduler(card.retention).get_card_retrievability
    return [
        (float(chance(before, _at(review.day))), review.rating != Rating.Again)
        for before, review in zip(card.before, card.history, strict=True)
        if review.in_deck
    ]


def first_review_days(document: dict[str, Any]) -> dict[str, date]:
    """The day of each idea's first review in the deck, by the idea's id."""
    return {
        idea_id: min(date.fromisoformat(e["day"]) for e in entries)
        for idea_id, entries in document.get("review", {}).items()
        if entries
    }


def answered(state: dict[str, Any]) -> bool:
    """A question's state that says something of its idea: checked, or shown."""
    return bool(state.get("first_try") or state["tries"] or state.get("revealed"))


def fixed_day(state: dict[str, Any]) -> str | None:
    """The day kept with a section's answer: its first try's day, or, for an answer
    saved before days were kept, the day the page fixed for it once (`counted_on`,
    core/progress_doc.py's undated_days). None until one is kept."""
    return (state.get("first_try") or {}).get("day") or state.get("counted_on")


def answer_day(
    state: dict[str, Any], idea: ReviewIdea | None, first_review: dict[str, date], today: date
) -> date:
    """The day a section's answer counts on in its idea's history: its fixed day, else
    the idea's first deck review if that is earlier than today, else today."""
    given = fixed_day(state)
    if given:
        return date.fromisoformat(given)
    return min(today, first_review.get(idea.id, today)) if idea else today


def section_reviews(document: dict[str, Any], course: Course, today: date) -> list[Review]:
    """The first try of every question answered in a section, as a review of its idea
    (a question checked several times, or shown, before first tries were kept: its last
    result)."""
    first_review = first_review_days(document)
    found = []
    for parts in document["sections"].values():
        for question_id, state in parts.get("questions", {}).items():
            if not answered(state):
                continue  # (never checked nor shown: nothing recalled or missed yet)
            first = state.get("first_try")
            correct = first["correct"] if first else state["solved"]
            confidence = first.get("confidence") if first else state.get("confidence")
            revealed = bool(state.get("revealed")) and not first  # shown before a check
            rating = rating_for(correct, revealed, confidence)
            day = answer_day(state, course.idea_of(question_id), first_review, today)
            found.append(Review(day, question_id, rating, in_deck=False))
    return found


def deck_reviews(document: dict[str, Any]) -> dict[str, list[Review]]:
    """The reviews done in the deck, by idea, as the progress document keeps them."""
    return {
        idea_id: [
            Review(date.fromisoformat(r["day"]), r["question"], Rating(r["rating"]), True)
            for r in reviews
        ]
        for idea_id, reviews in document.get("review", {}).items()
    }


def later_reviews(document: dict[str, Any], course: Course) -> dict[str, list[Review]]:
    """The later checks answered (core/later_check.py), as reviews of the ideas whose
    cards cover them; "I don't know yet" is not recalled."""
    found: dict[str, list[Review]] = {}
    for idea in course.ideas:
        review_idea = course.review_idea_covering(idea.id)
        if review_idea is None:
            continue  # (the loader refuses a before-and-after idea no review idea covers)
        for answer in later_answers(idea, document):
            rating = rating_for(answer.result == RIGHT, False, answer.confidence)
            asked = f"{LATER_QUESTION}{idea.id}:{answer.check.name}"
            found.setdefault(review_idea.id, []).append(Review(answer.day, asked, rating, True))
    return found


def deck(document: dict[str, Any], course: Course, today: date) -> list[IdeaCard]:
    """Every idea the learner has met (answered one of its questions), in course order."""
    by_idea: dict[str, list[Review]] = {idea.id: [] for idea in course.review_ideas}
    for review in section_reviews(document, course, today):
        if idea := course.idea_of(review.question):
            by_idea[idea.id].append(review)
    for later in (deck_reviews(document), later_reviews(document, course)):
        for idea_id, reviews in later.items():
            by_idea[idea_id].extend(reviews)
    return [
        replay(idea, course.retention[idea.tier], tuple(sorted(by_idea[idea.id], key=_order)))
        for idea in course.review_ideas
        if by_idea[idea.id]
    ]


def _order(review: Review) -> tuple[date, bool]:
    """By day; on one day, a section's answers before the deck's."""
    return review.day, review.in_deck


def due_now(cards: list[IdeaCard], today: date) -> list[IdeaCard]:
    """Due today or earlier, the least well held first: ideas the deck can ask (an idea
    whose questions were all taken out of the quizzes still times its later checks)."""
    return sorted(
        (c for c in cards if c.due <= today and c.idea.questions),
        key=lambda c: (c.retrievability(today), c.idea.id),
    )


def next_due(cards: list[IdeaCard], asks: list[LaterAsk], today: date) -> date | None:
    """The first day after today with an idea or a later check due."""
    later = [c.due for c in cards if c.due > today] + [a.day for a in asks if a.day > today]
    return min(later) if later else None


def later_checks(
    document: dict[str, Any], course: Course, cards: list[IdeaCard], today: date
) -> list[LaterAsk]:
    """The later checks still to answer, each on the day its idea's card and its
    window give (core/later_check.py)."""
    return later_asks(course, document, {c.idea.id: c.due for c in cards}, today)


def reviews_due(cards: list[IdeaCard], asks: list[LaterAsk], today: date) -> int:
    """What the deck will ask today: the ideas due and the later checks due."""
    return len(due_now(cards, today)) + sum(a.day <= today for a in asks)


def question_to_ask(card: IdeaCard) -> str:
    """One of the idea's questions: the one asked longest ago (never asked comes first),
    and not the one asked last time when the idea has another."""
    asked_last = {r.question: n for n, r in enumerate(card.history)}
    others = [q for q in card.idea.questions if q != card.last_question] or [*card.idea.questions]
    return min(others, key=lambda q: (asked_last.get(q, -1), card.idea.questions.index(q)))


def reviewed(
    document: dict[str, Any],
    card: IdeaCard,
    question: str,
    rating: Rating,
    today: date,
    confidence: str | None,
) -> dict[str, list[dict[str, Any]]]:
    """The document's deck reviews with this one added (what the deck saves): how sure
    the learner said they were is kept too, for calibration over time."""
    logged = {k: list(v) for k, v in document.get("review", {}).items()}
    entry: dict[str, Any] = {"day": today.isoformat(), "question": question, "rating": int(rating)}
    if confidence is not None:
        entry["confidence"] = confidence
    logged.setdefault(card.idea.id, []).append(entry)
    return logged


HELD_WORDS = ((0.9, "well held"), (0.7, "mostly held"), (0.5, "fading"), (0.0, "needs review"))


def held_words(retrievability: float) -> str:
    """FSRS's retrievability in words a learner reads."""
    return next(words for floor, words in HELD_WORDS if retrievability >= floor)
