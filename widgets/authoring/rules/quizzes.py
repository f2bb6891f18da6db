"""Rules for a section's quiz as a whole and for numeric questions."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from widgets.authoring.rules.breaking import edit_yaml, question
from widgets.authoring.rules.corpus import Corpus
from widgets.authoring.rules.rule import Rule
from widgets.core.model import Problem
from widgets.core.types import NumericQuestion

QUIZ_SIZE = range(6, 13)
SCENARIOS = 2


def _quiz_problem(corpus: Corpus, section: str, item: str, reason: str) -> Problem:
    return Problem(corpus.file(f"quizzes/{section}.yaml"), item, reason)


def size_problems(corpus: Corpus) -> list[Problem]:
    """Each section's quiz has 6 to 12 questions."""
    quizzes = corpus.loaded().quizzes
    return [
        _quiz_problem(
            corpus, s, f"section {s}", f"has {len(q.questions)} questions; a quiz has 6 to 12"
        )
        for s, q in quizzes.items()
        if len(q.questions) not in QUIZ_SIZE
    ]


def _empty_a_quiz(root: Path) -> None:
    edit_yaml(root, "quizzes/welcome.yaml", lambda d: d.update(questions=d["questions"][:2]))


def scenario_problems(corpus: Corpus) -> list[Problem]:
    """Each quiz has at least two `scenario` questions: a situation a learner could meet,
    where the right answer applies the section's facts."""
    quizzes = corpus.loaded().quizzes
    found = []
    for section, quiz in quizzes.items():
        count = sum("scenario" in q.get("tags", []) for q in quiz.questions)
        if count < SCENARIOS:
            reason = (
                f"has {count} scenario question(s) (tags: [scenario]); a quiz has at least "
                f"{SCENARIOS}"
            )
            found.append(_quiz_problem(corpus, section, f"section {section}", reason))
    return found


def _untag_the_scenarios(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        for item in data["questions"]:
            item.pop("tags", None)

    edit_yaml(root, "quizzes/caution.yaml", change)


def _numeric(corpus: Corpus) -> list[tuple[str, NumericQuestion]]:
    quizzes = corpus.loaded().quizzes
    return [
        (section, q)
        for section, quiz in quizzes.items()
        for q in (*quiz.questions, *quiz.exercises)
        if q["type"] == "numeric"
    ]


def tolerance_problems(corpus: Corpus) -> list[Problem]:
    """Questions asking the same figure from the same source grade it the same way."""
    by_fact: dict[tuple[str, float, str], dict[float, list[tuple[str, str]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for section, q in _numeric(corpus):
        for ref in q["references"]:
            by_fact[ref, q["answer"], q["unit"].strip()][q["tolerance"]].append((section, q["id"]))
    found = []
    for (ref, answer, unit), tolerances in by_fact.items():
        if len(tolerances) > 1:
            asked = {t: [qid for _, qid in ids] for t, ids in tolerances.items()}
            for section, qid in [pair for ids in tolerances.values() for pair in ids]:
                reason = f"{ref} {answer:g}{unit} is graded with different tolerances: {asked}"
                found.append(_quiz_problem(corpus, section, f"question {qid}", reason))
    return found


def _grade_a_figure_twice(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        question(data, "rev-cochrane-response")["tolerance"] = 5

    edit_yaml(root, "quizzes/review.yaml", change)


NEAR = re.compile(r"\b(?:a bit|a little|slightly|just|close|nearly|almost|not far)\b", re.I)


def band_problems(corpus: Corpus) -> list[Problem]:
    """'Too low' covers every answer down to 0 and below, 'too high' every answer above:
    neither may say the answer was close. The 'correct' text states the figure."""
    found = []
    for section, q in _numeric(corpus):
        feedback = q["feedback"]
        for band in ("low", "high"):
            if near := NEAR.search(feedback[band]):
                reason = f"{band} feedback says {near[0]!r}, untrue for much of its band"
                found.append(_quiz_problem(corpus, section, f"question {q['id']}", reason))
        if f"{q['answer']:g}" not in feedback["correct"]:
            found.append(
                _quiz_problem(
                    corpus,
                    section,
                    f"question {q['id']}",
                    "correct feedback does not state the figure",
                )
            )
    return found


def _call_a_low_answer_close(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        question(data, "ebc-cochrane-response")["feedback"]["low"] = "A bit too low."

    edit_yaml(root, "quizzes/evidence-by-condition.yaml", change)


def unreviewed_problems(corpus: Corpus) -> list[Problem]:
    """Every quiz question belongs to a review idea (review-ideas.yaml), so the review
    deck can ask it when its idea comes due."""
    course = corpus.loaded()
    placed = {q for idea in course.review_ideas for q in idea.questions}
    reason = "belongs to no review idea: add it to the idea it asks in review-ideas.yaml"
    unplaced = [
        _quiz_problem(corpus, section, f"question {q['id']}", reason)
        for section, quiz in course.quizzes.items()
        for q in quiz.questions
        if q["id"] not in placed
    ]
    stale = [
        Problem(
            corpus.file("review-ideas.yaml"),
            f"idea {idea.id}",
            f"names question {question_id!r}, which no quiz asks: remove it or fix the id",
        )
        for idea in course.review_ideas
        for question_id in idea.unasked
    ]
    return unplaced + stale


def _leave_a_question_out_of_the_ideas(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["ideas"][0]["questions"] = data["ideas"][0]["questions"][1:]

    edit_yaml(root, "review-ideas.yaml", change)


RULES = (
    Rule(
        "quiz-has-6-to-12-questions",
        "Each section's quiz has 6 to 12 questions.",
        size_problems,
        _empty_a_quiz,
    ),
    Rule(
        "quiz-has-2-scenarios",
        "Each section's quiz has at least two scenario questions.",
        scenario_problems,
        _untag_the_scenarios,
    ),
    Rule(
        "one-tolerance-per-figure",
        "The same figure from the same source has the same tolerance everywhere.",
        tolerance_problems,
        _grade_a_figure_twice,
    ),
    Rule(
        "numeric-feedback-true-for-its-band",
        "Too-low and too-high feedback never says 'close'; the right feedback states the figure.",
        band_problems,
        _call_a_low_answer_close,
    ),
    Rule(
        "questions-belong-to-review-ideas",
        "Each quiz question is in one review idea, and the ideas name only quiz questions.",
        unreviewed_problems,
        _leave_a_question_out_of_the_ideas,
    ),
)
