"""Accuracy rules from the fact brief: how evidence, dates and figures may be worded."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from widgets.authoring.rules.breaking import add_markdown, edit_rows, edit_yaml, question
from widgets.authoring.rules.corpus import Corpus
from widgets.authoring.rules.rule import Rule, problem_at
from widgets.authoring.rules.safety import sentence_around
from widgets.core.model import Problem
from widgets.core.types import Question

# --- "No controlled trial" only as what a dated search found ----------------------------

ABSOLUTE_NO_TRIAL = re.compile(
    r"no controlled trial (?:has|have|exists?|supports?|tested|shows?)|there is no controlled "
    r"trial|(?:has|have) not been tested in a controlled trial|search(?:ed)? (?:done )?in 2025"
    r"|searched 2025|2025 search",
    re.IGNORECASE,
)


def no_trial_problems(corpus: Corpus) -> list[Problem]:
    found = []
    for t in corpus.of("yaml", "table", "markdown", "code"):
        flat = t.flat
        found += [
            problem_at(t, f"{m[0]!r}: say what a search found")
            for m in ABSOLUTE_NO_TRIAL.finditer(flat)
        ]
        for match in re.finditer(r"no controlled trial", flat, re.IGNORECASE):
            said = sentence_around(flat, match.start(), 0)
            if "found" not in said:
                found.append(problem_at(t, f"{said.strip()!r}: say it was not found"))
    return found


def _say_no_trial_exists(root: Path) -> None:
    add_markdown(root, "04-microdosing.ipynb", "No controlled trial exists.")


# --- ELEKT-D is called open-label wherever its result is given --------------------------


def elektd_problems(corpus: Corpus) -> list[Problem]:
    found = []
    for block in corpus.blocks("yaml", "table", "markdown", "code"):
        if Path(block[0].file).name == "references.yaml":
            continue
        if "open-label" in " ".join(t.text for t in block):
            continue
        found += [
            problem_at(t, "gives ELEKT-D without saying it was open-label")
            for t in block
            if re.search(r"ELEKT-D|anand-2023", t.text) and not re.fullmatch(r"[a-z0-9-]+", t.text)
        ]
    return found


def _hide_the_design(root: Path) -> None:
    add_markdown(
        root, "05-evidence-by-condition.ipynb", "ELEKT-D: ketamine was not worse than ECT."
    )


# --- No open-label study is rated above a blinded trial ---------------------------------

CERTAINTY = {"very low": 0, "low": 1, "moderate": 2, "high": 3}
EVIDENCE_TABLE = "tables/evidence.csv"


def _rank(row: dict[str, str]) -> int | None:
    words = row["Certainty"].lower()
    return next((v for k, v in CERTAINTY.items() if words.startswith(k)), None)


def _blinded(row: dict[str, str]) -> bool:
    design = row["Design"].lower()
    return "double-blind" in design or (
        "placebo-controlled" in design and "open-label" not in design
    )


def certainty_problems(corpus: Corpus) -> list[Problem]:
    path = corpus.data_dir / EVIDENCE_TABLE
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(enumerate(csv.DictReader(handle), 2))
    rated = [(line, r) for line, r in rows if _rank(r) is not None]
    floor = min((_rank(r) or 0 for _, r in rated if _blinded(r)), default=0)
    return [
        Problem(
            corpus.file(EVIDENCE_TABLE),
            f"row {r['Study']}",
            "an open-label study rated above a blinded trial",
            line,
        )
        for line, r in rated
        if "open-label" in r["Design"].lower() and not _blinded(r) and (_rank(r) or 0) > floor
    ]


def _overrate_an_open_trial(root: Path) -> None:
    def change(rows: list[dict[str, str]]) -> None:
        row = next(r for r in rows if "open-label" in r["Design"].lower())
        row["Certainty"] = "Moderate: large"
        for r in rows:
            if _blinded(r) and r["Certainty"].lower().startswith("moderate"):
                r["Certainty"] = "Low: small"

    edit_rows(root, "evidence", change)


# --- No answer is right only until a date -----------------------------------------------

DATE_2026 = re.compile(r"\b\d{1,2} [A-Z][a-z]+ 2026\b")
UNTIL_DATE = re.compile(
    r"\b(?:run|runs|allow|allows|last|lasts|are|is)\b[^.]{0,80}\b(?:until|through)\s+"
    r"\d{1,2} [A-Z][a-z]+ 2026\b"
)


def correct_answer_texts(item: Question) -> list[str]:
    if item["type"] in ("single", "multiple"):
        keys = item["answer"] if item["type"] == "multiple" else [item["answer"]]
        return [o["text"] for o in item["options"] if o["id"] in keys]
    if item["type"] == "matching":
        return [p["match"] for p in item["pairs"]]
    if item["type"] == "truefalse" and item["answer"]:
        return [item["prompt"]]
    return []


def date_bound_problems(corpus: Corpus) -> list[Problem]:
    """No quiz answer is right only before a 2026 date, and no text says a rule lasts
    until such a date: the telehealth date is about to pass (FACTS.md additions)."""
    found = [
        problem_at(t, f"says a rule lasts until a date: {m[0]!r}")
        for t in corpus.of("yaml", "table", "markdown", "code")
        for m in UNTIL_DATE.finditer(t.flat)
    ]
    if corpus.course:
        for section, quiz in corpus.loaded().quizzes.items():
            found += [
                Problem(
                    corpus.file(f"quizzes/{section}.yaml"),
                    f"question {q['id']}",
                    f"the answer depends on a date: {m[0]}",
                )
                for q in quiz.questions
                for text in correct_answer_texts(q)
                for m in DATE_2026.finditer(text)
            ]
    return found


def _date_an_answer(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        item = question(data, "cau-boxed-warning")
        item["options"][0]["text"] = "Sedation, on the label through 31 December 2026"

    edit_yaml(root, "quizzes/caution.yaml", change)


# --- A percentage in a notebook cites its source ----------------------------------------


def uncited_figure_problems(corpus: Corpus) -> list[Problem]:
    """A markdown cell that gives a percentage cites where it comes from (a link's %22
    is not a percentage)."""
    cells: dict[tuple[str, str], list[str]] = {}
    for t in corpus.of("markdown"):
        cells.setdefault((t.file, t.item), []).append(t.text)
    return [
        Problem(file, item, "gives a percentage but cites no source")
        for (file, item), parts in cells.items()
        if re.search(r"\d\s*%", text := "\n".join(parts)) and "(#ref-" not in text
    ]


def _give_an_uncited_figure(root: Path) -> None:
    add_markdown(root, "04-microdosing.ipynb", "About 20% reaches the blood.")


# --- Citations: every link goes to a listed source, every source is used ----------------

_CITE = re.compile(r"\(#ref-([a-z0-9-]+)\)")
_ID_LIKE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+")


def citation_problems(corpus: Corpus) -> list[Problem]:
    """A notebook cites only sources that exist and that its section lists (course.yaml),
    so the page's reference list holds every source its text links to."""
    known = set(corpus.loaded().references)
    listed = {corpus.notebook(s.notebook): set(s.references) for s in corpus.loaded().sections}
    found = []
    for t in corpus.of("markdown"):
        for ref in _CITE.findall(t.text):
            if ref not in known:
                found.append(problem_at(t, f"cites {ref!r}, which references.yaml does not hold"))
            elif t.file in listed and ref not in listed[t.file]:
                found.append(problem_at(t, f"cites {ref!r}, which the section's references omit"))
    return found


