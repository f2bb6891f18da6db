"""A learner's JupyterLab (`make lab`): the course's pages open read-only.

Opening a page in JupyterLab changes it at once (the kernel writes its exact Python
version into the metadata), and autosave then rewrote the committed file; running
the cells changes the stored outputs too. So the course's own pages, the notebooks
`build-notebooks` made (their metadata records it, with the page's file name), are
served as not writable: JupyterLab then neither autosaves them nor lets "Save"
overwrite them, and offers "Save As" for a copy of one's own. A copy, under another
name, is the learner's notebook and stays writable. Deleting or renaming a page (or
a folder holding one) and restoring an old checkpoint over one are refused the same
way. An author edits the pages in a plain `jupyter lab`, which this does not change.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path, PurePosixPath
from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupyterlab.labapp import LabApp
from tornado.web import HTTPError

# The metadata build-notebooks records in each page it builds, with the page's own file
# name (widgets/authoring/notebooks.py RECORD; this layer imports no course code).
COURSE_PAGE_RECORD = "kcourse"
READ_ONLY = (
    "{path} is a page of the course and opens read-only, so the course stays as it was "
    "made. To keep your own copy, use File > Save Notebook As."
)


def is_course_page(content: Any, path: str) -> bool:
    """A notebook's content (JSON) that build-notebooks made for the file at `path`.

    By name as well as by record: a copy (Save As, an upload, a duplicate) keeps the
    record but has another name, so it is the learner's own and stays writable.
    """
    metadata = content.get("metadata") if isinstance(content, dict) else None
    record = metadata.get(COURSE_PAGE_RECORD) if isinstance(metadata, dict) else None
    return isinstance(record, dict) and record.get("page") == PurePosixPath(path).name


@functools.lru_cache(maxsize=256)
def _page_file(os_path: str, path: str, _changed: tuple[int, int]) -> bool:
    """Whether a file is a course page, read once per version of it (the file browser
    asks for every notebook of a folder on each refresh)."""
    try:
        with open(os_path, encoding="utf-8") as file:
            return is_course_page(json.load(file), path)
    except (OSError, ValueError):
        return False


class CoursePagesReadOnly(AsyncLargeFileManager):
    """Jupyter's usual file manager, with the course's pages not writable."""

    async def get(
        self,
        path: str,
        content: bool = True,
        type: str | None = None,  # (Jupyter's own parameter names)
        format: str | None = None,
        require_hash: bool = False,
    ) -> dict[str, Any]:
        model: dict[str, Any] = await super().get(
            path, content=content, type=type, format=format, require_hash=require_hash
        )
        if self._is_page(path):  # opened as a notebook, or as text in the editor
            model["writable"] = False
        return model

    def _is_page(self, path: str) -> bool:
        """Whether the file at `path` is a course page (a missing or odd file is not)."""
        if not path.endswith(".ipynb"):
            return False
        try:
            os_path = self._get_os_path(path)
            status = os.stat(os_path)
        except (OSError, HTTPError):
            return False
        return _page_file(os_path, path, (status.st_mtime_ns, status.st_size))

    def _holds_a_page(self, path: str) -> bool:
        """A page, or a folder with a page anywhere inside it."""
        try:
            os_path = Path(self._get_os_path(path))
        except HTTPError:
            return False
        if not os_path.is_dir():
            return self._is_page(path)
        root = Path(self._get_os_path(""))
        return any(
            self._is_page(str(found.relative_to(root).as_posix()))
            for found in os_path.rglob("*.ipynb")
        )

    def _refuse_a_page(self, path: str) -> None:
        if self._holds_a_page(path):
            raise HTTPError(403, READ_ONLY.format(path=path))

    async def save(self, model: dict[str, Any], path: str = "") -> dict[str, Any]:
        self._refuse_a_page(path)
        saved: dict[str, Any] = await super().save(model, path)
        return saved

    async def delete_file(self, path: str) -> None:
        self._refuse_a_page(path)
        await super().delete_file(path)

    async def rename_file(self, old_path: str, new_path: str) -> None:
        self._refuse_a_page(old_path)
        await super().rename_file(old_path, new_path)

    async def restore_checkpoint(self, checkpoint_id: str, path: str) -> None:
        self._refuse_a_page(path)
        await super().restore_checkpoint(checkpoint_id, path)


# Settings, not a subclass: JupyterLab loads itself as a server extension by its own
# module's name. The news feed and the update check would reach beyond 127.0.0.1.
SETTINGS = (
    "--ServerApp.contents_manager_class=widgets.server.lab.CoursePagesReadOnly",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
)


def main() -> None:
    """JupyterLab with the course's pages read-only and nothing fetched from outside."""
    LabApp.launch_instance([*SETTINGS, *sys.argv[1:]])


if __name__ == "__main__":
    main()
