"""Rules that depend on the date: claims due for review, quiz wording that goes stale.

Warnings: the passing of a date must never break `make test`; `validate --strict`
(a release check or a scheduled job) fails on them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from widgets.authoring.rules.breaking import edit_yaml, question
from widgets.authoring.rules.corpus import Corpus
from widgets.authoring.rules.rule import Rule
from widgets.core.freshness import due_claims, quiz_dated_wording
from widgets.core.model import Problem


def due_problems(corpus: Corpus) -> list[Problem]:
    return due_claims(corpus.loaded(), corpus.today, corpus.file("claims.yaml"))


def _make_a_claim_due(root: Path) -> None:
    edit_yaml(root, "claims.yaml", lambda d: d["claims"][0].update(review_by="2000-01"))


def dated_wording_problems(corpus: Corpus) -> list[Problem]:
    return [
        Problem(corpus.file(p.file), p.item, p.reason, p.line)
        for p in quiz_dated_wording(corpus.loaded(), corpus.today)
    ]


def _date_the_feedback(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        question(data, "cau-benzo")["explanation"] += " The rule runs until 1 January 2000."

    edit_yaml(root, "quizzes/caution.yaml", change)


RULES = (
    Rule(
        "claims-reviewed-on-time",
        "A dated claim is re-checked from the first day of its review_by month.",
        due_problems,
        _make_a_claim_due,
        "warning",
    ),
    Rule(
        "quiz-wording-outlasts-its-dates",
        "No quiz text leans on a date that is past or less than a year away.",
        dated_wording_problems,
        _date_the_feedback,
        "warning",
    ),
)
