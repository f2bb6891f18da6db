"""The instructor commands other than `validate`; each prints its result or every problem."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from widgets.authoring.jupyterquiz.common import InterchangeError
from widgets.authoring.jupyterquiz.exporter import export_jupyterquiz
from widgets.authoring.jupyterquiz.importer import check_against_course, import_jupyterquiz
from widgets.authoring.reports import answer_key_markdown
from widgets.authoring.scaffolds import scaffold
from widgets.authoring.validate import notebooks_beside
from widgets.core.loader import load_course
from widgets.core.model import BankError, Course, Problem
from widgets.core.types import Question


def _loaded(data_dir: Path) -> Course | None:
    """The course with every check, or None after printing every problem."""
    try:
        return load_course(data_dir, notebooks_beside(data_dir))
    except BankError as error:
        print(error, file=sys.stderr)
        return None


def _missing_extra(command: str, missing: ModuleNotFoundError, extra: str, why: str = "") -> int:
    """Say which optional extra brings the package a command needs; exit status 1."""
    print(
        f"{command} needs {missing.name}{why}; it comes with the [{extra}] extra: "
        f".venv/bin/python -m pip install -e '.[{extra}]'",
        file=sys.stderr,
    )
    return 1


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
    try:
        from widgets.authoring.stats import stats_frame
    except ModuleNotFoundError as missing:
        return _missing_extra("stats", missing, "test", " for the reading level")
    frame = stats_frame(loaded, notebooks_beside(data_dir))
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
    if question_id in loaded.question_ids():
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
    loaded = _loaded(data_dir)
    if loaded is None:
        return 1
    questions: list[Question] = []
    warnings: list[str] = []
    problems: list[Problem] = []
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
    loaded = _loaded(data_dir)
    if loaded is None:
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


def figures(data_dir: Path) -> int:
    loaded = _loaded(data_dir)
    if loaded is None:
        return 1
    try:
        from widgets.authoring.figures import build_figures
    except ModuleNotFoundError as missing:
        return _missing_extra("build-figures", missing, "figures")
    try:
        build_figures(loaded, data_dir)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def class_report(folder: Path, html_out: Path | None, data_dir: Path) -> int:
    loaded = _loaded(data_dir)
    if loaded is None:
        return 1
    if not folder.is_dir():
        print(
            f"{folder}: no such folder (put the learners' progress files in one)", file=sys.stderr
        )
        return 1
    from widgets.authoring.class_report import read_folder, report_html, report_text, tally

    report = tally(loaded, read_folder(folder, loaded))
    print(report_text(report), end="")
    if html_out is not None:
        html_out.write_text(report_html(report), encoding="utf-8")
        print(f"wrote {html_out}", file=sys.stderr)
    return 0
