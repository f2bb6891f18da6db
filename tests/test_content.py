"""Course-wide content rules: completeness, citations, no doses, crisis panel, reading level."""

from __future__ import annotations

import nbformat
import pytest

from tests.browser import NOTEBOOK_DIR
from tests.test_bank import problems_of
from widgets.authoring.notebooks import recorded_today
from widgets.authoring.readability import plain_text
from widgets.authoring.safety import dose_wording
from widgets.core.freshness import section_freshness
from widgets.core.loader import course
from widgets.views.kit import citations_html
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


def test_the_course_as_a_source_is_named_not_linked():
    html = citations_html(["course", "dean-2021"])
    assert "this course" in html and "#ref-course" not in html and "#ref-dean-2021" in html


def test_a_reference_may_not_take_the_course_id(course_copy, edit_yaml):
    def add(data):
        data["references"].append({**data["references"][0], "id": "course"})

    edit_yaml(course_copy / "references.yaml", add)
    [problem] = problems_of(course_copy)
    assert "reference course" in problem and "kept for questions about the course" in problem
