"""Rules about whole pages: the crisis panel shown, what section 6 covers, reading level,
links that land where they point."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.filters.markdown import markdown2html_mistune

from widgets.authoring.rules.breaking import add_markdown, edit_yaml
from widgets.authoring.rules.corpus import Corpus
from widgets.authoring.rules.rule import Rule, RuleSkipped, problem_at
from widgets.core.model import Problem

CRISIS_CONTACTS = ("988", "911", "1-800-222-1222", "Outside the US")


def crisis_panel_problems(corpus: Corpus) -> list[Problem]:
    """Every section's stored page shows the crisis panel with each contact."""
    found = []
    for section in corpus.loaded().sections:
        file = corpus.notebook(section.notebook)
        shown = " ".join(t.text for t in corpus.of("output") if t.file == file)
        panel = re.search(r'<aside class="kc-crisis".*?</aside>', shown, re.DOTALL)
        missing = [c for c in CRISIS_CONTACTS if not panel or c not in panel[0]]
        if missing:
            reason = f"the stored page shows no crisis panel with {', '.join(missing)}"
            found.append(Problem(file, f"section {section.id}", reason + " (run make notebooks)"))
    return found


def _clear_the_outputs(root: Path) -> None:
    path = root / "notebooks" / "06-caution.ipynb"
    book = nbformat.read(path, as_version=4)
    for cell in book.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    nbformat.write(book, path)


# Section 6 and the heart (FACTS.md additions: the seed names a faster heart rate; the
# label asks for a careful medical check in heart disease, high blood pressure, stroke).
HEART_WORDS = ("heart rate", "high blood pressure", "past stroke", "careful medical check")


def heart_problems(corpus: Corpus) -> list[Problem]:
    file = corpus.notebook(corpus.loaded().section("caution").notebook)
    text = " ".join(t.flat for t in corpus.of("markdown") if t.file == file)
    return [
        Problem(file, "section caution", f"does not cover {w!r}")
        for w in HEART_WORDS
        if w not in text
    ]


def _drop_the_heart(root: Path) -> None:
    path = root / "notebooks" / "06-caution.ipynb"
    book = nbformat.read(path, as_version=4)
    for cell in book.cells:
        if cell.cell_type == "markdown":
            cell.source = cell.source.replace("heart rate", "pulse")
    nbformat.write(book, path)


def reading_level_problems(corpus: Corpus) -> list[Problem]:
    """Each section's running text is plain: Flesch-Kincaid grade ≤ 10 and SMOG ≤ 8."""
    try:
        from widgets.authoring.readability import MEASURES, reading_level, section_prose
    except ImportError as missing:  # textstat comes with the [test] extra
        raise RuleSkipped(f"needs {missing.name} (pip install '.[test]')") from None
    found = []
    for section in corpus.loaded().sections:
        prose = section_prose(corpus.loaded(), section.id, corpus.notebooks)
        for measure, (_score, limit) in MEASURES.items():
            if (level := reading_level(prose, measure)) > limit:
                reason = (
                    f"{measure} {level} is above {limit:g} (use shorter sentences, plain words)"
                )
                found.append(
                    Problem(corpus.notebook(section.notebook), f"section {section.id}", reason)
                )
    return found


def _write_a_long_sentence(root: Path) -> None:
    add_markdown(
        root,
        "00-welcome.ipynb",
        " ".join(["Pharmacological considerations regarding intranasal administration"] * 20) + ".",
    )


# Questions about how the course itself works cite the course, not the seed magazine.


def welcome_citation_problems(corpus: Corpus) -> list[Problem]:
    welcome = corpus.loaded().quizzes["welcome"].questions
    found = [
        Problem(
            corpus.file("quizzes/welcome.yaml"), f"question {q['id']}", "cites the seed article"
        )
        for q in welcome
        if "seed-article" in q["references"]
    ]
    if not any("course" in q["references"] for q in welcome):
        found.append(
            Problem(corpus.file("quizzes/welcome.yaml"), "questions", "none cites the course")
        )
    return found


def _cite_the_seed(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        for item in data["questions"]:
            item["references"] = ["seed-article"]

    edit_yaml(root, "quizzes/welcome.yaml", change)


# A link to a part of a page: "](08-review.ipynb#Your-reviews)" or "](#part)".
# Citations (#ref-...) are the citations rules' to check.
# An anchor may hold a pair of brackets: "#Evidence-(as-of-late-2026)".
PART_LINK = re.compile(
    r"\]\((?P<page>[\w-]+\.ipynb)?#(?P<anchor>(?!ref-)(?:[^()\s]|\([^()\s]*\))+)\)"
)


def page_anchors(corpus: Corpus, file: str) -> set[str]:
    """The parts a page's links can land on: its headings' ids, as Voilà renders them
    (nbconvert's), and any id in its stored outputs."""
    texts = [t for t in corpus.of("markdown", "output") if t.file == file]
    markup = " ".join(
        markdown2html_mistune(t.text) if t.kind == "markdown" else t.text for t in texts
    )
    return set(re.findall(r'\bid="([^"]+)"', markup))


def part_link_problems(corpus: Corpus) -> list[Problem]:
    """Every link to a part of a page names a heading (or an id) that page has: a heading
    renamed would otherwise send learners to the top of the page, silently."""
    found = []
    anchors: dict[str, set[str]] = {}
    for text in corpus.of("markdown"):
        for link in PART_LINK.finditer(text.text):
            target = corpus.notebook(link["page"]) if link["page"] else text.file
            if target not in anchors:
                anchors[target] = page_anchors(corpus, target)
            if link["anchor"] not in anchors[target]:
                reason = f"links to #{link['anchor']}, which {Path(target).name} has no part named"
                found.append(problem_at(text, reason))
    return found


def _link_to_a_missing_part(root: Path) -> None:
    add_markdown(root, "index.ipynb", "See [the deck](08-review.ipynb#No-such-part).")


RULES = (
    Rule(
        "links-land-on-their-part",
        "Every link to a part of a page names a heading or id that page has.",
        part_link_problems,
        _link_to_a_missing_part,
        reads_notebooks=True,
    ),
    Rule(
        "crisis-panel-on-every-page",
        "Every section's stored page shows the crisis panel: 988, 911, Poison Help, abroad.",
        crisis_panel_problems,
        _clear_the_outputs,
        reads_notebooks=True,
    ),
    Rule(
        "caution-covers-the-heart",
        "Section 6 names heart rate, high blood pressure, past stroke and a careful check.",
        heart_problems,
        _drop_the_heart,
        reads_notebooks=True,
    ),
    Rule(
        "plain-language",
        "Each section reads at SMOG 8 or below and Flesch-Kincaid grade 10 or below.",
        reading_level_problems,
        _write_a_long_sentence,
        reads_notebooks=True,
    ),
    Rule(
        "course-questions-cite-the-course",
        "Questions about the course cite the course itself, not the seed article.",
        welcome_citation_problems,
        _cite_the_seed,
    ),
)
