"""`validate`: every check of the course data an author runs before serving it."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from widgets.authoring.safety import text_problems
from widgets.core.freshness import due_claims
from widgets.core.loader import load_course
from widgets.core.model import BankError, Course, Problem


def notebooks_beside(data_dir: Path) -> Path:
    """The notebooks folder of the course folder that holds this course_data."""
    return data_dir.parent / "notebooks"


def validate(data_dir: Path, today: date, strict: bool = False) -> int:
    """Schemas, ids, references, notebooks and the no-doses rule; exit 1 listing every problem.

    Claims due for review are only warnings unless strict: the passing of a date
    must never break `make test`, but a scheduled review can insist on them.
    """
    doses = text_problems(data_dir, notebooks_beside(data_dir))
    try:
        loaded = load_course(data_dir, notebooks_beside(data_dir))
    except BankError as error:
        print(BankError([*error.problems, *doses]), file=sys.stderr)
        return 1
    doses += quiz_size_problems(loaded, data_dir) + scenario_problems(loaded, data_dir)
    due = due_claims(loaded, today, f"{data_dir.name}/claims.yaml")
    if strict:
        doses += due
    if doses:
        print(BankError(doses), file=sys.stderr)
        return 1
    for claim in due:
        print(f"warning: {claim}", file=sys.stderr)
    questions = sum(len(q.questions) for q in loaded.quizzes.values())
    print(
        f"OK: {len(loaded.sections)} section(s), {questions} question(s), "
        f"{len(loaded.references)} reference(s), {len(loaded.claims)} dated claim(s)"
        + (f", {len(due)} due for review (warnings above)." if due else ".")
    )
    return 0


QUIZ_SIZE = range(6, 13)


def quiz_size_problems(loaded: Course, data_dir: Path) -> list[Problem]:
    """Each section's quiz has 6 to 12 questions (the course's rule for a section)."""
    return [
        Problem(
            f"{data_dir.name}/quizzes/{section.id}.yaml",
            f"section {section.id}",
            f"has {len(loaded.quizzes[section.id].questions)} questions; a quiz has 6 to 12",
        )
        for section in loaded.sections
        if len(loaded.quizzes[section.id].questions) not in QUIZ_SIZE
    ]


SCENARIOS = 2


def scenario_problems(loaded: Course, data_dir: Path) -> list[Problem]:
    """Each section's quiz has at least two questions tagged `scenario`: a situation a
    learner could meet, where the right answer applies the section's facts."""
    problems = []
    for section in loaded.sections:
        questions = loaded.quizzes[section.id].questions
        found = sum("scenario" in q.get("tags", []) for q in questions)
        if found < SCENARIOS:
            problems.append(
                Problem(
                    f"{data_dir.name}/quizzes/{section.id}.yaml",
                    f"section {section.id}",
                    f"has {found} scenario question(s) (tags: [scenario]); a quiz has at least "
                    f"{SCENARIOS}",
                )
            )
    return problems
