"""What a content rule is: an id, one sentence for authors, a check, and a bad example."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from widgets.authoring.rules.corpus import Corpus, RuleSkipped, Text

__all__ = ["Rule", "RuleSkipped", "Severity", "problem_at"]
from widgets.core.model import Problem

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    """One rule about what learners read.

    `check` returns every place that breaks it. `break_it` edits a copy of a course
    folder (its course_data/ and notebooks/) so that the rule must fire: the tests run
    it on every rule, so no rule is one that cannot fail. A `warning` rule (a review
    that is due) fails `validate` only with `--strict`. A rule that `reads_notebooks`
    is not run on data with no notebooks folder beside it, where it would find
    nothing to check or (a source cited nowhere, a page with no crisis panel) report
    what is only missing.
    """

    id: str
    statement: str
    check: Callable[[Corpus], list[Problem]]
    break_it: Callable[[Path], None]
    severity: Severity = "error"
    reads_notebooks: bool = False


def problem_at(text: Text, reason: str) -> Problem:
    """A problem located where the text is."""
    return Problem(text.file, text.item, reason, text.line)
