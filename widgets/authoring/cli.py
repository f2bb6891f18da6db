"""Instructor commands: validate, answer-key, stats, class-report, new-question,
build-figures, build-notebooks, jupyterquiz import/export.

Run `python -m widgets --help`, or `python -m widgets COMMAND --help`, in the
course folder (the one with course_data/ and notebooks/).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from widgets.authoring import commands
from widgets.authoring.notebooks import build_notebooks
from widgets.authoring.rules import rules_markdown
from widgets.authoring.scaffolds import SCAFFOLDS
from widgets.authoring.validate import validate

# The course folder's data, relative to where the command runs (not the package's
# own copy): the commands check and report on the files an author edits.
HERE = Path("course_data")


def main(argv: list[str] | None = None) -> int:
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "--data",
        type=Path,
        default=HERE,
        help="the course_data folder (default: here)",
    )
    parser = argparse.ArgumentParser(prog="python -m widgets", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text, parents=[data])

    check = command("validate", "check all course data; exit 1 listing problems")
    check.add_argument(
        "--strict", action="store_true", help="fail on claims due for review (else a warning)"
    )
    check.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date.today(),
        help="check review dates as if today were this day (YYYY-MM-DD)",
    )
    take = command("import-jupyterquiz", "convert a jupyterquiz JSON file to our YAML questions")
    take.add_argument("file", type=Path, help="the jupyterquiz JSON file")
    take.add_argument("--section", required=True, help="the section the questions are for")
    take.add_argument("--prefix", required=True, help="question ids become PREFIX-1, PREFIX-2…")
    take.add_argument(
        "--reference", action="append", required=True, help="a reference id; repeat for more"
    )
    take.add_argument("--out", type=Path, help="write the YAML here instead of stdout")
    give = command("export-jupyterquiz", "write a section's quiz as a jupyterquiz JSON file")
    give.add_argument("section", help="the section id")
    give.add_argument("--out", type=Path, help="write the JSON here instead of stdout")
    key = command("answer-key", "write a Markdown answer key for instructors")
    key.add_argument("--section", action="append", default=[], help="only this section; repeat")
    key.add_argument("--out", type=Path, help="write the Markdown here instead of stdout")
    numbers = command(
        "stats", "questions per section and type, and reading grade and SMOG per section"
    )
    numbers.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    report = command(
        "class-report",
        "what needs attention (most missed, beliefs still held, sure but wrong), before and "
        "after, every answered question: from a folder of progress files learners handed in",
    )
    report.add_argument("folder", type=Path, help="the folder of exported progress files")
    report.add_argument("--html", type=Path, help="also write the report as a web page here")
    new = command("new-question", "print a valid YAML question to fill in")
    new.add_argument("--type", required=True, choices=list(SCAFFOLDS), help="the question type")
    new.add_argument("--id", required=True, help="a new, unique question id, e.g. wik-new-1")
    new.add_argument("--section", required=True, help="the section it is for")
    command("rules", "list every content rule validate runs, as a Markdown table")
    command("build-figures", "draw the figures of figures.yaml as SVG, the same bytes every run")
    build = command(
        "build-notebooks", "run the notebooks and store their outputs, the same bytes every run"
    )
    build.add_argument("notebooks", type=Path, nargs="*", help="only these (default: all)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(
            f"{args.data}: no such folder. Run the command in the "
            "course folder (the one with course_data/ and notebooks/), or pass --data.",
            file=sys.stderr,
        )
        return 1
    if args.command == "answer-key":
        return commands.answer_key(args.section, args.out, args.data)
    if args.command == "stats":
        return commands.stats(args.csv, args.data)
    if args.command == "class-report":
        return commands.class_report(args.folder, args.html, args.data)
    if args.command == "new-question":
        return commands.new_question(args.type, args.id, args.section, args.data)
    if args.command == "import-jupyterquiz":
        return commands.import_jupyterquiz_file(
            args.file, args.section, args.prefix, args.reference, args.out, args.data
        )
    if args.command == "export-jupyterquiz":
        return commands.export_jupyterquiz_section(args.section, args.out, args.data)
    if args.command == "rules":
        print(rules_markdown())
        return 0
    if args.command == "build-figures":
        return commands.figures(args.data)
    if args.command == "build-notebooks":
        return build_notebooks(args.notebooks, args.data)
    return validate(args.data, args.today, args.strict)
