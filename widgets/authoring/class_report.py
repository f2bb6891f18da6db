"""`class-report`: what a class got right and which wrong beliefs it still holds, from
the progress files learners chose to hand in (nothing is collected otherwise).

Each file is one learner. A file that is not a progress file of this course and
version (corrupt, foreign, another version) is listed with the reason and skipped:
one bad file never stops the report.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from widgets.core.confidence import SURE
from widgets.core.grading import AnswerError
from widgets.core.model import Course, misconceptions_in
from widgets.core.progress_doc import ProgressError, parse_progress
from widgets.core.question_types import grade
from widgets.core.types import Question


@dataclass(frozen=True)
class ClassFiles:
    documents: list[dict[str, Any]]
    skipped: list[tuple[str, str]]  # (file name, why)


def read_folder(folder: Path, course: Course) -> ClassFiles:
    """Every progress file in the folder (not its subfolders or hidden files), each
    learner once (see `_one_per_learner`)."""
    named, skipped = [], []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        try:
            text = path.read_text(encoding="utf-8")
            named.append((path.name, parse_progress(text, course, strict=True)))
        except UnicodeDecodeError:
            skipped.append((path.name, "not a text file"))
        except OSError as error:
            skipped.append((path.name, f"could not be read ({error.strerror})"))
        except ProgressError as error:
            skipped.append((path.name, str(error)))
    kept, copies = _one_per_learner(named)
    return ClassFiles([doc for _, doc in kept], skipped + copies)


def _answered(document: dict[str, Any]) -> int:
    return sum(len(items) for parts in document["sections"].values() for items in parts.values())


def _one_per_learner(
    named: list[tuple[str, dict[str, Any]]],
) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, str]]]:
    """One file per learner: a learner who handed in twice (`bob.json` and `bob (1).json`,
    as an LMS names a second upload) is counted once, from the copy with the most
    answers; the others are listed. A learner is the anonymous id the browser made with
    their progress; a file too old to have one is a copy only when it is the same."""
    by_learner: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for name, doc in named:
        key = doc.get("learner") or json.dumps(doc, sort_keys=True)
        by_learner.setdefault(key, []).append((name, doc))
    kept, copies = [], []
    for group in by_learner.values():
        # The fullest copy; of equal ones, the shortest name (bob.json, not bob (1).json).
        best = max(group, key=lambda pair: (_answered(pair[1]), -len(pair[0])))
        kept.append(best)
        copies += [
            (name, f"another copy from the same learner as {best[0]}: counted once")
            for name, _ in group
            if name != best[0]
        ]
    return kept, copies


def _states(documents: list[dict[str, Any]], section: str, qid: str) -> list[dict[str, Any]]:
    return [
        state
        for doc in documents
        if (state := doc["sections"].get(section, {}).get("questions", {}).get(qid))
        and state["tries"] > 0
    ]


def _shown(question: Question, state: dict[str, Any]) -> tuple[str, ...]:
    """The misconceptions the learner's last checked answer shows."""
    try:
        return grade(question, state["answer"]).misconceptions if "answer" in state else ()
    except (AnswerError, TypeError, ValueError, KeyError):
        return ()


def question_table(course: Course, documents: list[dict[str, Any]]) -> pd.DataFrame:
    """Per question: how many tried, were right at the first try, were sure but wrong."""
    rows = []
    for section in course.sections:
        for question in course.quizzes[section.id].questions:
            states = _states(documents, section.id, question["id"])
            firsts = [s["first_try"] for s in states if "first_try" in s]
            rows.append(
                {
                    "section": section.id,
                    "question": question["id"],
                    "tried": len(states),
                    "first tries recorded": len(firsts),  # (older files have none)
                    "first-try correct": sum(f["correct"] for f in firsts),
                    "sure but wrong": sum(
                        not f["correct"] and f.get("confidence") == SURE for f in firsts
                    ),
                }
            )
    return pd.DataFrame(rows)


def misconception_table(course: Course, documents: list[dict[str, Any]]) -> pd.DataFrame:
    """Per misconception tag: the tries at questions that test it, how many were right at
    the first try, and how many last answers still show it (and of those, how many sure)."""
    counts: dict[str, dict[str, int]] = {}
    for section in course.sections:
        for question in course.quizzes[section.id].questions:
            tags = sorted(set(misconceptions_in(question)))
            states = _states(documents, section.id, question["id"])
            for tag in tags:
                row = counts.setdefault(
                    tag, {"tried": 0, "first-try correct": 0, "still shown": 0, "of them sure": 0}
                )
                row["tried"] += len(states)
                row["first-try correct"] += sum(
                    s.get("first_try", {}).get("correct", False) for s in states
                )
                holding = [s for s in states if tag in _shown(question, s)]
                row["still shown"] += len(holding)
                row["of them sure"] += sum(s.get("confidence") == SURE for s in holding)
    columns = ["misconception", "tried", "first-try correct", "still shown", "of them sure"]
    table = pd.DataFrame(
        [{"misconception": tag, **row} for tag, row in counts.items()], columns=columns
    )
    return table.sort_values(["still shown", "misconception"], ascending=[False, True])


def report_text(files: ClassFiles, questions: pd.DataFrame, beliefs: pd.DataFrame) -> str:
    lines = [
        f"Class report: {len(files.documents)} progress file(s) read, {len(files.skipped)} skipped"
    ]
    lines += [f"  skipped {name}: {why}" for name, why in files.skipped]
    lines += ["", "Per question", questions.to_string(index=False)]
    lines += ["", "Per misconception (most still shown first)", beliefs.to_string(index=False)]
    return "\n".join(lines) + "\n"


def _bar(part: int, whole: int) -> str:
    """A bar (10rem is everyone) with its number written beside it, never length alone."""
    if not whole:
        return "nobody tried"
    share = round(100 * part / whole)
    return (
        f'<span class="bar" style="width:{share / 10:g}rem" aria-hidden="true"></span> '
        f"{part} of {whole} ({share}%)"
    )


def report_html(files: ClassFiles, questions: pd.DataFrame, beliefs: pd.DataFrame) -> str:
    """The same report as a page: the tables, with first-try correct drawn as bars."""
    bars = [
        _bar(r["first-try correct"], r["first tries recorded"]) for _, r in questions.iterrows()
    ]
    shown = questions.assign(**{"first try right": bars})
    skipped = "".join(
        f"<li>{html.escape(name)}: {html.escape(why)}</li>" for name, why in files.skipped
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Class report</title>
<style>
body {{ font: 16px/1.5 sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
th, td {{ border: 1px solid #8a8a8a; padding: 0.2rem 0.5rem; text-align: left; }}
.bar {{ display: inline-block; height: 0.8em; background: #1a5fb4; }}
td:last-child {{ min-width: 16rem; }}
</style></head><body>
<h1>Class report</h1>
<p>{len(files.documents)} progress file(s) read, {len(files.skipped)} skipped.</p>
{f"<h2>Skipped files</h2><ul>{skipped}</ul>" if skipped else ""}
<h2>Per question: first-try correct</h2>
{shown.to_html(index=False, escape=False, border=0)}
<h2>Per misconception (most still shown first)</h2>
{beliefs.to_html(index=False, border=0)}
</body></html>
"""
