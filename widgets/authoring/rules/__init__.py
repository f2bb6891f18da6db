"""The one registry of rules about what learners read, which `validate` runs.

Each rule (`rule.Rule`) has an id, a sentence for authors, a check over the corpus of
every learner-visible text (`corpus.py`), and a bad example that must make it fire.
docs/authoring.md lists them (`python -m widgets rules` prints the list).
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.authoring.rules import evidence, freshness, items, pages, quizzes, safety
from widgets.authoring.rules.corpus import Corpus
from widgets.authoring.rules.rule import Rule, RuleSkipped
from widgets.core.model import Problem

RULES: tuple[Rule, ...] = (
    *safety.RULES,
    *evidence.RULES,
    *quizzes.RULES,
    *items.RULES,
    *pages.RULES,
    *freshness.RULES,
)


@dataclass(frozen=True)
class Findings:
    """What the rules found: errors, warnings, and rules that could not run (and why)."""

    errors: list[Problem]
    warnings: list[Problem]
    skipped: list[str]


def run_rules(corpus: Corpus, rules: tuple[Rule, ...] = RULES) -> Findings:
    """Every rule over the corpus; each problem names its rule. The rules not run for
    one reason are one line, so a reason is said once and the problems stay in view."""
    errors: list[Problem] = list(corpus.unreadable)
    warnings: list[Problem] = []
    not_run: dict[str, list[str]] = {}  # why: the rules
    for rule in rules:
        try:
            found = _check(rule, corpus)
        except RuleSkipped as why:
            not_run.setdefault(str(why), []).append(rule.id)
            continue
        except Exception as error:  # data a rule did not expect: a located report, not a crash
            reason = f"could not be checked ({type(error).__name__}: {error})"
            errors.append(Problem(str(corpus.data_dir), f"rule {rule.id}", reason))
            continue
        named = [Problem(p.file, p.item, f"{p.reason} [{rule.id}]", p.line) for p in found]
        (errors if rule.severity == "error" else warnings).extend(named)
    skipped = [f"{why} (rules not run: {', '.join(ids)})" for why, ids in not_run.items()]
    return Findings(errors, warnings, skipped)


def _check(rule: Rule, corpus: Corpus) -> list[Problem]:
    """The rule's problems; RuleSkipped when it cannot run here."""
    if rule.reads_notebooks and not corpus.notebooks.is_dir():
        raise RuleSkipped(
            f"no notebooks folder at {corpus.notebooks} (beside {corpus.data_dir}), "
            "so no notebook was checked"
        )
    return rule.check(corpus)


def rules_markdown(rules: tuple[Rule, ...] = RULES) -> str:
    """The rules as the Markdown table docs/authoring.md holds."""
    fails = {"error": "yes", "warning": "with `--strict`"}
    rows = [f"| `{r.id}` | {r.statement} | {fails[r.severity]} |" for r in rules]
    return "\n".join(["| rule | what it asks | fails validate |", "| --- | --- | --- |", *rows])
