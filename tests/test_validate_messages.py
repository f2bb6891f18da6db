"""What `validate` tells an instructor in their first hour: each problem at the file
and line where it starts, in the folder they gave, in plain words."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser import NOTEBOOK_DIR
from widgets.authoring.cli import main
from widgets.authoring.rules.breaking import add_markdown
from widgets.authoring.rules.corpus import build_corpus
from widgets.core.loader import DATA_DIR, load_course
from widgets.core.model import BankError
from widgets.core.yaml_reader import LOADER, PATTERN_WORDS, yaml_problem

CAUTION = "quizzes/caution.yaml"
# One option's line in that file, as written: edits below break it on purpose.
AN_OPTION = '        text: "It warns of sedation: feeling sleepy or sedated"'
# An amount put together here, so that no dose stands written in the tests.
AMOUNT = "50 " + "mg"


def validate(data: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Run `validate --data` and give its exit code and the lines it wrote to stderr."""
    code = main(["validate", "--data", str(data)])
    return code, capsys.readouterr().err.splitlines()


def line_of(path: Path, text: str) -> int:
    """The 1-based line where `text` first appears in a file."""
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def replace(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in a file by `new`, as an author's edit; its line."""
    line = line_of(path, old)
    path.write_text(path.read_text().replace(old, new, 1))
    return line


@pytest.fixture
def data_alone(tmp_path: Path) -> Path:
    """A copy of course_data in a folder of another name, with no notebooks beside it."""
    shutil.copytree(DATA_DIR, tmp_path / "copy")
    return tmp_path / "copy"


# --- Broken YAML: the line where it starts, and what to do ----------------------------


def problem_for(text: str) -> tuple[int | None, str]:
    with pytest.raises(yaml.YAMLError) as broken:
        yaml.load(text, Loader=LOADER)
    problem = yaml_problem("f.yaml", text, broken.value)
    return problem.line, problem.reason


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ('a: 1\nb: "open\nc: 2\n', 2, "a quote opened here is never closed"),
        ('a:\n  b: "open\n  c: "closed"\n', 2, "a quote opened here is never closed"),
        (
            "a:\n  b: 1\n\tc: 2\n",
            3,
            "YAML indentation must use spaces, not tabs — line 3 has a tab",
        ),
        ("a: 1\nprompt: What is it: a drug?\n", 2, "put the whole value in quotes"),
        ('a: "He said "no" loudly"\n', 1, 'write \\" for a quote inside'),
        ("a: [1, 2\nb: 3\n", 1, "a [ opened here is never closed"),
        ("q:\n  - id: x\n    text: y\n   - id: z\n", 4, "does not line up with the items above"),
        ("a: 1\nb\nc: 2\n", 2, "no ':' after the key"),
        ("a: @home\n", 1, "put the value in quotes"),
    ],
    ids=[
        "quote-open-to-the-end",
        "quote-closed-by-the-next-one",
        "tab",
        "colon-in-a-value",
        "quote-inside-quotes",
        "bracket-left-open",
        "list-item-out-of-line",
        "key-without-colon",
        "at-sign",
    ],
)
def test_broken_yaml_is_reported_where_it_starts_with_a_hint(text: str, line: int, hint: str):
    found_line, reason = problem_for(text)
    assert found_line == line and hint in reason
    assert "<unicode string>" not in reason and reason.startswith("not valid YAML: ")


def test_an_unclosed_quote_is_reported_at_the_line_it_opens_with_a_hint(course_copy, capsys):
    quiz = course_copy / CAUTION
    opened = line_of(quiz, 'prompt: "The esketamine')
    lines = quiz.read_text().splitlines(keepends=True)
    lines[opened - 1] = lines[opened - 1].rstrip().removesuffix('"') + "\n"
    quiz.write_text("".join(lines))
    code, err = validate(course_copy, capsys)
    assert code == 1
    [problem] = [e for e in err if "caution.yaml" in e]
    assert problem.startswith(f"  - {quiz}:{opened}: file: not valid YAML: ")
    assert "a quote opened here is never closed" in problem and "<unicode string>" not in problem


