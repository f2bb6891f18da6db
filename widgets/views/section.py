"""The notebook API: a section page (or the course home) and the parts it shows.

A section notebook names its section once, `page = section("caution")`, and
calls `page.quiz()`, `page.worry_check()` and `page.footer()`; the repeated
parts (header, crisis panel, quiz intro, key points, sources, navigation) are
rendered here from course.yaml, so they cannot drift apart between sections.

Each page makes its progress store and hands it to every part it shows. A part
shown again (its cell run again) gets the same store and so the answers given so
far; a page made again (the first cell run again) makes a new store, which the
browser fills from what it has stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from IPython.display import HTML, display

from widgets.core.loader import course
from widgets.core.model import Course
from widgets.views import page
from widgets.views.assets import STYLE
from widgets.views.dashboard import Dashboard
from widgets.views.deck import ReviewDeck
from widgets.views.explorers import FilterTable, RouteExplorer, StepThrough
from widgets.views.figures import figure_html, section_figure
from widgets.views.help import HelpFinder, WorryCheck
from widgets.views.kit import table
from widgets.views.prepost import PrePostCheck, PrePostSummary
from widgets.views.progress import ProgressStore
from widgets.views.quiz import ExerciseSet, SectionQuiz
from widgets.views.review import CompletionSummary, Glossary


def _show(markup: str) -> None:
    display(HTML(markup))


class SectionPage:
    """One section's page; each method displays one part of it where it is called."""

    def __init__(self, the_course: Course, section_id: str):
        the_course.section(section_id)  # an unknown id fails here, naming the known ones
        self.course = the_course
        self.id = section_id
        self.store = ProgressStore(the_course)
        self._tools_with: str | None = None

    def _shows_tools(self, part: str) -> bool:
        """The store's tools go with the first part shown that offers them (the quiz, or
        the completion summary), and again each time that part is shown again: a re-run
        cell's new output replaces the old one, tools and all."""
        self._tools_with = self._tools_with or part
        return self._tools_with == part

    def header(self) -> None:
        """Style, title, time, facts-checked month, objectives and the crisis panel."""
        _show(f"<style>{STYLE}</style>" + page.section_header_html(self.course, self.id))

    def quiz(self) -> None:
        """'Check your understanding', its intro, and the section's quiz with saving."""
        _show(page.quiz_intro_html(self.course, self.id))
        display(SectionQuiz(self.course, self.id, self.store, tools=self._shows_tools("quiz")))

    def footer(self) -> None:
        """Key points, references and previous/next links, in that order."""
        _show(
            page.key_points_html(self.course, self.id)
            + page.references_html(self.course, self.id)
            + page.nav_html(self.course, self.id)
        )

    def exercises(self) -> None:
        """The section's scenario exercises (e.g. clinic profiles to vet), apart from the quiz."""
        display(ExerciseSet(self.course, self.id, self.store))

    def steps(self, name: str, caption: str) -> None:
        display(StepThrough(table(name), caption))

    def filter_table(
        self, name: str, column: str, caption: str, heading: Sequence[str] = ()
    ) -> None:
        """The table's rows as cards, to filter by `column`, each titled by the `heading`
        columns (by default `column`); code columns drawn by figures stay out."""
        codes = [c for f in self.course.figures.values() if f.table == name for c in f.keys]
        display(FilterTable(table(name).without(codes), column, caption, heading))

    def figure(self, figure_id: str) -> None:
        """One of the section's figures (course_data/figures.yaml) with its numbers."""
        _show(figure_html(section_figure(self.course, figure_id, self.id)))

    def route_explorer(self) -> None:
        display(RouteExplorer(table("routes")))

    def worry_check(self) -> None:
        display(WorryCheck(self.course.worry_check))

    def help_finder(self) -> None:
        display(HelpFinder(self.course))

    def glossary(self) -> None:
        display(Glossary(self.course.glossary))

    def before_check(self) -> None:
        """The key ideas before the course (section 0): "I don't know yet", no feedback."""
        display(PrePostCheck(self.course, "before", self.store))

    def after_check(self) -> None:
        """The same ideas in other words after the course (section 8), no feedback."""
        display(PrePostCheck(self.course, "after", self.store))

    def before_and_after(self) -> None:
        """How the answers changed, and the beliefs still held, with links to the sections."""
        display(PrePostSummary(self.course, self.store))

    def review_deck(self) -> None:
        """ "Your reviews": the ideas due for review, one question at a time."""
        display(ReviewDeck(self.course, self.store))

    def completion_summary(self) -> None:
        tools = self._shows_tools("completion_summary")
        display(CompletionSummary(self.course, self.store, tools=tools))


def section(section_id: str) -> SectionPage:
    """Show a section's header and return its page, for the notebook's other calls."""
    the_page = SectionPage(course(), section_id)
    the_page.header()
    return the_page


class HomePage:
    """The course home; its header is shown when it is made, the sections where called."""

    def __init__(self, the_course: Course):
        self.course = the_course
        self.store = ProgressStore(the_course)

    def header(self) -> None:
        _show(f"<style>{STYLE}</style>" + page.home_header_html(self.course))

    def sections(self) -> None:
        """'Sections and your progress': every section with its progress bar."""
        _show("<h2>Sections and your progress</h2>")
        display(Dashboard(self.course, self.store))


def home() -> HomePage:
    """Show the course home's title and crisis panel and return the page."""
    the_page = HomePage(course())
    the_page.header()
    return the_page
