"""Freshness: checked months, claims due for review, and quiz text that goes stale on a date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.test_bank import problems_of
from widgets.authoring.cli import main
from widgets.core.freshness import (
    dated_wording,
    due_claims,
    facts_checked,
    month_start,
    quiz_dated_wording,
)
from widgets.core.loader import load_course
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
    assert "claim dea-telehealth: claims/0/review_by: 'January 2027' does not match" in found
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


def test_section_header_says_when_its_facts_were_checked(the_course):
    header = section_header_html(the_course, "caution")
    month = facts_checked(the_course, "caution")
    assert f'<p class="kc-checked">Facts checked: {month}</p>' in header


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
