"""Instructor command line: `python -m widgets validate`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from widgets.bank import DATA_DIR, BankError, load_course


def validate(data_dir: Path) -> int:
    try:
        loaded = load_course(data_dir)
    except BankError as error:
        print(error, file=sys.stderr)
        return 1
    questions = sum(len(q.questions) for q in loaded.quizzes.values())
    print(
        f"OK: {len(loaded.sections)} section(s), {questions} question(s), "
        f"{len(loaded.references)} reference(s)."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check all course data; exit 1 listing problems")
    check.add_argument("--data", type=Path, default=DATA_DIR, help="the course_data folder")
    args = parser.parse_args(argv)
    return validate(args.data)
