"""`class-report`: a folder of handed-in progress files -> per question and misconception."""

from __future__ import annotations

import json

import pytest

from widgets.authoring.class_report import (
    misconception_table,
    question_table,
    read_folder,
)
from widgets.authoring.cli import main

SECTION, QUESTION = "what-is-ketamine", "wik-drug-class"
PSYCHEDELIC = "ketamine-is-a-classic-psychedelic"


def progress(the_course, state):
    return {
        "course": the_course.id,
        "version": the_course.version,
        "sections": {SECTION: {"questions": {QUESTION: state}}},
    }


def state(answer, first_correct, first_confidence, confidence=None, tries=1):
    found = {
        "tries": tries,
        "score": 1.0 if answer == "dissociative" else 0.0,
        "solved": answer == "dissociative",
        "revealed": False,
        "answer": answer,
        "first_try": {"correct": first_correct, "confidence": first_confidence},
    }
    return found | ({"confidence": confidence} if confidence else {})


@pytest.fixture
def class_folder(the_course, tmp_path):
    folder = tmp_path / "handed-in"
    folder.mkdir()
    learners = {
        "ana.json": state("psychedelic", False, "sure", confidence="sure"),
        "ben.json": state("dissociative", True, "unsure", tries=1),
        "cy.json": state("dissociative", False, "sure", confidence="unsure", tries=2),
    }
    for name, saved in learners.items():
        (folder / name).write_text(json.dumps(progress(the_course, saved)))
    (folder / "corrupt.json").write_text('{"course": ')
    foreign = {**progress(the_course, state("dissociative", True, None)), "course": "x"}
    (folder / "foreign.json").write_text(json.dumps(foreign))
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / "sub").mkdir()
    return folder


def test_bad_and_foreign_files_are_listed_and_skipped_not_fatal(the_course, class_folder):
    files = read_folder(class_folder, the_course)
    assert len(files.documents) == 3
    skipped = dict(files.skipped)
    assert set(skipped) == {"corrupt.json", "foreign.json", "photo.png"}
    assert "not valid JSON" in skipped["corrupt.json"]
    assert "course 'x'" in skipped["foreign.json"]


def test_per_question_counts_tries_first_try_right_and_sure_but_wrong(the_course, class_folder):
    table = question_table(the_course, read_folder(class_folder, the_course).documents)
    row = table.loc[table["question"] == QUESTION].iloc[0]
    assert (row["tried"], row["first-try correct"], row["sure but wrong"]) == (3, 1, 2)
    untouched = table.loc[table["question"] == "wik-schedule"].iloc[0]
    assert untouched["tried"] == 0


def test_per_misconception_counts_who_still_shows_it_and_how_sure(the_course, class_folder):
    table = misconception_table(the_course, read_folder(class_folder, the_course).documents)
    row = table.loc[table["misconception"] == PSYCHEDELIC].iloc[0]
    assert (row["tried"], row["first-try correct"], row["still shown"], row["of them sure"]) == (
        3,
        1,
        1,
        1,
    )
    assert table.iloc[0]["misconception"] == PSYCHEDELIC  # most still shown first


def test_the_command_prints_the_report_and_writes_a_page(class_folder, tmp_path, capsys):
    page = tmp_path / "report.html"
    assert main(["class-report", str(class_folder), "--html", str(page)]) == 0
    out = capsys.readouterr().out
    assert "3 progress file(s) read, 3 skipped" in out
    assert "skipped corrupt.json" in out and QUESTION in out
    written = page.read_text()
    assert "<h1>Class report</h1>" in written and "1 of 3 (33%)" in written


def test_a_missing_folder_is_an_error_that_names_it(tmp_path, capsys):
    assert main(["class-report", str(tmp_path / "nope")]) == 1
    assert "nope: no such folder" in capsys.readouterr().err


def test_a_learner_who_handed_in_twice_is_counted_once_and_the_copy_listed(the_course, tmp_path):
    folder = tmp_path / "handed-in"
    folder.mkdir()
    first = {**progress(the_course, state("psychedelic", False, "sure")), "learner": "a1b2c3d4e5"}
    later = json.loads(json.dumps(first))
    later["sections"][SECTION]["reflections"] = {
        "wik-reflect-approval": {"text": "x", "revealed": False}
    }
    (folder / "bob.json").write_text(json.dumps(first))
    (folder / "bob (1).json").write_text(json.dumps(later))
    old = progress(the_course, state("dissociative", True, "sure"))  # no id: too old
    (folder / "cy.json").write_text(json.dumps(old))
    (folder / "cy (1).json").write_text(json.dumps(old))
    (folder / "dee.json").write_text(json.dumps(progress(the_course, state("x", False, None))))
    files = read_folder(folder, the_course)
    assert len(files.documents) == 3
    assert files.documents[0]["sections"][SECTION]["reflections"], "the fuller copy is kept"
    assert dict(files.skipped) == {
        "bob.json": "another copy from the same learner as bob (1).json: counted once",
        "cy (1).json": "another copy from the same learner as cy.json: counted once",
    }
    table = question_table(the_course, files.documents)
    assert table.loc[table["question"] == QUESTION].iloc[0]["tried"] == 3
