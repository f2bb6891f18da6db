"""Course statistics for instructors: questions per section and type, and reading level.

The reading level needs textstat, which only the [test] extra installs, so the
CLI imports this module only when `stats` is asked for.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from widgets.authoring.readability import reading_level, section_prose
from widgets.core.model import Course
from widgets.core.question_types import QUESTION_TYPES


def _grades(prose: str) -> dict[str, float]:
    return {"reading grade": reading_level(prose), "SMOG": reading_level(prose, "SMOG")}


def stats_frame(course: Course, notebooks: Path) -> pd.DataFrame:
    """Questions per section and type, and each section's reading grade and SMOG; the
    TOTAL row's grades are read over all the course's prose (grades do not add up)."""
    rows, proses = [], []
    for section in course.sections:
        quiz = course.quizzes[section.id]
        counts = dict.fromkeys(QUESTION_TYPES, 0)
        for question in quiz.questions:
            counts[question["type"]] += 1
        proses.append(section_prose(course, section.id, notebooks))
        rows.append(
            {
                "section": section.id,
                **counts,
                "questions": len(quiz.questions),
                "exercises": len(quiz.exercises),
                "self-checks": len(quiz.reflections),
                **_grades(proses[-1]),
            }
        )
    frame = pd.DataFrame(rows)
    total = frame.drop(columns=["section", "reading grade", "SMOG"]).sum()
    whole = _grades("\n".join(proses))
    return pd.concat(
        [frame, pd.DataFrame([{"section": "TOTAL", **total, **whole}])], ignore_index=True
    )