def test_a_tab_in_indentation_is_reported_at_the_line_holding_it(course_copy, capsys):
    quiz = course_copy / CAUTION
    tabbed = replace(quiz, AN_OPTION, AN_OPTION.replace("        ", "\t", 1))
    code, err = validate(course_copy, capsys)
    assert code == 1
    [problem] = [e for e in err if "caution.yaml" in e]
    assert problem.startswith(f"  - {quiz}:{tabbed}: file: not valid YAML: ")
    assert f"spaces, not tabs — line {tabbed} has a tab" in problem


def test_the_content_rules_report_broken_yaml_in_the_loaders_words(course_copy):
    quiz = course_copy / CAUTION
    replace(quiz, AN_OPTION, AN_OPTION.replace("        ", "\t", 1))
    with pytest.raises(BankError) as loading:
        load_course(course_copy)
    [loader_says] = loading.value.problems
    corpus = build_corpus(course_copy, course_copy.parent / "notebooks", None, date(2026, 12, 1))
    assert list(corpus.unreadable) == [loader_says]


# --- Data without its notebooks --------------------------------------------------------


def about_notebooks(err: list[str], folder: Path) -> list[str]:
    """The lines that speak of notebooks (the test's own folder name aside)."""
    return [e for e in err if "notebook" in e.replace(str(folder), "")]


def test_data_without_notebooks_says_once_that_notebook_checks_were_skipped(data_alone, capsys):
    claims = data_alone / "claims.yaml"
    replace(claims, "review_by: 2027-01", "review_by: 2026/11")
    code, err = validate(data_alone, capsys)
    assert code == 1
    [note] = about_notebooks(err, data_alone.parent)
    assert note.startswith("note: no notebooks folder at ")
    assert str(data_alone.parent / "notebooks") in note and "no notebook was checked" in note
    first_note = next(n for n, e in enumerate(err) if e.startswith("note: "))
    assert err[0].endswith("problem(s) in the course data:")
    assert any("review_by" in e for e in err[1:first_note])


def test_clean_data_without_notebooks_passes_with_the_note(data_alone, capsys):
    code = main(["validate", "--data", str(data_alone)])
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith("OK:")
    [note] = about_notebooks(err.splitlines(), data_alone.parent)
    assert note.startswith("note: no notebooks folder at ")


# --- Files named inside the folder given -----------------------------------------------


def break_three_ways(data: Path) -> None:
    """A loader problem, a content-rule problem in the data, and one in a notebook."""
    replace(data / CAUTION, "references: [spravato-label]", "references: [no-such-source]")
    replace(data / CAUTION, AN_OPTION.strip(), 'text: "TODO"')
    add_markdown(data.parent, "05-evidence-by-condition.ipynb", "Call 911.")


def assert_named_inside(err: list[str], data: str, notebooks: str) -> None:
    """Every problem names a file inside the folders given, the three made among them."""
    found = [e.removeprefix("  - ") for e in err if e.startswith("  - ")]
    assert found and all(p.startswith((f"{data}/", f"{notebooks}/")) for p in found), err
    assert any(p.startswith(f"{data}/{CAUTION}:") and "no-such-source" in p for p in found)
    assert any(p.startswith(f"{data}/{CAUTION}:") and "'TODO'" in p for p in found)
    assert any(p.startswith(f"{notebooks}/05-evidence-by-condition.ipynb:") for p in found)


def test_every_message_names_the_file_inside_the_folder_given(tmp_path, capsys):
    data = tmp_path / "copy"
    shutil.copytree(DATA_DIR, data)
    shutil.copytree(NOTEBOOK_DIR, tmp_path / "notebooks")
    break_three_ways(data)
    code, err = validate(data, capsys)
    assert code == 1
    assert_named_inside(err, str(data), str(tmp_path / "notebooks"))


def test_a_relative_data_folder_is_named_as_typed(tmp_path, monkeypatch, capsys):
    course = tmp_path / "course"
    shutil.copytree(DATA_DIR, course / "copy")
    shutil.copytree(NOTEBOOK_DIR, course / "notebooks")
    break_three_ways(course / "copy")
    monkeypatch.chdir(tmp_path)
    code, err = validate("course/copy", capsys)
    assert code == 1
    assert_named_inside(err, "course/copy", "course/notebooks")


