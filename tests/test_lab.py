"""A learner's JupyterLab (`make lab`): the course's pages open read-only, so opening,
running or saving one never changes the repository's notebooks; a copy is the
learner's own; the answers keep saving when a quiz cell runs again."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import nbformat
import pytest
from tornado.web import HTTPError

from tests.browser import NOTEBOOK_DIR, STORAGE_KEY, lab_server
from tests.learner import check
from widgets.core.loader import course
from widgets.server.lab import COURSE_PAGE_RECORD, CoursePagesReadOnly

THE_COURSE = course()


# One thread for every manager call: a browser test's Playwright may hold the main
# thread's event loop, and the manager's notebook-signature store (SQLite) may only be
# used from the thread that opened it.
MANAGER_THREAD = ThreadPoolExecutor(1, thread_name_prefix="contents-manager")


def run(step: Coroutine[Any, Any, Any]) -> Any:
    """Run a manager's coroutine on the manager thread and wait for its result."""
    return MANAGER_THREAD.submit(asyncio.run, step).result()


def make_manager(root: Path) -> CoursePagesReadOnly:
    record = {"today": "2026-12-02", "page": "01-page.ipynb"}
    page = nbformat.v4.new_notebook(metadata={COURSE_PAGE_RECORD: record})
    nbformat.write(page, root / "01-page.ipynb")
    nbformat.write(nbformat.v4.new_notebook(), root / "mine.ipynb")
    return CoursePagesReadOnly(root_dir=str(root))


def test_a_course_page_is_not_writable_and_cannot_be_saved_over(tmp_path):
    manager = make_manager(tmp_path)
    before = (tmp_path / "01-page.ipynb").read_bytes()
    model = run(manager.get("01-page.ipynb"))
    assert model["writable"] is False
    assert run(manager.get("01-page.ipynb", content=False))["writable"] is False
    as_text = run(manager.get("01-page.ipynb", type="file", format="text"))
    assert as_text["writable"] is False, "opened in the text editor too"
    with pytest.raises(HTTPError) as refused:
        run(manager.save(model, "01-page.ipynb"))
    assert refused.value.status_code == 403 and "Save Notebook As" in refused.value.log_message
    checkpoint = run(manager.create_checkpoint("01-page.ipynb"))
    changes = (
        manager.save({"type": "file", "format": "text", "content": "{}"}, "01-page.ipynb"),
        manager.delete_file("01-page.ipynb"),
        manager.rename_file("01-page.ipynb", "x.ipynb"),
        manager.restore_checkpoint(checkpoint["id"], "01-page.ipynb"),
    )
    for change in changes:
        with pytest.raises(HTTPError):
            run(change)
    assert (tmp_path / "01-page.ipynb").read_bytes() == before


def test_a_folder_holding_a_page_cannot_be_deleted_or_renamed(tmp_path):
    (tmp_path / "notebooks").mkdir()
    make_manager(tmp_path / "notebooks")
    manager = CoursePagesReadOnly(root_dir=str(tmp_path))
    for change in (manager.delete_file("notebooks"), manager.rename_file("notebooks", "x")):
        with pytest.raises(HTTPError):
            run(change)
    assert (tmp_path / "notebooks" / "01-page.ipynb").exists()


def test_a_copy_under_another_name_is_the_learners_own_and_writable(tmp_path):
    manager = make_manager(tmp_path)
    model = run(manager.get("01-page.ipynb"))
    run(manager.save({"type": "notebook", "content": model["content"]}, "my-copy.ipynb"))
    assert run(manager.get("my-copy.ipynb"))["writable"] is True
    uploaded = (tmp_path / "01-page.ipynb").read_text()
    run(manager.save({"type": "file", "format": "text", "content": uploaded}, "up.ipynb"))
    assert run(manager.get("up.ipynb"))["writable"] is True
    run(manager.delete_file("up.ipynb"))
    assert run(manager.get("mine.ipynb"))["writable"] is True


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
        config = page.evaluate(
            "JSON.parse(document.getElementById('jupyter-config-data').textContent)"
        )
        assert config["news"] == {"disabled": True}, "no news fetched from outside"
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
