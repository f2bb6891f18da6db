"""Instructor commands: validate, answer-key, stats, new-question, jupyterquiz import/export.

Run `python -m widgets --help`, or `python -m widgets COMMAND --help`.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import yaml

from widgets.bank import DATA_DIR, BankError, Course, Problem, load_course
from widgets.freshness import due_claims
from widgets.instructor import TYPES, answer_key_markdown, scaffold, stats_frame
from widgets.interchange import (
    InterchangeError,
    check_against_course,
    export_jupyterquiz,
    import_jupyterquiz,
)
from widgets.safety import text_problems


def validate(data_dir: Path, today: date, strict: bool = False) -> int:
    """Schemas, ids, references, notebooks and the no-doses rule; exit 1 listing every problem.

    Claims due for review are only warnings unless strict: the passing of a date
    must never break `make test`, but a scheduled review can insist on them.
    """
    doses = text_problems(data_dir, data_dir.parent / "notebooks")
    try:
        loaded = load_course(data_dir)
    except BankError as error:
        print(BankError([*error.problems, *doses]), file=sys.stderr)
        return 1
    doses += quiz_size_problems(loaded, data_dir)
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


def _loaded(data_dir: Path) -> Course | None:
    try:
        return load_course(data_dir)
    except BankError as error:
        print(error, file=sys.stderr)
        return None


def answer_key(sections: list[str], out: Path | None, data_dir: Path) -> int:
    loaded = _loaded(data_dir)
    if loaded is None:
        return 1
    try:
        text = answer_key_markdown(loaded, sections or [s.id for s in loaded.sections])
    except KeyError as error:
        print(error.args[0], file=sys.stderr)
        return 1
    _write_or_print(text, out)
    return 0


def stats(as_csv: bool, data_dir: Path) -> int:
    loaded = _loaded(data_dir)
    if loaded is None:
        return 1
    frame = stats_frame(loaded)
    print(frame.to_csv(index=False) if as_csv else frame.to_string(index=False, na_rep=""))
    return 0


def new_question(kind: str, question_id: str, section: str, data_dir: Path) -> int:
    loaded = _loaded(data_dir)
    if loaded is None:
        return 1
    try:
        reference = loaded.section(section).references[0]
    except KeyError as error:
        print(error.args[0], file=sys.stderr)
        return 1
    taken = {q["id"] for quiz in loaded.quizzes.values() for q in quiz.questions}
    if question_id in taken:
        print(f"question id {question_id!r} is already used", file=sys.stderr)
        return 1
    entry = yaml.safe_dump([scaffold(kind, question_id, reference)], sort_keys=False, width=100)
    print(f"# Paste at the end of 'questions:' in course_data/quizzes/{section}.yaml (it is")
    print("# already indented two spaces, like the questions there), replace every TODO,")
    print("# then run: .venv/bin/python -m widgets validate")
    print("".join(f"  {line}" for line in entry.splitlines(keepends=True)), end="")
    return 0


def _write_or_print(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


def import_jupyterquiz_file(
    path: Path, section: str, prefix: str, references: list[str], out: Path | None, data_dir: Path
) -> int:
    """jupyterquiz JSON -> our YAML questions; warnings to stderr, exit 1 listing every problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        print(f"{path.name}:{error.lineno}: not valid JSON: {error.msg}", file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError) as error:
        print(f"{path}: cannot read: {error}", file=sys.stderr)
        return 1
    try:
        loaded = load_course(data_dir)
    except BankError as error:
        print(error, file=sys.stderr)
        return 1
    questions, warnings, problems = [], [], []
    try:
        questions, warnings = import_jupyterquiz(
            data, section, id_prefix=prefix, references=references, source=path.name
        )
    except InterchangeError as error:
        problems = error.problems
    ids = [q["id"] for q in questions]
    problems += check_against_course(loaded, section, references, ids, path.name)
    if problems:
        print(InterchangeError(problems), file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    header = (
        f"# {len(questions)} question(s) from {path.name}; "
        f"paste them under 'questions:' in course_data/quizzes/{section}.yaml,\n"
        "# indented two spaces like the questions there\n"
    )
    body = yaml.safe_dump(questions, sort_keys=False, allow_unicode=True, width=100)
    _write_or_print(header + body, out)
    return 0


def export_jupyterquiz_section(section: str, out: Path | None, data_dir: Path) -> int:
    """A section's quiz questions as a jupyterquiz JSON list; warnings to stderr."""
    try:
        loaded = load_course(data_dir)
    except BankError as error:
        print(error, file=sys.stderr)
        return 1
    if section not in loaded.quizzes:
        known = ", ".join(s.id for s in loaded.sections)
        print(f"unknown section {section!r}; the course has: {known}", file=sys.stderr)
        return 1
    quiz = loaded.quizzes[section]
    exported, warnings = export_jupyterquiz(quiz.questions)
    if quiz.exercises:
        warnings.append(f"{len(quiz.exercises)} exercise(s) not exported: only quiz questions are")
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    _write_or_print(json.dumps(exported, indent=4, ensure_ascii=False) + "\n", out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check all course data; exit 1 listing problems")
    check.add_argument("--data", type=Path, default=DATA_DIR, help="the course_data folder")
    check.add_argument(
        "--strict", action="store_true", help="fail on claims due for review (else a warning)"
    )
    check.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date.today(),
        help="check review dates as if today were this day (YYYY-MM-DD)",
    )
    take = commands.add_parser(
        "import-jupyterquiz", help="convert a jupyterquiz JSON file to our YAML questions"
    )
    take.add_argument("file", type=Path, help="the jupyterquiz JSON file")
    take.add_argument("--section", required=True, help="the section the questions are for")
    take.add_argument("--prefix", required=True, help="question ids become PREFIX-1, PREFIX-2…")
    take.add_argument(
        "--reference", action="append", required=True, help="a reference id; repeat for more"
    )
    take.add_argument("--out", type=Path, help="write the YAML here instead of stdout")
    take.add_argument("--data", type=Path, default=DATA_DIR, help="the course_data folder")
    give = commands.add_parser(
        "export-jupyterquiz", help="write a section's quiz as a jupyterquiz JSON file"
    )
    give.add_argument("section", help="the section id")
    give.add_argument("--out", type=Path, help="write the JSON here instead of stdout")
    give.add_argument("--data", type=Path, default=DATA_DIR, help="the course_data folder")
    key = commands.add_parser("answer-key", help="write a Markdown answer key for instructors")
    key.add_argument("--section", action="append", default=[], help="only this section; repeat")
    key.add_argument("--out", type=Path, help="write the Markdown here instead of stdout")
    key.add_argument("--data", type=Path, default=DATA_DIR, help="the course_data folder")
    numbers = commands.add_parser(
        "stats", help="questions per section and type, and reading grade and SMOG per section"
    )
    numbers.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    numbers.add_argument("--data", type=Path, default=DATA_DIR, help="the course_data folder")
    new = commands.add_parser("new-question", help="print a valid YAML question to fill in")
    new.add_argument("--type", required=True, choices=TYPES, help="the question type")
    new.add_argument("--id", required=True, help="a new, unique question id, e.g. wik-new-1")
    new.add_argument("--section", required=True, help="the section it is for")
    new.add_argument("--data", type=Path, default=DATA_DIR, help="the course_data folder")
    args = parser.parse_args(argv)
    if args.command == "answer-key":
        return answer_key(args.section, args.out, args.data)
    if args.command == "stats":
        return stats(args.csv, args.data)
    if args.command == "new-question":
        return new_question(args.type, args.id, args.section, args.data)
    if args.command == "import-jupyterquiz":
        return import_jupyterquiz_file(
            args.file, args.section, args.prefix, args.reference, args.out, args.data
        )
    if args.command == "export-jupyterquiz":
        return export_jupyterquiz_section(args.section, args.out, args.data)
    return validate(args.data, args.today, args.strict)