# --- Plain words for dates, doses and duplicates ---------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "claims.yaml",
            "review_by: 2027-01",
            "review_by: 2026/11",
            "claim dea-telehealth: review_by must be a month written YYYY-MM, got '2026/11'",
        ),
        (
            "references.yaml",
            "checked: 2026-11",
            "checked: Nov 2026",
            "reference li-vlisides-2016: checked must be a month written YYYY-MM, got 'Nov 2026'",
        ),
    ],
    ids=["review_by", "checked"],
)
def test_a_bad_month_is_reported_in_words_not_as_a_pattern(course_copy, file, old, new, message):
    line = replace(course_copy / file, old, new)
    with pytest.raises(BankError) as loading:
        load_course(course_copy)
    assert [str(p) for p in loading.value.problems] == [f"{course_copy / file}:{line}: {message}"]


def patterns(schema: Any) -> Iterator[str]:
    """Every `pattern` in a JSON Schema."""
    if isinstance(schema, dict):
        if isinstance(schema.get("pattern"), str):
            yield schema["pattern"]
        for value in schema.values():
            yield from patterns(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from patterns(value)


def test_every_pattern_an_author_can_break_has_words():
    """progress.schema.json is not an author's file: learners' progress files are not
    checked by validate."""
    authored = [p for p in (DATA_DIR / "schema").glob("*.json") if p.name != "progress.schema.json"]
    found = {p for path in authored for p in patterns(json.loads(path.read_text()))}
    assert found and found <= set(PATTERN_WORDS)


def test_dose_wording_in_an_option_names_the_question_and_the_option(course_copy, capsys):
    quiz = course_copy / CAUTION
    line = replace(
        quiz, "Call Poison Help and wait for advice", f"Call Poison Help and give them {AMOUNT}"
    )
    code, err = validate(course_copy, capsys)
    assert code == 1
    assert (
        f"  - {quiz}:{line}: question cau-cannot-wake, option poison-help: '{AMOUNT}' reads "
        "like a dose" in "\n".join(err)
    )


def test_a_duplicate_id_names_the_line_of_the_other_copy(course_copy):
    quiz = course_copy / CAUTION
    first = line_of(quiz, "- id: cau-boxed-warning")
    again = replace(quiz, "- id: cau-smaller-no-risk", "- id: cau-boxed-warning")
    with pytest.raises(BankError) as loading:
        load_course(course_copy)
    assert (
        f"{quiz}:{again}: question cau-boxed-warning: duplicate id, also used at line {first}"
        in [str(p) for p in loading.value.problems]
    )


def test_a_duplicate_id_in_another_file_names_that_file_and_line(course_copy):
    welcome = course_copy / "quizzes" / "welcome.yaml"
    first = replace(welcome, "- id: wel-unconscious", "- id: cau-cannot-wake")
    quiz = course_copy / CAUTION
    again = line_of(quiz, "- id: cau-cannot-wake")
    with pytest.raises(BankError) as loading:
        load_course(course_copy)
    assert (
        f"{quiz}:{again}: question cau-cannot-wake: duplicate id, also used at {welcome}:{first}"
        in [str(p) for p in loading.value.problems]
    )


def test_a_list_too_short_says_how_many_it_needs_and_has(course_copy, edit_yaml):
    def change(data):
        data["crisis"]["lines"] = data["crisis"]["lines"][:2]

    edit_yaml(course_copy / "course.yaml", change)
    with pytest.raises(BankError) as loading:
        load_course(course_copy)
    shown = [str(p) for p in loading.value.problems]
    assert any("crisis/lines needs at least 3 entries, has 2" in p for p in shown), shown


def test_an_idea_with_one_form_of_an_asking_says_it_needs_two(course_copy, edit_yaml):
    def change(data):
        data["ideas"][0]["before"] = data["ideas"][0]["before"][:1]

    edit_yaml(course_copy / "prepost.yaml", change)
    with pytest.raises(BankError) as loading:
        load_course(course_copy)
    assert any("before needs at least 2 entries, has 1" in str(p) for p in loading.value.problems)
