"""The course data loads, and every kind of broken data is reported clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.authoring.cli import main
from widgets.core.loader import load_course
from widgets.core.model import BankError

QUIZ = "quizzes/what-is-ketamine.yaml"


def problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(BankError) as caught:
        load_course(data_dir, data_dir.parent / "notebooks")
    return [str(p) for p in caught.value.problems]


def question(data, question_id):
    return next(q for q in data["questions"] if q["id"] == question_id)


def test_shipped_course_loads_with_every_section_quiz(the_course):
    assert [s.id for s in the_course.sections]
    assert set(the_course.quizzes) == {s.id for s in the_course.sections}


def test_unknown_reference_names_file_question_and_reference(course_copy, edit_yaml):
    edit_yaml(
        course_copy / QUIZ,
        lambda d: question(d, "wik-schedule")["references"].append("no-such-source"),
    )
    [problem] = problems_of(course_copy)
    assert "course_data/quizzes/what-is-ketamine.yaml:" in problem
    assert "question wik-schedule" in problem
    assert "unknown reference id 'no-such-source'" in problem


def test_duplicate_question_id_is_reported(course_copy, edit_yaml):
    edit_yaml(course_copy / QUIZ, lambda d: question(d, "wik-schedule").update(id="wik-drug-class"))
    [problem] = problems_of(course_copy)
    assert "question wik-drug-class: duplicate id, also used at line" in problem


def test_correct_answer_that_is_not_an_option_is_reported(course_copy, edit_yaml):
    edit_yaml(course_copy / QUIZ, lambda d: question(d, "wik-drug-class").update(answer="lsd"))
    [problem] = problems_of(course_copy)
    assert "question wik-drug-class" in problem
    assert "correct answer 'lsd' is not an option" in problem


def test_empty_option_list_is_reported(course_copy, edit_yaml):
    edit_yaml(course_copy / QUIZ, lambda d: question(d, "wik-drug-class").update(options=[]))
    problems = problems_of(course_copy)
    assert any("question wik-drug-class" in p and "list is empty" in p for p in problems)


def test_negative_numeric_tolerance_is_reported(course_copy, edit_yaml):
    edit_yaml(course_copy / QUIZ, lambda d: question(d, "wik-years-approval").update(tolerance=-1))
    [problem] = problems_of(course_copy)
    assert "question wik-years-approval" in problem and "minimum of 0" in problem


def test_wrong_option_without_misconception_tag_is_reported(course_copy, edit_yaml):
    edit_yaml(
        course_copy / QUIZ,
        lambda d: question(d, "wik-drug-class")["options"][1].pop("misconception"),
    )
    [problem] = problems_of(course_copy)
    assert "wrong option 'psychedelic' has no misconception tag" in problem


def test_section_without_notebook_is_reported(course_copy, edit_yaml):
    edit_yaml(course_copy / "course.yaml", lambda d: d["sections"][0].pop("notebook"))
    [problem] = problems_of(course_copy)
    assert "course_data/course.yaml" in problem and "'notebook' is a required property" in problem


def test_missing_notebook_file_is_reported(course_copy, the_course):
    first = course_copy.parent / "notebooks" / the_course.sections[0].notebook
    first.unlink()
    [problem] = problems_of(course_copy)
    assert f"notebook {first.name} not found" in problem


def test_broken_yaml_names_file_and_line(course_copy):
    path = course_copy / QUIZ
    path.write_text(path.read_text() + "\n  - id: [unclosed\n")
    [problem] = problems_of(course_copy)
    assert problem.startswith(f"{course_copy / QUIZ}:")
    assert "not valid YAML" in problem


def test_every_problem_is_reported_at_once(course_copy, edit_yaml):
    def break_two(data):
        question(data, "wik-drug-class").update(answer="lsd")
        question(data, "wik-schedule")["references"] = ["nowhere"]

    edit_yaml(course_copy / QUIZ, break_two)
    edit_yaml(course_copy / "references.yaml", lambda d: d["references"].append(d["references"][0]))
    problems = problems_of(course_copy)
    assert len(problems) == 3
    assert any("reference li-vlisides-2016" in p and "duplicate id" in p for p in problems)


def test_a_broken_reference_list_does_not_hide_problems_in_the_questions(course_copy, edit_yaml):
    (course_copy / "references.yaml").write_text("references: [unclosed\n")
    edit_yaml(course_copy / QUIZ, lambda d: question(d, "wik-drug-class").update(answer="lsd"))
    problems = problems_of(course_copy)
    assert any("references.yaml" in p and "not valid YAML" in p for p in problems)
    assert any("question wik-drug-class" in p and "'lsd' is not an option" in p for p in problems)


def test_problem_lines_point_at_the_question(course_copy, edit_yaml):
    edit_yaml(course_copy / QUIZ, lambda d: question(d, "wik-fda-2023").update(answer="nope"))
    [problem] = problems_of(course_copy)
    line = int(problem.split(":")[1])
    text = (course_copy / QUIZ).read_text().splitlines()
    assert "nope" in text[line - 1]


def test_cli_validate_exits_1_and_lists_problems(course_copy, edit_yaml, capsys):
    edit_yaml(course_copy / QUIZ, lambda d: question(d, "wik-drug-class").update(answer="lsd"))
    assert main(["validate", "--data", str(course_copy)]) == 1
    assert "question wik-drug-class" in capsys.readouterr().err


def test_cli_validate_passes_on_shipped_course(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("OK:")


def test_unknown_section_id_error_lists_known_ids(the_course):
    with pytest.raises(KeyError, match=r"unknown section id 'nope'.*what-is-ketamine"):
        the_course.section("nope")
