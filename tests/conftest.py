"""Shared fixtures: a writable copy of the course data, and the loaded course; and
strict nbval runs each notebook as of the day its outputs were built."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import NOTEBOOK_DIR
from widgets.authoring.rules.breaking import edit_yaml_file
from widgets.core.freshness import TODAY_VARIABLE
from widgets.core.loader import DATA_DIR, course
from widgets.core.model import Course


class RecordedToday:
    """Start each nbval kernel with `KCOURSE_TODAY` set to the day its notebook records.

    The stored outputs were built as of that day (build-notebooks), so a claim falling
    due since changes no output and turns no check red. nbval starts a notebook's
    kernel while setting up its first cell, and the kernel inherits this process's
    environment: the variable is set around that setup only. A plugin, not a conftest
    hook, because a hook here would only see the items under tests/.
    """

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Iterator[None]:
        notebook = getattr(item.parent, "nb", None)
        day = None
        if item.path.suffix == ".ipynb" and notebook:
            # Here, not at the top: nbconvert takes a second to import, for every run.
            from widgets.authoring.notebooks import recorded_today

            day = recorded_today(notebook)
        with pytest.MonkeyPatch.context() as patch:
            if day:
                patch.setenv(TODAY_VARIABLE, day.isoformat())
            return (yield)


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(RecordedToday(), "kcourse-recorded-today")


@pytest.fixture(scope="session")
def the_course() -> Course:
    return course()


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A copy of course_data (and notebooks beside it) that a test may break."""
    shutil.copytree(DATA_DIR, tmp_path / "course_data")
    shutil.copytree(NOTEBOOK_DIR, tmp_path / "notebooks")
    return tmp_path / "course_data"


@pytest.fixture
def edit_yaml() -> Callable[[Path, Callable[[Any], None]], None]:
    """Load a YAML file, let the test change it, write it back."""

    return edit_yaml_file


@pytest.fixture(scope="session")
def voila_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.browser import voila_server

    log = tmp_path_factory.mktemp("voila") / "voila.log"
    with voila_server(NOTEBOOK_DIR, log) as server:
        yield server.url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
