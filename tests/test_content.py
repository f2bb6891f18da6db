"""Course-wide content rules: completeness, citations, no doses, crisis panel, reading level."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tests.browser import NOTEBOOK_DIR, REPO
from widgets.authoring.notebooks import recorded_today
from widgets.authoring.readability import MEASURES, plain_text, reading_level, section_prose
from widgets.authoring.safety import dose_wording, learner_text
from widgets.core.freshness import section_freshness
from widgets.core.loader import DATA_DIR, course
from widgets.views.page import freshness_html
from widgets.views.section import SectionPage

SECTIONS = course().sections
# The explorers a section page offers (SectionPage's methods other than its fixed parts).
EXPLORERS = sorted(
    name
    for name in vars(SectionPage)
    if not name.startswith("_") and name not in ("header", "quiz", "footer")
)


def notebook(section) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK_DIR / section.notebook, as_version=4)


def code_of(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def html_outputs(nb) -> str:
    return "\n".join(
        output.get("data", {}).get("text/html", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def all_text_files() -> list[Path]:
    files = [*DATA_DIR.rglob("*.yaml"), *DATA_DIR.rglob("*.csv"), *NOTEBOOK_DIR.glob("*.ipynb")]
    return sorted(files)


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.id)
def test_section_is_complete(section):
    quiz = course().quizzes[section.id]
    assert (NOTEBOOK_DIR / section.notebook).is_file()
    assert section.objectives and section.key_points and section.references
    assert 6 <= len(quiz.questions) <= 12, len(quiz.questions)
    assert len({q["type"] for q in quiz.questions}) >= 3
    assert quiz.reflections, "needs a self-check reflection"


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.id)
def test_section_notebook_has_one_import_one_footer_and_an_explorer(section):
    cells = [c.source for c in notebook(section).cells if c.cell_type == "code"]
    code = "\n".join(cells)
    assert cells[0] == f'from widgets.views import section\n\npage = section("{section.id}")'
    assert code.count("import") == 1
    assert code.count(f'"{section.id}"') == 1, "the section id is named once, by section()"
    assert code.count("page.quiz()") == 1
    assert cells[-1] == "page.footer()"
    assert any(f"page.{name}(" in code for name in EXPLORERS), "no interactive element"


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.id)
def test_crisis_panel_with_988_is_in_the_rendered_section(section):
    rendered = html_outputs(notebook(section))
    panel = re.search(r'<aside class="kc-crisis".*?</aside>', rendered, re.DOTALL)
    assert panel, "no crisis panel in the stored outputs"
    for contact in ("988", "911", "1-800-222-1222"):
        assert contact in panel[0]


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.id)
def test_rendered_section_says_when_its_facts_were_checked(section):
    """As of the day the notebook was built: its checked month, and any claim then due."""
    stored = notebook(section)
    day = recorded_today(stored)
    assert day, "run `make notebooks`: the notebook records no build day"
    assert section_freshness(course(), section.id, day).checked
    assert freshness_html(course(), section.id, day) in html_outputs(stored)


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.id)
def test_previous_and_next_links_are_rendered(section):
    rendered = html_outputs(notebook(section))
    before, after = course().neighbours(section.id)
    if before:
        assert f'href="{before.notebook}" rel="prev"' in rendered
    if after:
        assert f'href="{after.notebook}" rel="next"' in rendered
    assert 'href="index.ipynb"' in rendered


def reading_level_problem(name: str, prose: str, measure: str) -> str | None:
    """Why `prose` reads above the limit for `measure` (FK grade 10, SMOG 8), or None."""
    score, limit = reading_level(prose, measure), MEASURES[measure][1]
    if score > limit:
        return f"{name}: {measure} {score} is above {limit:g} (use shorter sentences, plain words)"
    return None


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.id)
def test_section_prose_is_plain_by_flesch_kincaid_and_smog(section, measure):
    problem = reading_level_problem(
        section.notebook, section_prose(course(), section.id, NOTEBOOK_DIR), measure
    )
    assert problem is None, problem


def test_reading_level_check_catches_long_sentences_and_long_words():
    plain = "Ketamine is a drug. Ask a doctor. Do not use it alone. " * 10
    hard = (
        "Esketamine administration necessitates comprehensive cardiovascular monitoring, "
        "because dissociative phenomena and hypertensive complications frequently accompany "
        "intranasal treatment in individuals with treatment-resistant depression. "
    ) * 10
    assert reading_level_problem("plain.ipynb", plain, "SMOG") is None
    assert reading_level_problem("plain.ipynb", plain, "Flesch-Kincaid grade") is None
    problem = reading_level_problem("hard.ipynb", hard, "SMOG")
    assert problem and problem.startswith("hard.ipynb: SMOG ") and "above 8" in problem
    assert reading_level_problem("hard.ipynb", hard, "Flesch-Kincaid grade")


def cited_in_notebooks() -> dict[str, set[str]]:
    cited = {}
    for path in NOTEBOOK_DIR.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        cited[path.name] = set(re.findall(r"\(#ref-([a-z0-9-]+)\)", text))
    return cited


def test_every_reference_cited_in_notebooks_exists_and_is_in_the_section_list():
    the_course = course()
    by_notebook = {s.notebook: s for s in the_course.sections}
    for name, ids in cited_in_notebooks().items():
        assert ids <= set(the_course.references), (name, ids - set(the_course.references))
        if name in by_notebook:
            listed = set(by_notebook[name].references)
            assert ids <= listed, (name, "cited but not in course.yaml", ids - listed)


def test_every_reference_is_cited_somewhere():
    the_course = course()
    cited = set().union(*cited_in_notebooks().values())
    for section in the_course.sections:
        cited |= set(section.references)
        quiz = the_course.quizzes[section.id]
        for item in (*quiz.questions, *quiz.reflections, *quiz.exercises):
            cited |= set(item.get("references", []))
    for term in the_course.glossary:
        cited |= set(term["references"])
    for symptom in the_course.worry_check["symptoms"]:
        cited |= set(symptom["references"])
    for table in (DATA_DIR / "tables").glob("*.csv"):
        cited |= set(re.findall(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+", table.read_text()))
    assert set(the_course.references) - cited == set()


@pytest.mark.parametrize("path", all_text_files(), ids=lambda p: p.name)
def test_no_dose_amounts_or_schedules(path):
    found = dose_wording(learner_text(path))
    assert found == [], f"{path.relative_to(REPO)}: {found}"


@pytest.mark.parametrize(
    "text",
    [
        "Take 50 mg",
        "0.5 mg/kg",
        "25 micrograms",
        "twice: 2 times a week",
        "every 3 days",
        "titrate up",
        "start at 10",
        "3 sprays",
        "dose per kg",
        "twice a week",
        "once a day",
        "start with a small amount",
        "half a tablet",
    ],
)
def test_dose_patterns_catch_typical_dose_wording(text):
    assert dose_wording(text)


def test_dose_patterns_leave_ordinary_numbers_alone():
    assert dose_wording("In 2019, 27.4% of 400 people; half-life about 2 to 3 hours") == []


def test_plain_text_keeps_link_words_and_ends_lines_as_sentences():
    assert plain_text("## Title\n- a [link](#ref-x) here\n") == "Title. a link here."


def test_plain_text_joins_lines_wrapped_inside_a_paragraph_or_list_item():
    markdown = "One long\nsentence [with a\nlink](#ref-x).\n\n- an item that\n  goes on\n- next\n"
    assert plain_text(markdown) == "One long sentence with a link. an item that goes on. next."
