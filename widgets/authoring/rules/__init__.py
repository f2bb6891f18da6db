"""The one registry of rules about what learners read, which `validate` runs.

Each rule (`rule.Rule`) has an id, a sentence for authors, a check over the corpus of
every learner-visible text (`corpus.py`), and a bad example that must make it fire.
docs/authoring.md lists them (`python -m widgets rules` prints the list).
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.authoring.rules import evidence, freshness, pages, quizzes, safety
from widgets.authoring.rules.corpus import Corpus
from widgets.authoring.rules.rule import Rule, RuleSkipped
from widgets.core.model import Problem

RULES: tuple[Rule, ...] = (
    *safety.RULES,
    *evidence.RULES,
    *quizzes.RULES,
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
    """Every rule over the corpus; each problem names its rule."""
    errors: list[Problem] = list(corpus.unreadable)
    warnings: list[Problem] = []
    skipped: list[str] = []
    for rule in rules:
        try:
            found = rule.check(corpus)
        except RuleSkipped as why:
            skipped.append(f"rule {rule.id} not run: {why}")
            continue
        except Exception as error:  # data a rule did not expect: a located report, not a crash
            reason = f"could not be checked ({type(error).__name__}: {error})"
            errors.append(Problem(corpus.data_dir.name, f"rule {rule.id}", reason))
            continue
        named = [Problem(p.file, p.item, f"{p.reason} [{rule.id}]", p.line) for p in found]
        (errors if rule.severity == "error" else warnings).extend(named)
    return Findings(errors, warnings, skipped)


def rules_markdown(rules: tuple[Rule, ...] = RULES) -> str:
    """The rules as the Markdown table docs/authoring.md holds."""
    fails = {"error": "yes", "warning": "with `--strict`"}
    rows = [f"| `{r.id}` | {r.statement} | {fails[r.severity]} |" for r in rules]
    return "\n".join(["| rule | what it asks | fails validate |", "| --- | --- | --- |", *rows])
