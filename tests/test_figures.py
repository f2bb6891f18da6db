"""The figures: drawn again they are the same files, each carries its text alternative,
follows the page's theme, and is checked against its section and table."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
import pytest

from tests.test_bank import problems_of
from widgets.authoring.figures import build_figures
from widgets.authoring.figures.style import themed
from widgets.core.loader import DATA_DIR, load_course
from widgets.views.explorers import FilterTable
from widgets.views.figures import FIGURES_DIR, figure_html, section_figure
from widgets.views.section import SectionPage

SVG = "{http://www.w3.org/2000/svg}"
NOTEBOOK_DIR = DATA_DIR.parent / "notebooks"


def test_drawing_the_figures_again_gives_the_committed_files(the_course, tmp_path):
    """`make figures` was run and committed: a fresh drawing has the same bytes."""
    build_figures(the_course, DATA_DIR, tmp_path)
    fresh = {p.name: p.read_bytes() for p in tmp_path.glob("*.svg")}
    committed = {p.name: p.read_bytes() for p in FIGURES_DIR.glob("*.svg")}
    assert sorted(fresh) == sorted(committed) == sorted(f"{i}.svg" for i in the_course.figures)
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert changed == [], f"run `make figures` and commit: {changed}"


def test_the_course_has_the_six_figures_the_sections_teach_with(the_course):
    assert {(f.id, f.section) for f in the_course.figures.values()} == {
        ("route-share", "microdosing"),
        ("ketamine-timeline", "what-is-ketamine"),
        ("mechanism-pathway", "how-it-acts"),
        ("evidence-map", "evidence-by-condition"),
        ("side-effects", "caution"),
        ("supervised-session", "caution"),
    }


@pytest.mark.parametrize("figure_id", sorted(load_course().figures))
def test_each_figure_says_its_point_in_its_own_title_and_description(the_course, figure_id):
    figure = the_course.figures[figure_id]
    root = ET.fromstring((FIGURES_DIR / f"{figure_id}.svg").read_text(encoding="utf-8"))
    assert root.get("role") == "img"
    named = [root.find(f".//*[@id='{i}']") for i in root.get("aria-labelledby", "").split()]
    assert [(e.tag, e.text) for e in named if e is not None] == [
        (f"{SVG}title", figure.title),
        (f"{SVG}desc", figure.alt),
    ]


@pytest.mark.parametrize("figure_id", sorted(load_course().figures))
def test_each_figure_takes_its_colours_from_the_page_and_loads_nothing(figure_id):
    svg = (FIGURES_DIR / f"{figure_id}.svg").read_text(encoding="utf-8")
    fallback = r"var\(--kc-fig-[a-z]+, var\(--jp-[a-z0-9-]+, #[0-9a-f]{6}\)\)"
    without_fallbacks = re.sub(fallback, "var()", svg)
    assert re.findall(r"#[0-9a-fA-F]{6}\b", without_fallbacks) == []
    assert "var(--kc-fig-ink" in svg
    assert re.findall(r'(?:href|src)="(?!#)[^"]*"|url\((?!#)', svg) == []
    assert "<text" in svg, "text stays text (svg.fonttype none), not drawn as shapes"


def test_a_drawing_with_a_colour_outside_the_theme_is_refused(the_course):
    figure = the_course.figures["route-share"]
    with pytest.raises(ValueError, match="route-share: colours outside the theme \\(#ff0000\\)"):
        themed('<svg width="1pt" height="1pt" ><path style="fill: #ff0000"/></svg>', figure)


def test_each_figure_is_shown_once_in_its_own_sections_notebook(the_course):
    shown = {}
    for section in the_course.sections:
        notebook = nbformat.read(NOTEBOOK_DIR / section.notebook, as_version=4)
        for cell in notebook.cells:
            for figure_id in re.findall(r'page\.figure\("([^"]+)"\)', cell.source):
                assert figure_id not in shown, f"{figure_id} shown twice"
                shown[figure_id] = section.id
    assert shown == {f.id: f.section for f in the_course.figures.values()}


def test_a_figure_on_the_page_has_its_caption_sources_and_numbers_in_words(the_course):
    markup = figure_html(the_course.figures["mechanism-pathway"])
    assert markup.count("<svg") == 1
    assert "Figure: How ketamine may act" in markup
    numbers = markup[markup.index("<details") :]
    assert numbers.count("<tr>") == 1 + 8  # the heading row and one row per step
    assert "<td>Well established (lab studies)</td>" in numbers
    assert "<td>established</td>" not in numbers
    assert 'href="#ref-li-vlisides-2016"' in markup


def test_asking_a_section_for_another_sections_figure_names_its_own(the_course):
    with pytest.raises(KeyError, match=r"section 'caution'.*side-effects, supervised-session"):
        section_figure(the_course, "route-share", "caution")
    with pytest.raises(KeyError, match="no figure 'nope'"):
        SectionPage(the_course, "microdosing").figure("nope")


def test_a_code_value_outside_the_figures_keys_names_the_table_row(course_copy):
    table = course_copy / "tables" / "mechanism-steps.csv"
    table.write_text(table.read_text().replace(",established,", ",proven,"))
    assert problems_of(course_copy) == [
        f"{table}:2: row 2: evidence_level 'proven' is not one "
        "of figure mechanism-pathway's keys: established, hypothesis, animal, human-effect, debated"
    ]


def test_a_figure_for_an_unknown_section_or_missing_table_is_reported(course_copy, edit_yaml):
    def change(data):
        data["figures"][0]["section"] = "nowhere"
        data["figures"][1]["table"] = "gone"

    edit_yaml(course_copy / "figures.yaml", change)
    problems = problems_of(course_copy)
    assert any("figure route-share: unknown section id 'nowhere'" in p for p in problems)
    assert any(
        f"figure ketamine-timeline: no table {course_copy}/tables/gone.csv" in p for p in problems
    )


def test_a_figure_citing_a_source_its_section_does_not_list_is_reported(course_copy):
    table = course_copy / "tables" / "routes.csv"
    table.write_text(table.read_text().replace(",peltoniemi-2016\n", ",abdallah-2022\n", 1))
    [problem] = problems_of(course_copy)
    assert "figure route-share: its table cites 'abdallah-2022'" in problem
    assert "not among section microdosing's references" in problem


def test_the_evidence_table_for_reading_leaves_out_the_figures_code_columns(
    the_course, monkeypatch
):
    shown: list[FilterTable] = []
    monkeypatch.setattr(sys.modules["widgets.views.section"], "display", shown.append)
    SectionPage(the_course, "evidence-by-condition").filter_table("evidence", "Condition", "S")
    headings = re.findall(r"<dt>([^<]+)</dt>", shown[0].output.value)
    assert "Certainty" in headings
    assert not {"design_kind", "certainty_level", "result_kind"} & set(headings)


def test_a_missing_drawing_file_says_to_run_make_figures(the_course, monkeypatch, tmp_path):
    monkeypatch.setattr("widgets.views.figures.FIGURES_DIR", Path(tmp_path))
    with pytest.raises(FileNotFoundError, match="run `make figures`"):
        figure_html(the_course.figures["route-share"])


def test_a_figure_table_with_a_broken_row_or_no_rows_is_reported_not_raised(course_copy):
    table = course_copy / "tables" / "routes.csv"
    lines = table.read_text().splitlines()
    table.write_text("\n".join([lines[0], lines[1] + ",extra", *lines[2:]]) + "\n")
    assert any("wrong number of cells" in p for p in problems_of(course_copy))
    table.write_text("route,source\n")
    problems = problems_of(course_copy)
    assert any(f"figure route-share: {table} has no column" in p for p in problems)


def test_figures_on_one_page_share_no_element_id(the_course):
    ids = [
        found
        for figure_id in the_course.figures
        for found in re.findall(r' id="([^"]+)"', (FIGURES_DIR / f"{figure_id}.svg").read_text())
    ]
    assert ids and len(ids) == len(set(ids))
    for figure_id in the_course.figures:
        svg = (FIGURES_DIR / f"{figure_id}.svg").read_text()
        for target in re.findall(r"url\(#([^)]+)\)", svg):
            assert f' id="{target}"' in svg, (figure_id, target)
