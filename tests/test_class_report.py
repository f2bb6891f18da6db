"""`class-report`: a folder of handed-in progress files -> what needs attention, before and
after, every answered question."""

from __future__ import annotations

import html
import json
import re
from datetime import date

import pytest

from tests.test_item_analysis import write_simulated_class
from tests.test_review_schedule import tried
from widgets.authoring.class_report import (
    belief_tallies,
    idea_tallies,
    option_tallies,
    question_tallies,
    read_folder,
    review_tallies,
)
from widgets.authoring.cli import main
from widgets.core.prepost import DONT_KNOW, RIGHT, known_choices, outcome
from widgets.core.review_schedule import deck, question_to_ask, rating_for, reviewed

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
    assert "<h1>Class report</h1>" in written and "1 of 3 (too few learners for a" in written


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


def choices(the_course, idea, stage):
    """A right and a wrong choice at an asking, whatever forms it has."""
    offered = sorted(known_choices(the_course, stage)[idea.id] - {DONT_KNOW})
    right = next(c for c in offered if outcome(idea, stage, c) == RIGHT)
    return right, next(c for c in offered if outcome(idea, stage, c) != RIGHT)


def prepost_folder(the_course, tmp_path):
    """Four learners on the first idea: learned, knew it, still holds it, not at the end
    (and a fifth, unsure at the end, in the test); a sixth has answered the end but not
    fixed the answers, so the end does not count for them yet."""
    idea = the_course.ideas[0]
    right_before, wrong_before = choices(the_course, idea, "before")
    right_after, wrong_after = choices(the_course, idea, "after")
    folder = tmp_path / "handed-in"
    folder.mkdir()
    fixed = {"compared": True}
    for name, answers in {
        "ana": {"before": {idea.id: DONT_KNOW}, "after": {idea.id: right_after}} | fixed,
        "ben": {"before": {idea.id: right_before}, "after": {idea.id: right_after}} | fixed,
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
    assert idea.misconception in text and idea.misconception in page
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


# --- item analysis ---------------------------------------------------------------------


def test_a_small_class_is_told_too_few_learners_instead_of_a_figure(the_course, tmp_path, capsys):
    folder = two_questions_folder(the_course, tmp_path)
    for shown in report(folder, tmp_path, capsys):
        assert "too few learners (n=3)" in shown, "no discrimination index of three"
        assert "2 of 3 (too few learners for a percentage)" in shown and "67%" not in shown
        assert "Too few learners for these figures yet" in shown


@pytest.fixture(scope="module")
def simulated_folder(the_course, tmp_path_factory):
    folder = tmp_path_factory.mktemp("simulated-class")
    return folder, write_simulated_class(the_course, folder)


ITEM_HEADS = [
    "Needs attention",
    "Questions that may not measure well",
    "Before and after",
    "Every answered question",
]


def test_the_item_analysis_is_in_the_text_and_the_page_in_the_same_order(
    the_course, simulated_folder, tmp_path, capsys
):
    folder, truth = simulated_folder
    text, page = report(folder, tmp_path, capsys)
    welcome = the_course.sections[0].title
    heads = [*ITEM_HEADS, f"Options chosen at the first try: {welcome}"]
    for shown in (text, page):
        _, flagged, gains, _, options = parts(shown, heads)
        for qid in (truth.random_item, truth.easy_item, truth.unpicked[0]):
            assert qid in flagged
        assert "does not tell learners apart" in flagged and "too easy" in flagged
        assert "1 option no one chose" in flagged
        assert "Gain (95% interval)" in gains and re.search(
            r"0\.\d\d \(0\.\d\d to 0\.\d\d\)", gains
        )
        assert "asks how sure only from December 2026" in gains
        assert "no one chose it" in options
    assert [line for line in text.splitlines() if line.startswith("Options chosen")] == [
        re.sub("<[^>]+>", "", s)
        for s in re.findall("<summary>(Options chosen[^<]*)</summary>", page)
    ]


def test_the_options_of_older_files_count_a_single_check_and_say_what_is_unknown(
    the_course, tmp_path, capsys
):
    """Files from before the first try kept its answer: one check tells it; a changed
    answer does not."""
    folder = tmp_path / "handed-in"
    folder.mkdir()
    older = {
        "ana": state("psychedelic", False, "sure"),  # checked once: that was the first
        "ben": state("dissociative", False, "sure", tries=2),  # changed: first unknown
        "cy": state("dissociative", True, "unsure")
        | {"first_try": {"correct": True, "confidence": "unsure", "answer": "dissociative"}},
    }
    for name, saved in older.items():
        (folder / f"{name}.json").write_text(json.dumps(progress(the_course, saved)))
    [options] = option_tallies(the_course, read_folder(folder, the_course).documents)
    assert (options.answers, options.from_last, options.not_kept) == (2, 1, 1)
    chosen = {o.id: (o.chosen, o.sure) for o in options.options}
    assert chosen["psychedelic"] == (1, 1) and chosen["dissociative"] == (1, 0)
    for shown in report(folder, tmp_path, capsys):
        assert "Some files are older than the first" in shown
        assert "1 first answer not known (older files)" in shown


def reviewing_learner(the_course, name: str, right_in_deck: list[bool]) -> dict:
    """A learner who missed a question of the first review idea on 1 December, then
    reviewed that idea in the deck each day it came due, right or not as given."""
    chosen = the_course.review_ideas[0]
    question = chosen.questions[0]
    section = the_course.question_ids()[question]
    missed = tried(False, None, date(2026, 12, 1))
    doc = {
        "course": the_course.id,
        "version": the_course.version,
        "learner": f"{name}-learner-0001",
        "sections": {section: {"questions": {question: missed}}},
    }
    day = date(2026, 12, 1)
    for right in right_in_deck:
        [card] = deck(doc, the_course, day)
        day = card.due
        [card] = deck(doc, the_course, day)
        rating = rating_for(right, False, None)
        doc["review"] = reviewed(doc, card, question_to_ask(card), rating, day, None)
    return doc


def test_the_class_report_counts_reviews_by_idea_beside_what_fsrs_expected(
    the_course, tmp_path, capsys
):
    folder = tmp_path / "handed-in"
    folder.mkdir()
    for name, answers in {"ana": [True, True], "ben": [False, True, False]}.items():
        (folder / f"{name}.json").write_text(
            json.dumps(reviewing_learner(the_course, name, answers))
        )
    documents = read_folder(folder, the_course).documents
    first = review_tallies(the_course, documents)[0]
    assert (first.learners, first.reviews, first.recalled) == (2, 5, 3)
    assert 0 < first.predicted < first.reviews, "FSRS's chances, summed"
    text, page = report(folder, tmp_path, capsys)
    assert "Reviews by idea" in text and "Reviews by idea" in page
    assert the_course.review_ideas[0].title in text and "Expected right" in page


def test_the_before_after_section_counts_the_later_checks(the_course):
    idea = the_course.ideas[0]
    form = idea.forms("after")[1]
    wrong = next(o for o, _ in form.options if o != form.answer)

    def learner(choice: str) -> dict:
        return {
            "sections": {},
            "prepost": {
                "before": {idea.id: {"choice": DONT_KNOW}},
                "after": {idea.id: {"choice": idea.forms("after")[0].answer}},
                "compared": True,
                "compared_on": "2026-12-01",
                "later": {idea.id: {"week": {"day": "2026-12-08", "form": 1, "choice": choice}}},
            },
        }

    first = idea_tallies(the_course, [learner(form.answer), learner(wrong), learner(form.answer)])[
        0
    ]
    assert first.later == {"week": (2, 3), "month": (0, 0)}
