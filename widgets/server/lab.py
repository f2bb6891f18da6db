"""A learner's JupyterLab (`make lab`): the course's pages open read-only.

Opening a page in JupyterLab changes it at once (the kernel writes its exact Python
version into the metadata), and autosave then rewrote the committed file; running
the cells changes the stored outputs too. So the course's own pages, the notebooks
`build-notebooks` made (they carry its record in their metadata), are served as not
writable: JupyterLab then neither autosaves them nor lets "Save" overwrite them, and
offers "Save As" for a copy of one's own. A copy is a learner's notebook, not a
course page: it is saved without the record, and stays writable. Deleting or
renaming a page is refused the same way. An author edits the pages in a plain
`jupyter lab`, which this does not change.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupyterlab.labapp import LabApp
from tornado.web import HTTPError

# The metadata key build-notebooks records in each page it builds
# (widgets/authoring/notebooks.py RECORD; this layer imports no course code).
COURSE_PAGE_RECORD = "kcourse"
READ_ONLY = (
    "{path} is a page of the course and opens read-only, so the course stays as it was "
    "made. To keep your own copy, use File > Save Notebook As."
)


def is_course_page(content: Any) -> bool:
    """A notebook's content (JSON) that build-notebooks made."""
    metadata = content.get("metadata") if isinstance(content, dict) else None
    return isinstance(metadata, dict) and COURSE_PAGE_RECORD in metadata


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
        if model["type"] == "notebook" and (
            is_course_page(model["content"]) if content else self._page_on_disk(path)
        ):
            model["writable"] = False
        return model

    def _page_on_disk(self, path: str) -> bool:
        """Whether the file at `path` is a course page (a missing or odd file is not)."""
        try:
            with open(self._get_os_path(path), encoding="utf-8") as file:
                return is_course_page(json.load(file))
        except (OSError, ValueError, HTTPError):
            return False

    def _refuse_a_page(self, path: str) -> None:
        if path.endswith(".ipynb") and self._page_on_disk(path):
            raise HTTPError(403, READ_ONLY.format(path=path))

    async def save(self, model: dict[str, Any], path: str = "") -> dict[str, Any]:
        self._refuse_a_page(path)
        if model.get("type") == "notebook" and is_course_page(model.get("content")):
            del model["content"]["metadata"][COURSE_PAGE_RECORD]  # a copy is the learner's own
        saved: dict[str, Any] = await super().save(model, path)
        return saved

    async def delete_file(self, path: str) -> None:
        self._refuse_a_page(path)
        await super().delete_file(path)

    async def rename_file(self, old_path: str, new_path: str) -> None:
        self._refuse_a_page(old_path)
        await super().rename_file(old_path, new_path)


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
