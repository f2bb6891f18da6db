"""`class-report`: a folder of handed-in progress files -> what needs attention, before and
after, every answered question."""

from __future__ import annotations

import html
import json
import re

import pytest

from widgets.authoring.class_report import (
    belief_tallies,
    idea_tallies,
    question_tallies,
    read_folder,
)
from widgets.authoring.cli import main
from widgets.core.prepost import DONT_KNOW

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


def by_id(tallies):
    return {t.question["id"]: t for t in tallies}


def test_per_question_counts_tries_first_try_right_and_sure_but_wrong(the_course, class_folder):
    tallies = by_id(question_tallies(the_course, read_folder(class_folder, the_course).documents))
    row = tallies[QUESTION]
    assert (row.tried, row.first_tries, row.first_right, row.sure_but_wrong) == (3, 3, 1, 2)
    assert tallies["wik-schedule"].tried == 0


def test_per_misconception_counts_who_still_shows_it_and_how_sure(the_course, class_folder):
    tallies = belief_tallies(the_course, read_folder(class_folder, the_course).documents)
    row = next(b for b in tallies if b.tag == PSYCHEDELIC)
    assert (row.tried, row.still_shown, row.of_them_sure) == (3, 1, 1)


def test_the_command_prints_the_report_and_writes_a_page(class_folder, tmp_path, capsys):
    page = tmp_path / "report.html"
    assert main(["class-report", str(class_folder), "--html", str(page)]) == 0
    out = capsys.readouterr().out
    assert "3 learners counted (one progress file each); 3 files not counted" in out
    assert "corrupt.json: the file is not valid JSON" in out and QUESTION in out
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
    assert by_id(question_tallies(the_course, files.documents))[QUESTION].tried == 3


def report(folder, tmp_path, capsys):
    """What the command prints, and the page it writes."""
    page = tmp_path / "report.html"
    assert main(["class-report", str(folder), "--html", str(page)]) == 0
    return capsys.readouterr().out, page.read_text()


def test_the_class_report_leaves_out_questions_no_one_answered(
    the_course, class_folder, tmp_path, capsys
):
    untried = sum(len(quiz.questions) for quiz in the_course.quizzes.values()) - 1
    untested = "ketamine-is-unregulated"  # wik-schedule's, which no one answered
    for shown in report(class_folder, tmp_path, capsys):
        assert "wik-schedule" not in shown and untested not in shown
        assert shown.count(f"{untried} questions no one has answered yet") == 1


def test_the_class_report_shows_each_question_prompt(the_course, class_folder, tmp_path, capsys):
    prompt = the_course.quizzes[SECTION].question(QUESTION)["prompt"]
    title = the_course.section(SECTION).title
    text, page = report(class_folder, tmp_path, capsys)
    assert f"{QUESTION}: {prompt}" in text and title in text
    assert html.escape(prompt) in page and html.escape(title) in page


def test_a_long_prompt_is_shortened_at_a_word(the_course, tmp_path, capsys):
    folder = tmp_path / "handed-in"
    folder.mkdir()
    long_id = "wik-aunt-esketamine"
    long = the_course.quizzes[SECTION].question(long_id)["prompt"]
    doc = progress(the_course, state("x", False, "sure"))
    doc["sections"][SECTION]["questions"] = {long_id: state("x", False, "sure")}
    (folder / "ana.json").write_text(json.dumps(doc))
    text, page = report(folder, tmp_path, capsys)
    start = " ".join(long.split()[:4])
    assert start in text and long not in text and "…" in text
    assert html.escape(start) in page and html.escape(long) not in page


def two_questions_folder(the_course, tmp_path):
    """Three learners: the drug class missed by two (both sure), the schedule by one."""
    folder = tmp_path / "handed-in"
    folder.mkdir()
    for name, (drug_class, schedule) in {
        "ana": (state("psychedelic", False, "sure"), state(True, True, "sure")),
        "ben": (state("psychedelic", False, "sure"), state(False, False, "guessing")),
        "cy": (state("dissociative", True, "unsure"), state(True, True, "unsure")),
    }.items():
        doc = progress(the_course, drug_class)
        doc["sections"][SECTION]["questions"]["wik-schedule"] = schedule
        (folder / f"{name}.json").write_text(json.dumps(doc))
    return folder


