"""The item-writing rules (widgets/authoring/rules/items.py), each seen firing on a small
bad item and passing on a good one; the bank counts and the line validate prints.

Made-up items, not the shipped bank's, so these hold whatever the bank says today.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from widgets.authoring.rules import RULES
from widgets.authoring.rules.corpus import build_corpus
from widgets.authoring.rules.items import (
    KEY_POSITION_OPTIONS,
    Choice,
    ItemKind,
    absolute_tell,
    absolutes,
    hedge_tell,
    hedges,
    key_position_findings,
    length_tell,
    longest_share_findings,
    polarity_tell,
    stats_of,
    summary_line,
)
from widgets.authoring.validate import validate
from widgets.core.loader import load_course
from widgets.core.model import Problem

RULE = {r.id: r for r in RULES}


def item(*options: str, keys: tuple[int, ...] = (0,), kind: ItemKind = "single") -> Choice:
    """A choice item with these options in this order, keyed at these positions."""
    ids = [f"o{n}" for n in range(len(options))]
    return Choice(
        kind,
        options[0],
        "quizzes/made-up.yaml",
        "question made-up",
        "/made-up/prompt",
        tuple(zip(ids, options, strict=True)),
        frozenset(ids[k] for k in keys),
    )


# --- Length ----------------------------------------------------------------------------


def test_a_key_over_the_ratio_times_the_longest_wrong_option_is_a_length_tell():
    found = length_tell(item("x" * 26, "y" * 20, "z" * 12))
    assert found and "26 characters" in found and "(20)" in found


def test_a_key_at_the_ratio_passes_the_length_rule():
    assert length_tell(item("x" * 25, "y" * 20, "z" * 20)) is None


def test_option_length_counts_the_words_a_learner_reads_not_extra_spaces():
    assert length_tell(item("a  b   c  d  e", "abcdefgh")) is None


def test_in_multiple_choice_every_key_longer_than_every_wrong_option_is_a_length_tell():
    bad = item("x" * 30, "x" * 31, "y" * 29, "y" * 10, keys=(0, 1), kind="multiple")
    assert length_tell(bad) and "every keyed option" in (length_tell(bad) or "")


def test_in_multiple_choice_one_wrong_option_as_long_as_a_key_passes_the_length_rule():
    good = item("x" * 30, "x" * 60, "y" * 30, "y" * 10, keys=(0, 1), kind="multiple")
    assert length_tell(good) is None


# --- Hedge and absolute words ----------------------------------------------------------


def test_a_key_alone_in_hedging_is_a_hedge_tell():
    found = hedge_tell(item("It may help some people.", "It helps.", "It cures it."))
    assert found and "'may'" in found and "'some'" in found


def test_a_wrong_option_that_hedges_too_passes_the_hedge_rule():
    assert hedge_tell(item("It may help.", "It can cure it.", "It does nothing.")) is None


def test_in_multiple_choice_hedges_on_keys_only_are_a_hedge_tell():
    options = ("It can slow breathing.", "It often sedates.", "It is safe.", "It is mild.")
    assert hedge_tell(item(*options, keys=(0, 1), kind="multiple"))
    assert hedge_tell(item(*options[:3], "It may be mild.", keys=(0, 1), kind="multiple")) is None


def test_not_proven_is_a_hedge_and_not_the_absolute_word_proven():
    assert hedges("It is not proven to work.") == ["not proven"]
    assert absolutes("It is not proven to work.") == []
    assert absolutes("It is proven to work.") == ["proven"]


def test_not_with_been_or_yet_between_is_still_one_hedge():
    assert hedges("Risks have not been ruled out.") == ["not been ruled out"]
    assert hedges("It has not yet been proven.") == ["not yet been proven"]
    assert absolutes("It has not yet been proven.") == []
    assert hedges("It is not known yet.") == []


def test_hedge_and_absolute_words_are_whole_words_in_any_case():
    assert hedges("It MAY help; Often so.") == ["MAY", "Often"]
    assert hedges("Someone cannot say it can't, unlikely.") == []
    assert absolutes("Anyone and everyone, or nothingness.") == []
    assert absolutes("It is 100% safe, with no risks at ALL.") == ["100%", "no risks", "ALL"]


def test_wrong_options_all_absolute_beside_a_plain_key_are_an_absolute_tell():
    found = absolute_tell(item("It helps some.", "It always works.", "It is harmless."))
    assert found and "'always'" in found and "'harmless'" in found


def test_a_key_saying_not_proven_beside_proven_wrong_options_is_an_absolute_tell():
    """The overlap on purpose: the key's "not proven" is a hedge, so it has no absolute
    word, and the wrong options' "proven" and "never" make the tell."""
    found = absolute_tell(item("It is not proven to help.", "It is proven to help.", "Never."))
    assert found and "'proven'" in found


