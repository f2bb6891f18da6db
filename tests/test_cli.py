"""Instructor commands: answer key, stats, new-question scaffolds, and validate's dose check."""

from __future__ import annotations

import sys

import pytest
import yaml

from widgets.authoring.cli import main
from widgets.authoring.scaffolds import scaffold
from widgets.core.loader import load_course
from widgets.core.question_types import QUESTION_TYPES

QUIZ = "quizzes/what-is-ketamine.yaml"


def test_answer_key_lists_every_question_with_its_answer_and_why(the_course, capsys):
    assert main(["answer-key", "--section", "what-is-ketamine"]) == 0
    key = capsys.readouterr().out
    quiz = the_course.quizzes["what-is-ketamine"]
    for question in quiz.questions:
        assert f"`{question['id']}`" in key and question["explanation"] in key
    assert quiz.reflections[0]["model_answer"] in key
    assert "Do not share with learners" in key


def test_answer_key_for_the_whole_course_writes_a_file(the_course, tmp_path):
    out = tmp_path / "key.md"
    assert main(["answer-key", "--out", str(out)]) == 0
    text = out.read_text()
    assert all(f"(`{s.id}`)" in text for s in the_course.sections)


def test_answer_key_for_an_unknown_section_fails_naming_it(capsys):
    assert main(["answer-key", "--section", "nope"]) == 1
    assert "unknown section id 'nope'" in capsys.readouterr().err


def test_stats_count_questions_per_type_and_give_reading_grades(the_course, capsys):
    assert main(["stats", "--csv"]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    header = rows[0].split(",")
    assert header[:7] == ["section", *QUESTION_TYPES]
    by_section = {line.split(",")[0]: line.split(",") for line in rows[1:]}
    for section in the_course.sections:
        row = dict(zip(header, by_section[section.id], strict=True))
        assert int(row["questions"]) == len(the_course.quizzes[section.id].questions)
        assert 0 < float(row["reading grade"]) <= 10
    total = sum(len(q.questions) for q in the_course.quizzes.values())
    assert by_section["TOTAL"][header.index("questions")] == str(total)


def test_stats_without_the_reading_level_package_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "textstat", None)
    for loaded in ("widgets.authoring.readability", "widgets.authoring.stats"):
        monkeypatch.delitem(sys.modules, loaded, raising=False)
    assert main(["stats"]) == 1
    assert "stats needs textstat" in capsys.readouterr().err
    assert main(["validate"]) == 0, "validate must not need it"


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_new_question_scaffold_passes_validation_in_the_course(course_copy, edit_yaml, kind):
    edit_yaml(
        course_copy / QUIZ,
        lambda d: d["questions"].append(scaffold(kind, f"wik-new-{kind}", "li-vlisides-2016")),
    )
    loaded = load_course(course_copy)
    assert loaded.quizzes["what-is-ketamine"].question(f"wik-new-{kind}")["type"] == kind


def test_new_question_command_prints_yaml_that_loads(capsys):
    assert (
        main(["new-question", "--type", "ordering", "--id", "wik-x", "--section", "caution"]) == 0
    )
    printed = yaml.safe_load(capsys.readouterr().out)
    assert isinstance(printed, list), "the scaffold pastes as a list item under questions:"
    assert printed[0]["id"] == "wik-x" and printed[0]["answer"] == ["s1", "s2", "s3"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "single", "--id", "wik-drug-class", "--section", "caution"], "already used"),
        (["--type", "single", "--id", "new-1", "--section", "nope"], "unknown section id"),
    ],
)
def test_new_question_refuses_a_taken_id_or_unknown_section(capsys, args, message):
    assert main(["new-question", *args]) == 1
    assert message in capsys.readouterr().err


def test_new_question_rejects_an_unknown_type(capsys):
    with pytest.raises(SystemExit):
        main(["new-question", "--type", "essay", "--id", "x", "--section", "caution"])
    assert "invalid choice" in capsys.readouterr().err


def test_validate_reports_dose_wording_with_file_and_line(course_copy, edit_yaml, capsys):
    amount = "50 " + "mg"  # put together, so that no dose stands written in the tests
    edit_yaml(
        course_copy / QUIZ,
        lambda d: d["questions"][0].update(prompt=f"Is {amount} a microdose?"),
    )
    assert main(["validate", "--data", str(course_copy)]) == 1
    err = capsys.readouterr().err
    assert f"{course_copy / QUIZ}:" in err
    assert f"question wik-drug-class: '{amount}'" in err and "no doses" in err


def test_validate_reports_left_over_todo_placeholders(course_copy, edit_yaml, capsys):
    edit_yaml(
        course_copy / QUIZ,
        lambda d: d["questions"].append(scaffold("single", "wik-new", "li-vlisides-2016")),
    )
    assert main(["validate", "--data", str(course_copy)]) == 1
    assert "question wik-new: 'TODO'" in capsys.readouterr().err


def test_validate_reports_a_quiz_outside_6_to_12_questions(course_copy, edit_yaml, capsys):
    edit_yaml(course_copy / QUIZ, lambda d: d.update(questions=d["questions"][:5]))
    assert main(["validate", "--data", str(course_copy)]) == 1
    assert (
        "section what-is-ketamine: has 5 questions; a quiz has 6 to 12" in capsys.readouterr().err
    )


def test_validate_reports_a_section_with_fewer_than_two_scenarios(course_copy, edit_yaml, capsys):
    def untag(data):
        for question in data["questions"]:
            question.pop("tags", None)

    edit_yaml(course_copy / QUIZ, untag)
    assert main(["validate", "--data", str(course_copy)]) == 1
    assert (
        "section what-is-ketamine: has 0 scenario question(s) (tags: [scenario]); a quiz has "
        "at least 2" in capsys.readouterr().err
    )


def test_commands_run_away_from_the_course_folder_say_where_to_run_them(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    error = capsys.readouterr().err
    assert "course_data: no such folder" in error and "--data" in error
    assert "Traceback" not in error


def test_validate_fails_when_a_section_notebook_is_missing(course_copy, the_course, capsys):
    (course_copy.parent / "notebooks" / the_course.sections[-1].notebook).unlink()
    assert main(["validate", "--data", str(course_copy)]) == 1
    assert f"notebook {the_course.sections[-1].notebook} not found" in capsys.readouterr().err


def test_build_figures_draws_every_figure_into_the_data_folder(course_copy):
    for old in (course_copy / "figures").glob("*.svg"):
        old.unlink()
    (course_copy / "figures" / "gone.svg").write_text("<svg/>")
    assert main(["build-figures", "--data", str(course_copy)]) == 0
    drawn = sorted(p.stem for p in (course_copy / "figures").glob("*.svg"))
    assert drawn == sorted(load_course(course_copy).figures)


def test_build_figures_for_a_figure_with_no_drawing_fails_naming_it(course_copy, edit_yaml, capsys):
    def add_figure(data):
        data["figures"].append({**data["figures"][0], "id": "new-chart"})

    edit_yaml(course_copy / "figures.yaml", add_figure)
    assert main(["build-figures", "--data", str(course_copy)]) == 1
    assert "no drawing for figure(s) new-chart" in capsys.readouterr().err