def parts(shown, heads):
    """The text under each heading, a heading being a line of its own (tags aside)."""
    lines = [re.sub("<[^>]+>", "", line) for line in shown.splitlines()]
    places = [lines.index(head) for head in heads]
    assert places == sorted(places), "in this order"
    return ["\n".join(lines[a:b]) for a, b in zip(places, [*places[1:], None], strict=True)]


def test_the_class_report_leads_with_what_needs_attention(the_course, tmp_path, capsys):
    folder = two_questions_folder(the_course, tmp_path)
    heads = [
        "Needs attention",
        "Most missed at the first try",
        "Wrong beliefs still held",
        "Sure but wrong",
        "Before and after",
        "Every answered question",
    ]
    for shown in report(folder, tmp_path, capsys):
        _, missed, beliefs, sure, _, _ = parts(shown, heads)
        assert missed.index(QUESTION) < missed.index("wik-schedule"), "two missed before one"
        assert PSYCHEDELIC in beliefs and "ketamine-is-an-opioid" not in beliefs
        assert QUESTION in sure and "wik-schedule" not in sure, "ben was guessing"


def prepost_folder(the_course, tmp_path):
    """Four learners on the first idea: learned, knew it, still holds it, not at the end
    (and a fifth, unsure at the end, in the test); a sixth has answered the end but not
    fixed the answers, so the end does not count for them yet."""
    idea = the_course.ideas[0]
    wrong_before = next(o for o, _ in idea.before.options if o != idea.before.answer)
    wrong_after = next(o for o, _ in idea.after.options if o != idea.after.answer)
    folder = tmp_path / "handed-in"
    folder.mkdir()
    fixed = {"compared": True}
    for name, answers in {
        "ana": {"before": {idea.id: DONT_KNOW}, "after": {idea.id: idea.after.answer}} | fixed,
        "ben": {"before": {idea.id: idea.before.answer}, "after": {idea.id: idea.after.answer}}
        | fixed,
        "cy": {"before": {idea.id: wrong_before}, "after": {idea.id: wrong_after}} | fixed,
        "dee": {"before": {idea.id: wrong_before}},
        "eve": {"after": {idea.id: wrong_after}, "compared": False},
    }.items():
        doc = {**progress(the_course, state("x", False, None)), "prepost": answers}
        (folder / f"{name}.json").write_text(json.dumps(doc))
    return folder


def test_the_class_report_has_a_before_after_section(the_course, tmp_path, capsys):
    folder = prepost_folder(the_course, tmp_path)
    idea = the_course.ideas[0]
    unsure = {
        "sections": {},
        "prepost": {
            "before": {idea.id: DONT_KNOW},
            "after": {idea.id: DONT_KNOW},
            "compared": True,
        },
    }
    first = idea_tallies(the_course, [*read_folder(folder, the_course).documents, unsure])[0]
    assert first.idea == idea
    assert (first.right_before, first.answered_before) == (1, 5)
    assert (first.right_after, first.answered_after) == (2, 4)
    assert (first.learned, first.still_unsure, first.still_held) == (1, 1, 1)
    text, page = report(folder, tmp_path, capsys)
    assert "Before and after" in text and "Before and after" in page
    assert html.escape(the_course.ideas[0].after.prompt) in page
    assert "1 of 4" in page and "2 of 3" in page


def test_a_class_that_skipped_the_before_after_check_is_told_so_once(
    class_folder, tmp_path, capsys
):
    for shown in report(class_folder, tmp_path, capsys):
        assert shown.count("No one has answered the before-and-after check yet.") == 1


def test_the_class_report_page_escapes_what_learners_name(the_course, tmp_path, capsys):
    folder = tmp_path / "handed-in"
    folder.mkdir()
    (folder / "<img src=x>.json").write_text("{")
    _text, page = report(folder, tmp_path, capsys)
    assert "&lt;img src=x&gt;.json" in page and "<img" not in page


def test_the_class_report_page_has_a_dark_style(class_folder, tmp_path, capsys):
    _text, page = report(class_folder, tmp_path, capsys)
    assert "prefers-color-scheme: dark" in page


def test_a_folder_with_no_progress_file_says_so_and_nothing_else(tmp_path, capsys):
    folder = tmp_path / "handed-in"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a progress file")
    for shown in report(folder, tmp_path, capsys):
        assert "No learner" in shown and "progress file is in the folder." in shown
        assert "notes.txt" in shown and "Needs attention" not in shown
