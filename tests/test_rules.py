"""The registry of content rules: the shipped course keeps every rule, and each rule
fires on its bad example (a copy of the course broken on purpose), so none can never fail.
"""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import nbformat
import pytest

from tests.browser import NOTEBOOK_DIR, REPO
from widgets.authoring.notebooks import recorded_today
from widgets.authoring.rules import RULES, rules_markdown, run_rules
from widgets.authoring.rules.corpus import Corpus, Text, build_corpus
from widgets.authoring.rules.rule import Rule
from widgets.authoring.rules.safety import local_number_problems
from widgets.core.freshness import claim_label
from widgets.core.loader import DATA_DIR, load_course


def built_on() -> date:
    """The day the stored notebooks were built as of: date rules are judged on it, so a
    date passing turns no test red (validate --strict is where a due review fails)."""
    days = [recorded_today(nbformat.read(p, as_version=4)) for p in NOTEBOOK_DIR.glob("*.ipynb")]
    return min(d for d in days if d)


def corpus_of(root: Path) -> Corpus:
    data, notebooks = root / "course_data", root / "notebooks"
    return build_corpus(data, notebooks, load_course(data, notebooks), built_on())


@pytest.fixture(scope="module")
def shipped() -> Corpus:
    return corpus_of(DATA_DIR.parent)


ERRORS = [r for r in RULES if r.severity == "error"]
RULE = {r.id: r for r in RULES}


@pytest.mark.parametrize("rule", ERRORS, ids=lambda r: r.id)
def test_the_shipped_course_keeps_the_rule(shipped: Corpus, rule: Rule):
    assert rule.check(shipped) == []


def test_no_quiz_wording_leans_on_a_near_date_on_the_build_day(shipped: Corpus):
    assert RULE["quiz-wording-outlasts-its-dates"].check(shipped) == []


def test_every_claim_due_on_the_build_day_shows_as_under_review_on_its_pages(shipped: Corpus):
    """A due claim is a warning, not an error: the course may ship while a review is open,
    but only if its pages say so."""
    assert shipped.course
    shown = " ".join(t.text for t in shipped.of("output"))
    for problem in RULE["claims-reviewed-on-time"].check(shipped):
        claim = next(c for c in shipped.course.claims if problem.item == f"claim {c.id}")
        assert "Under review since" in shown and claim_label(claim) in shown, claim.id


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_the_rule_catches_its_bad_example(tmp_path: Path, rule: Rule):
    shutil.copytree(DATA_DIR, tmp_path / "course_data")
    shutil.copytree(NOTEBOOK_DIR, tmp_path / "notebooks")
    before = {str(p) for p in rule.check(corpus_of(tmp_path))}
    rule.break_it(tmp_path)
    found = rule.check(corpus_of(tmp_path))
    assert {str(p) for p in found} - before, f"{rule.id} did not fire on its bad example"
    assert all(p.file and p.item and p.reason for p in found)


def test_rule_ids_are_unique_and_every_rule_says_what_it_asks():
    assert len({r.id for r in RULES}) == len(RULES)
    assert all(r.statement.endswith(".") and len(r.statement) <= 100 for r in RULES)


def test_the_authoring_guide_lists_every_rule_from_the_registry():
    assert rules_markdown() in (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")


def test_run_rules_names_the_rule_and_keeps_warnings_apart(shipped: Corpus):
    late = dataclasses.replace(shipped, today=date(2100, 1, 1))
    findings = run_rules(late)
    assert findings.errors == []
    assert findings.warnings and all(
        "[claims-reviewed-on-time]" in str(p) or "[quiz-" in str(p) for p in findings.warnings
    )


# --- The local-number rule's blocks, on small made-up texts ------------------------------


def texts(*units: tuple[str, str, str]) -> Corpus:
    """(file, block, text) units as a corpus with no course."""
    made = [Text(file, block, text, "markdown", block) for file, block, text in units]
    return Corpus(DATA_DIR, NOTEBOOK_DIR, tuple(made), None, date(2026, 12, 1))


def test_a_list_ending_with_the_local_number_covers_its_other_items():
    found = local_number_problems(
        texts(
            ("n.ipynb", "list", "- Call **911** if someone cannot be woken."),
            ("n.ipynb", "list", "- Outside the US, call your local emergency number."),
            ("n.ipynb", "alone", "- Call 911 now."),
        )
    )
    assert [p.item for p in found] == ["alone"]


def test_the_lifelines_name_or_id_is_not_a_number_to_call():
    found = local_number_problems(
        texts(
            ("n.ipynb", "a", "[988 Lifeline](#ref-samhsa-988): the 988 Suicide & Crisis Lifeline."),
            ("n.ipynb", "b", "Call the 988 Suicide & Crisis Lifeline."),
        )
    )
    assert [p.item for p in found] == ["b"]


def test_stop_advice_needs_its_reason_in_the_sentence_not_elsewhere_in_a_paragraph():
    from widgets.authoring.rules.safety import stop_advice_problems

    found = stop_advice_problems(
        texts(
            ("n.ipynb", "a", "Cravings: quit taking it. The bladder is fine."),
            ("n.ipynb", "b", "Blood in the urine? Stop using ketamine and get care today."),
            ("n.ipynb", "c", "Do not stop taking your medicine on your own."),
        )
    )
    assert [p.item for p in found] == ["a"]


def test_a_possible_poisoning_that_leaves_poison_help_is_caught(tmp_path):
    from widgets.authoring.rules.breaking import edit_yaml

    shutil.copytree(DATA_DIR, tmp_path / "course_data")
    shutil.copytree(NOTEBOOK_DIR, tmp_path / "notebooks")

    def change(data):
        next(s for s in data["symptoms"] if s["id"] == "child-swallowed")["level"] = "clinician"

    edit_yaml(tmp_path, "worry-check.yaml", change)
    found = RULE["worry-every-path-says-whom-to-call"].check(corpus_of(tmp_path))
    assert [p.item for p in found] == ["symptom child-swallowed"]


def test_validate_reports_broken_yaml_and_an_unreadable_notebook_without_crashing(tmp_path, capsys):
    from widgets.authoring.validate import validate

    shutil.copytree(DATA_DIR, tmp_path / "course_data")
    shutil.copytree(NOTEBOOK_DIR, tmp_path / "notebooks")
    quiz = tmp_path / "course_data" / "quizzes" / "welcome.yaml"
    quiz.write_text(quiz.read_text() + "\n  - id: [unclosed\n")
    (tmp_path / "notebooks" / "03-vs-psychedelics.ipynb").write_text("{}")
    assert validate(tmp_path / "course_data", built_on()) == 1
    err = capsys.readouterr().err
    assert "course_data/quizzes/welcome.yaml" in err and "not valid YAML" in err
    assert "notebooks/03-vs-psychedelics.ipynb: file: cannot be read" in err
    assert "the course did not load; fix the problems above and run again (rules not run: " in err
