"""Freshness: checked months, claims due for review, and quiz text that goes stale on a date."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date, timedelta

import nbformat
import pytest

from tests.test_bank import problems_of
from widgets.authoring.cli import main
from widgets.authoring.notebooks import build_notebook, recorded_today
from widgets.core.freshness import (
    TODAY_VARIABLE,
    Freshness,
    claim_label,
    course_today,
    dated_wording,
    due_claims,
    facts_checked,
    month_name,
    month_start,
    quiz_dated_wording,
    section_freshness,
)
from widgets.core.loader import load_course
from widgets.core.model import Claim
from widgets.views.page import section_header_html

NOV_2026 = date(2026, 11, 29)
QUIZ = "quizzes/what-is-ketamine.yaml"


def claim(data, claim_id):
    return next(c for c in data["claims"] if c["id"] == claim_id)


def first_review(the_course) -> date:
    return min(month_start(c.review_by) for c in the_course.claims)


def test_every_reference_has_a_checked_month(the_course):
    for ref in the_course.references.values():
        assert month_start(ref["checked"]) <= date.today(), ref["id"]


def test_a_reference_without_checked_is_reported(course_copy, edit_yaml):
    edit_yaml(course_copy / "references.yaml", lambda d: d["references"][0].pop("checked"))
    [problem] = problems_of(course_copy)
    assert "references.yaml:" in problem and "reference li-vlisides-2016" in problem
    assert "'checked' is a required property" in problem


def test_claims_breaking_the_schema_are_all_reported_with_file_and_id(course_copy, edit_yaml):
    def break_two(data):
        claim(data, "dea-telehealth").update(review_by="January 2027")
        claim(data, "schedule-iii").pop("claim")

    edit_yaml(course_copy / "claims.yaml", break_two)
    problems = problems_of(course_copy)
    assert len(problems) == 2 and all("course_data/claims.yaml:" in p for p in problems)
    found = "\n".join(problems)
    assert (
        "claim dea-telehealth: review_by must be a month written YYYY-MM, got 'January 2027'"
        in found
    )
    assert "claim schedule-iii: claims/" in found and "'claim' is a required property" in found


def test_claims_citing_unknown_references_or_sections_are_all_reported(course_copy, edit_yaml):
    def break_two(data):
        claim(data, "spravato-label")["references"].append("no-such-ref")
        claim(data, "schedule-iii")["sections"].append("no-such-section")

    edit_yaml(course_copy / "claims.yaml", break_two)
    problems = problems_of(course_copy)
    assert len(problems) == 2 and all("course_data/claims.yaml:" in p for p in problems)
    found = "\n".join(problems)
    assert "claim spravato-label: unknown reference id 'no-such-ref'" in found
    assert "claim schedule-iii: unknown section id 'no-such-section'" in found


def test_a_claim_is_due_from_the_first_day_of_its_review_month(the_course):
    claim = min(the_course.claims, key=lambda c: c.review_by)
    start = month_start(claim.review_by)
    assert due_claims(the_course, start - timedelta(days=1), "claims.yaml") == []
    [due] = due_claims(the_course, start, "claims.yaml")
    assert due.item == f"claim {claim.id}" and due.line and claim.review_by in due.reason


def test_validate_warns_about_due_claims_but_passes(the_course, capsys):
    assert main(["validate", "--today", "2099-01-01"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("OK:")
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == len(the_course.claims)
    dea = next(w for w in warnings if "claim dea-telehealth" in w)
    assert dea.startswith("warning: course_data/claims.yaml:") and "review_by 2027-01" in dea


def test_validate_strict_fails_on_a_due_claim(the_course, capsys):
    today = first_review(the_course).isoformat()
    assert main(["validate", "--strict", "--today", today]) == 1
    err = capsys.readouterr().err
    assert "course_data/claims.yaml:" in err and "due for review" in err


def test_validate_is_quiet_and_strict_passes_before_any_claim_is_due(the_course, capsys):
    day_before = (first_review(the_course) - timedelta(days=1)).isoformat()
    assert main(["validate", "--strict", "--today", day_before]) == 0
    assert "warning" not in capsys.readouterr().err


def test_facts_checked_is_the_earliest_month_among_the_sections_sources(course_copy, edit_yaml):
    def older(data):
        ref = next(r for r in data["references"] if r["id"] == "andrashko-2020")
        ref["checked"] = "2025-03"

    edit_yaml(course_copy / "references.yaml", older)
    edited = load_course(course_copy)
    assert "andrashko-2020" in edited.cited("caution")
    assert "andrashko-2020" not in edited.cited("welcome")
    assert facts_checked(edited, "caution") == "March 2025"
    assert facts_checked(edited, "welcome") != "March 2025"


def test_before_any_review_is_due_every_header_says_only_when_its_facts_were_checked(
    the_course,
):
    day_before = first_review(the_course) - timedelta(days=1)
    for section in the_course.sections:
        header = section_header_html(the_course, section.id, day_before)
        month = facts_checked(the_course, section.id)
        assert f'<p class="kc-checked">Facts checked: {month}</p>' in header, section.id
        assert "Under review" not in header, section.id


def under_review_line(claim) -> str:
    since = month_name(month_start(claim.review_by))
    return html.escape(f"Under review since {since}: {claim_label(claim)}")


def test_a_claim_past_its_review_shows_on_its_pages_as_under_review(the_course):
    for claim in the_course.claims:
        due = month_start(claim.review_by)
        for section_id in claim.sections:
            header = section_header_html(the_course, section_id, due)
            assert f'<p class="kc-under-review">{under_review_line(claim)}</p>' in header
            before = section_header_html(the_course, section_id, due - timedelta(days=1))
            assert under_review_line(claim) not in before, (claim.id, section_id)


def a_claim_and_a_source_on_its_page(the_course):
    """A claim, one of its sections and one of its references that section cites."""
    return next(
        (claim, section_id, ref)
        for claim in the_course.claims
        for section_id in claim.sections
        for ref in claim.references
        if ref in the_course.cited(section_id)
    )


def with_old_source(the_course, ref, *claims):
    """The course with only these claims, and `ref` last checked in January 2020."""
    references = {
        **the_course.references,
        ref: {**the_course.references[ref], "checked": "2020-01"},
    }
    return replace(the_course, claims=claims, references=references)


def test_facts_checked_does_not_count_sources_that_back_only_a_due_claim(the_course):
    claim, section_id, ref = a_claim_and_a_source_on_its_page(the_course)
    edited = with_old_source(the_course, ref, claim)
    due = month_start(claim.review_by)
    before = section_header_html(edited, section_id, due - timedelta(days=1))
    assert "Facts checked: January 2020</p>" in before  # the old source vouches while not due
    header = section_header_html(edited, section_id, due)
    assert "January 2020" not in header, "a due claim's source still sets 'Facts checked'"
    assert f'<p class="kc-under-review">{under_review_line(claim)}</p>' in header


def test_a_source_shared_with_a_claim_not_due_still_counts(the_course):
    claim, section_id, ref = a_claim_and_a_source_on_its_page(the_course)
    current = replace(claim, id="still-current", review_by="2099-01")
    edited = with_old_source(the_course, ref, claim, current)
    fresh = section_freshness(edited, section_id, month_start(claim.review_by))
    assert fresh.checked == "January 2020"
    assert fresh.under_review == (
        f"Under review since {month_name(month_start(claim.review_by))}: {claim_label(claim)}",
    )


def test_a_page_whose_sources_all_back_due_claims_says_only_what_is_under_review(the_course):
    section = the_course.sections[0]
    everything = Claim(
        id="everything",
        claim="Every fact on this page: all of it",
        sections=(section.id,),
        references=tuple(the_course.cited(section.id)),
        review_by="2026-01",
    )
    edited = replace(the_course, claims=(everything,))
    assert section_freshness(edited, section.id, date(2026, 1, 1)) == Freshness(
        None, ("Under review since January 2026: Every fact on this page",)
    )
    header = section_header_html(edited, section.id, date(2026, 1, 1))
    assert "Facts checked" not in header
    assert (
        '<p class="kc-under-review">Under review since January 2026: Every fact on this page</p>'
        in header
    )


def test_the_words_shown_for_a_claim_are_its_first_clause(the_course):
    claim = replace(the_course.claims[0], claim="Online prescribing: the Ryan Haight Act; and more")
    assert claim_label(claim) == "Online prescribing"
    assert claim_label(replace(claim, claim="Ketamine is Schedule III; since 1999")) == (
        "Ketamine is Schedule III"
    )


def test_a_page_is_shown_as_of_kcourse_today_when_set_else_the_real_date():
    assert course_today({}) == date.today()
    assert course_today({TODAY_VARIABLE: ""}) == date.today()
    assert course_today({TODAY_VARIABLE: "2027-01-05"}) == date(2027, 1, 5)
    with pytest.raises(ValueError, match="KCOURSE_TODAY='January 2027' is not a date"):
        course_today({TODAY_VARIABLE: "January 2027"})


def test_build_runs_a_notebook_as_of_a_day_records_it_and_a_rebuild_keeps_it(tmp_path):
    path = tmp_path / "day.ipynb"
    code = f"import os\nprint(os.environ['{TODAY_VARIABLE}'])"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)]), path)
    build_notebook(path, date(2027, 1, 5))
    built = nbformat.read(path, as_version=4)
    assert recorded_today(built) == date(2027, 1, 5)
    assert built.cells[0].outputs[0]["text"] == "2027-01-05\n"
    stored = path.read_bytes()
    build_notebook(path)  # as tests/test_build_notebooks.py does, long after the build
    assert path.read_bytes() == stored


@pytest.mark.parametrize(
    "text",
    [
        "Telehealth prescribing is allowed until 31 December 2026.",
        "The flexibilities were extended through 2026.",
        "They last through December 31, 2026.",
        "valid to 2026-12-31",
        "by the end of 2026",
        "The temporary rule expires soon.",
        "From January 2027, an in-person visit is needed.",
        "Next year the rules change.",
        "allowed until 2025",
    ],
)
def test_dated_wording_catches_deadlines_and_the_near_future(text):
    assert dated_wording(text, NOV_2026)


@pytest.mark.parametrize(
    "text",
    [
        "As of early 2026, nothing is approved for microdosing.",
        "Esketamine was approved in 2019.",
        "A swallowed drug passes through the liver first.",
        "No driving until the next day.",
        "Patent protection lasts until 2040.",
        "A search done in 2025 found no controlled trial.",
        "references: dea-telemedicine-2025",
    ],
)
def test_dated_wording_leaves_snapshots_history_and_far_dates_alone(text):
    assert dated_wording(text, NOV_2026) == []


def test_quiz_check_names_a_question_whose_feedback_ends_on_a_date(course_copy, edit_yaml):
    def deadline(data):
        option = data["questions"][0]["options"][0]
        option["feedback"] += " Online prescribing is allowed until 31 December 2026."

    before = quiz_dated_wording(load_course(course_copy), NOV_2026)
    edit_yaml(course_copy / QUIZ, deadline)
    [problem] = set(quiz_dated_wording(load_course(course_copy), NOV_2026)) - set(before)
    assert problem.file == QUIZ and problem.item == "question wik-drug-class"
    assert "until 31 December 2026" in problem.reason


def test_no_quiz_text_depends_on_a_past_or_near_date(the_course):
    """Quiz answers are marked right or wrong, so they must stay true whenever read."""
    assert [str(p) for p in quiz_dated_wording(the_course, date.today())] == []