@pytest.mark.parametrize(
    "options",
    [
        ("It helps some.", "It always works.", "It helps a lot."),  # one wrong option absolute
        ("It never harms.", "It always works.", "It is harmless."),  # the key absolute too
        ("It helps some.", "It always works."),  # one wrong option: no pattern
    ],
)
def test_absolute_words_that_do_not_single_out_the_key_pass(options):
    assert absolute_tell(item(*options)) is None


def test_in_multiple_choice_absolute_wrong_options_beside_plain_keys_are_an_absolute_tell():
    options = (
        "It acts on the brain.",
        "It is controlled.",
        "It is always safe.",
        "It never harms.",
    )
    assert absolute_tell(item(*options, keys=(0, 1), kind="multiple"))


# --- Polarity --------------------------------------------------------------------------


def test_wrong_options_opening_alike_beside_a_key_opening_otherwise_are_a_polarity_tell():
    found = polarity_tell(item("No. It is not.", "Yes. It is.", "Yes, always."))
    assert found and "'yes'" in found and "'no'" in found


@pytest.mark.parametrize(
    "options",
    [
        ("No. It is not.", "Yes. It is.", "No, never."),  # the wrong options differ
        ("Yes. It is not.", "Yes. It is.", "Yes, always."),  # the key opens alike
        ("No. It is not.", "Yes. It is."),  # one wrong option: no pattern
    ],
)
def test_openings_that_do_not_single_out_the_key_pass(options):
    assert polarity_tell(item(*options)) is None


def test_a_before_after_form_is_checked_like_a_question():
    form = item("Yes. It may.", "No. It never does.", "No. It is harmless.", kind="form")
    assert polarity_tell(form) and absolute_tell(form) and hedge_tell(form)
    assert length_tell(form) is None


# --- Across the bank -------------------------------------------------------------------


def singles(longest: int, others: int) -> list[Choice]:
    """Single-choice items: `longest` keyed at their longest option, `others` not."""
    return [item(f"long key {n}", "short") for n in range(longest)] + [
        item(f"key {n}", "a wrong option") for n in range(others)
    ]


def test_the_key_longest_in_over_35_percent_of_single_items_fails_naming_share_and_limit():
    (found,) = longest_share_findings(stats_of(singles(2, 3)))
    file, pool, reason = found
    assert (file, pool) == ("quizzes", "single-choice items")
    assert "2 of 5 (40%, above the 35% limit)" in reason


def test_the_key_longest_in_35_percent_of_single_items_passes():
    assert longest_share_findings(stats_of(singles(7, 13))) == []


def test_a_share_just_over_the_limit_is_not_shown_as_the_limit():
    (found,) = longest_share_findings(stats_of(singles(17, 31)))  # 35.4%
    assert "(35.4%, above the 35% limit)" in found[2]


def test_a_key_tied_for_longest_is_not_counted_as_the_longest():
    assert stats_of([item("same", "also")]).singles_longest == ()


