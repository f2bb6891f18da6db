"""`validate`: every check of the course data an author runs before serving it."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from widgets.authoring.rules import run_rules
from widgets.authoring.rules.corpus import build_corpus
from widgets.authoring.rules.items import bank_stats, summary_line
from widgets.core.loader import load_course
from widgets.core.model import BankError, Course, Problem


def notebooks_beside(data_dir: Path) -> Path:
    """The notebooks folder of the course folder that holds this course_data."""
    return data_dir.parent / "notebooks"


def validate(data_dir: Path, today: date, strict: bool = False) -> int:
    """Schemas, ids and references (the loader), then every content rule (the registry
    in authoring/rules); exit 1 listing every problem.

    Warning rules (claims due for review) fail only when strict: the passing of a date
    must never break `make test`, but a scheduled review can insist on them. When the
    data does not load, the rules that need no loaded course still run, so one report
    has everything.

    Data with no notebooks folder beside it (a copy of course_data alone) is checked as
    data: the notebook checks are not run, and one note says so under the problems. Not
    an error: the data alone is what was given to check, and it can pass; nor a line per
    section, which would bury the data's own problems.

    When the course loads, one line sums up the item writing (how often the key is the
    longest option, where the keys stand), after the problems or after OK: the counts
    the bank rules judge, so an author sees how far off a limit the bank is.
    """
    notebooks = notebooks_beside(data_dir)
    loaded: Course | None = None
    problems: list[Problem] = []
    try:
        loaded = load_course(data_dir, notebooks if notebooks.is_dir() else None)
    except BankError as error:
        problems += error.problems
    findings = run_rules(build_corpus(data_dir, notebooks, loaded, today))
    problems += findings.errors + (findings.warnings if strict else [])
    # A broken YAML file is found by the loader and the rules' corpus alike: say it once.
    problems = list(dict.fromkeys(problems))
    if problems:
        print(BankError(problems), file=sys.stderr)
    for skipped in findings.skipped:
        print(f"note: {skipped}", file=sys.stderr)
    summary = summary_line(bank_stats(loaded)) if loaded is not None else None
    if problems:
        if summary:
            print(summary)
        return 1
    assert loaded is not None  # no problem means the course loaded
    for warning in findings.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    questions = sum(len(q.questions) for q in loaded.quizzes.values())
    due = len(findings.warnings)
    print(
        f"OK: {len(loaded.sections)} section(s), {questions} question(s), "
        f"{len(loaded.references)} reference(s), {len(loaded.claims)} dated claim(s)"
        + (f", {due} warning(s) above." if due else ".")
    )
    print(summary)
    return 0