def _cite_an_unlisted_source(root: Path) -> None:
    add_markdown(root, "00-welcome.ipynb", "See the Cochrane review ([Dean](#ref-dean-2021)).")


def unused_reference_problems(corpus: Corpus) -> list[Problem]:
    """Every source in references.yaml is cited somewhere a learner reads it."""
    cited = {ref for t in corpus.of("markdown") for ref in _CITE.findall(t.text)}
    for section in corpus.loaded().sections:
        cited |= set(section.references)
    for quiz in corpus.loaded().quizzes.values():
        for item in (*quiz.questions, *quiz.reflections, *quiz.exercises):
            cited |= set(item.get("references", []))
    cited |= {r for term in corpus.loaded().glossary for r in term["references"]}
    cited |= {r for s in corpus.loaded().worry_check["symptoms"] for r in s["references"]}
    cited |= {ref for t in corpus.of("table") for ref in _ID_LIKE.findall(t.text)}
    return [
        Problem(corpus.file("references.yaml"), f"reference {ref}", "is cited nowhere")
        for ref in sorted(set(corpus.loaded().references) - cited)
    ]


def _add_an_unused_source(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["references"].append({**data["references"][0], "id": "nobody-cites-this"})

    edit_yaml(root, "references.yaml", change)


# --- The seed article sets the scope; it is not evidence ----------------------------------

SEED = "seed-article"


def seed_only_problems(corpus: Corpus) -> list[Problem]:
    """A quiz item needs a source that is evidence: the article the course grew from
    (and the new-question scaffold's first reference in some sections) is not one."""
    reason = "cites only the seed article, which is not evidence: cite a source"
    return [
        Problem(corpus.file(f"quizzes/{section}.yaml"), f"question {item['id']}", reason)
        for section, quiz in corpus.loaded().quizzes.items()
        for item in (*quiz.questions, *quiz.reflections, *quiz.exercises)
        if item.get("references") == [SEED]
    ]


def _cite_only_the_seed(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["questions"][0]["references"] = [SEED]

    edit_yaml(root, "quizzes/vs-psychedelics.yaml", change)


RULES = (
    Rule(
        "no-trial-only-as-search-result",
        "'No controlled trial' is said only as what a dated search found.",
        no_trial_problems,
        _say_no_trial_exists,
    ),
    Rule(
        "elektd-called-open-label",
        "Wherever ELEKT-D's result is given, it is called open-label.",
        elektd_problems,
        _hide_the_design,
    ),
    Rule(
        "open-label-not-above-blinded",
        "No open-label study is rated more certain than a blinded trial.",
        certainty_problems,
        _overrate_an_open_trial,
    ),
    Rule(
        "no-answer-depends-on-a-date",
        "No quiz answer or text is true only until a date (the telehealth rule).",
        date_bound_problems,
        _date_an_answer,
    ),
    Rule(
        "citations-are-listed",
        "A notebook cites only sources that exist and that its section lists.",
        citation_problems,
        _cite_an_unlisted_source,
        reads_notebooks=True,
    ),
    Rule(
        "every-source-is-cited",
        "Every source in references.yaml is cited somewhere a learner reads.",
        unused_reference_problems,
        _add_an_unused_source,
        reads_notebooks=True,
    ),
    Rule(
        "questions-cite-evidence",
        "No quiz item cites only the seed article, which sets the scope but is not evidence.",
        seed_only_problems,
        _cite_only_the_seed,
    ),
    Rule(
        "percentages-cite-a-source",
        "A notebook cell that gives a percentage cites its source.",
        uncited_figure_problems,
        _give_an_uncited_figure,
        reads_notebooks=True,
    ),
)
