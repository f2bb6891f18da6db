"""A learner's JupyterLab (`make lab`): the course's pages open read-only, so opening,
running or saving one never changes the repository's notebooks; a copy is the
learner's own; the answers keep saving when a quiz cell runs again."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from tornado.web import HTTPError

from tests.browser import NOTEBOOK_DIR, STORAGE_KEY, lab_server
from tests.learner import check
from widgets.core.loader import course
from widgets.server.lab import COURSE_PAGE_RECORD, SETTINGS, CoursePagesReadOnly

THE_COURSE = course()


def make_manager(root: Path) -> CoursePagesReadOnly:
    page = nbformat.v4.new_notebook(metadata={COURSE_PAGE_RECORD: {"today": "2026-12-02"}})
    nbformat.write(page, root / "01-page.ipynb")
    nbformat.write(nbformat.v4.new_notebook(), root / "mine.ipynb")
    return CoursePagesReadOnly(root_dir=str(root))


def test_a_course_page_is_not_writable_and_cannot_be_saved_over(tmp_path):
    manager = make_manager(tmp_path)
    before = (tmp_path / "01-page.ipynb").read_bytes()
    model = asyncio.run(manager.get("01-page.ipynb"))
    assert model["writable"] is False
    assert asyncio.run(manager.get("01-page.ipynb", content=False))["writable"] is False
    with pytest.raises(HTTPError) as refused:
        asyncio.run(manager.save(model, "01-page.ipynb"))
    assert refused.value.status_code == 403 and "Save Notebook As" in refused.value.log_message
    for change in (
        manager.delete_file("01-page.ipynb"),
        manager.rename_file("01-page.ipynb", "x.ipynb"),
    ):
        with pytest.raises(HTTPError):
            asyncio.run(change)
    assert (tmp_path / "01-page.ipynb").read_bytes() == before


def test_a_copy_saved_as_a_new_file_is_the_learners_own_and_writable(tmp_path):
    manager = make_manager(tmp_path)
    model = asyncio.run(manager.get("01-page.ipynb"))
    asyncio.run(manager.save({"type": "notebook", "content": model["content"]}, "my-copy.ipynb"))
    copy = asyncio.run(manager.get("my-copy.ipynb"))
    assert copy["writable"] is True
    assert COURSE_PAGE_RECORD not in copy["content"]["metadata"]
    asyncio.run(manager.save({"type": "notebook", "content": copy["content"]}, "my-copy.ipynb"))
    assert asyncio.run(manager.get("mine.ipynb"))["writable"] is True


def test_the_learners_jupyterlab_asks_nothing_of_the_internet():
    assert "--LabApp.news_url=None" in SETTINGS
    assert any("NeverCheckForUpdate" in setting for setting in SETTINGS)


@pytest.mark.browser
def test_opening_running_and_saving_a_page_in_jupyterlab_leaves_it_as_it_was(chromium, tmp_path):
    """Opening a page made JupyterLab rewrite its Python version, and autosave wrote it
    back; a re-run quiz cell once stopped saving. Both, as a learner would meet them."""
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, notebooks)
    name = "03-vs-psychedelics.ipynb"
    before = (notebooks / name).read_bytes()
    section = THE_COURSE.section("vs-psychedelics")
    first, second = THE_COURSE.quizzes[section.id].questions[:2]
    with lab_server(notebooks, tmp_path / "lab.log") as server:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.goto(f"{server.url}/lab/tree/{name}")
        page.get_by_text("notebook is read-only").wait_for()
        page.locator(".kc-lab-only").first.wait_for()  # how to bring the widgets back
        page.locator(".jp-Notebook").first.click()
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        quiz = page.locator(".kc-quiz").first
        quiz.locator(".kc-question").first.wait_for()
        check(quiz.locator(".kc-question").nth(0), first, right=True)
        page.wait_for_function(
            f"(localStorage.getItem({STORAGE_KEY!r}) || '').includes({first['id']!r})"
        )
        # Run the quiz cell again, then answer another question: it must still save.
        quiz_cell = page.locator(".jp-CodeCell", has_text="page.quiz()").first
        quiz_cell.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Control+Enter")
        again = page.locator(".kc-quiz").first
        again.locator(".kc-question .kc-message.kc-ok").first.wait_for()  # restored
        check(again.locator(".kc-question").nth(1), second, right=True)
        page.wait_for_function(
            f"(localStorage.getItem({STORAGE_KEY!r}) || '').includes({second['id']!r})"
        )
        saved = json.loads(page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})"))
        assert set(saved["sections"][section.id]["questions"]) >= {first["id"], second["id"]}
        page.keyboard.press("Escape")
        page.keyboard.press("Control+s")
        page.get_by_text("is read-only").last.wait_for()
        context.close()
    assert (notebooks / name).read_bytes() == before