def test_before_after_forms_may_have_the_key_longest_in_up_to_40_percent():
    def forms(longest: int, others: int) -> list[Choice]:
        return [item("long key", "short", kind="form")] * longest + [
            item("key", "a wrong option", kind="form")
        ] * others

    assert longest_share_findings(stats_of(forms(2, 3))) == []
    (found,) = longest_share_findings(stats_of(forms(3, 2)))
    assert found[:2] == ("prepost.yaml", "before/after forms") and "60%" in found[2]


def four(key: int) -> Choice:
    return item("a", "b", "c", "d", keys=(key,))


def test_keys_spread_over_the_positions_pass():
    assert key_position_findings(stats_of([four(0), four(0), four(1), four(2), four(3)])) == []


def test_over_40_percent_of_keys_in_one_position_fails_naming_the_position_and_share():
    (found,) = key_position_findings(stats_of([four(1), four(1), four(1), four(0), four(2)]))
    assert found[:2] == ("quizzes", f"single-choice items with {KEY_POSITION_OPTIONS} options")
    assert "option 2 in 3 of 5 (60%, above the 40% limit)" in found[2]


def test_key_positions_count_only_items_with_four_options():
    three = item("a", "b", "c")
    assert stats_of([three, three, three, four(1), four(2), four(3)]).positioned == 3
    assert key_position_findings(stats_of([three, three, four(0), four(1), four(2)])) == []


def test_the_summary_line_gives_both_shares_and_the_key_positions():
    bank = [item("the longest", "b", "c", "d"), four(3), item("long key", "short", kind="form")]
    assert summary_line(stats_of(bank)) == (
        "Item writing: key is the longest option in 1 of 2 single-choice items (50%), "
        "1 of 1 before/after forms (100%); keys by position 1-4: 1/0/0/1."
    )


# --- On a copy of the course: where a problem is, and validate's line -------------------


def problems_after(rule_id: str, root: Path) -> list[Problem]:
    """The problems a rule finds that its bad example added, in a copy of the course
    (rewriting a file moves other problems' lines: they are the same problems)."""
    data, notebooks = root / "course_data", root / "notebooks"
    rule = RULE[rule_id]
    today = date(2026, 12, 1)
    found = rule.check(build_corpus(data, notebooks, load_course(data), today))
    before = {(p.file, p.item, p.reason) for p in found}
    rule.break_it(root)
    after = rule.check(build_corpus(data, notebooks, load_course(data), today))
    return [p for p in after if (p.file, p.item, p.reason) not in before]


def test_a_question_tell_names_the_file_the_question_and_its_prompts_line(course_copy):
    (found,) = problems_after("item-key-not-much-longer", course_copy.parent)
    assert found.file == str(course_copy / "quizzes" / "caution.yaml")
    assert found.item == "question bad-long-key"
    line = Path(found.file).read_text(encoding="utf-8").splitlines()[found.line - 1]
    assert line.strip().startswith("prompt:")


def test_a_before_after_tell_names_the_idea_its_stage_and_form_and_the_prompts_line(
    course_copy,
):
    (found,) = problems_after("item-no-polarity-tell", course_copy.parent)
    assert found.file == str(course_copy / "prepost.yaml")
    assert found.item.startswith("idea ") and found.item.endswith(", after form 1")
    line = Path(found.file).read_text(encoding="utf-8").splitlines()[found.line - 1]
    assert "prompt:" in line


def test_validate_prints_the_bank_line_whether_or_not_the_course_passes(course_copy, capsys):
    validate(course_copy, date(2026, 12, 1))
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if line.startswith("Item writing: key is the longest")]


def test_validate_prints_no_bank_line_when_the_course_does_not_load(course_copy, edit_yaml, capsys):
    edit_yaml(course_copy / "course.yaml", lambda d: d.pop("sections"))
    assert validate(course_copy, date(2026, 12, 1)) == 1
    assert "Item writing" not in capsys.readouterr().out
