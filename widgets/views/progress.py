"""Progress in the learner's browser: an anywidget bridge to localStorage.

The kernel holds the answers while the page is open; this widget writes them
to the browser, reads them back after a reload, and checks imported files.
Nothing is written on the server. Each page makes its own store
(views/section.py) and hands it to the parts that save or show progress.

A progress document is JSON from the browser or a learner's file (its shape is
course_data/schema/progress.schema.json, checked by core/progress_doc.py), so here
and in the views that save or show progress it is a plain dict.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

from widgets.core.model import Course
from widgets.core.progress_doc import (
    MAX_BYTES,
    SECTION_DEPTH,
    TOP_DEPTH,
    ProgressError,
    empty_progress,
    merge_import,
    merge_items,
    merge_unsent,
    parse_progress,
    undated_days,
)
from widgets.views.assets import module_source
from widgets.views.kit import text

Listener = Callable[[dict[str, Any]], None]


LOADING_NOTE = (
    "The progress tools are loading. Until they appear, answers on this page are kept "
    "here but not yet saved in your browser. If they do not appear, reload the page."
)


def changed_items(stored: Any, new: dict[str, Any], depth: int) -> dict[str, Any]:
    """The items of `new` that differ from `stored`, `depth` levels down.

    A store sends only these: a page can hold two stores for one course (its first
    cell was run again), and an older copy of an item must not overwrite a newer one.
    """
    stored = stored if isinstance(stored, dict) else {}
    changed: dict[str, Any] = {}
    for name, value in new.items():
        if depth > 1 and isinstance(value, dict):  # (a flag beside the items is an item)
            inner = changed_items(stored.get(name), value, depth - 1)
            if inner:
                changed[name] = inner
        elif stored.get(name) != value:
            changed[name] = value
    return changed


def storage_key(course: Course) -> str:
    """The browser's key for this course's progress. On a hub the page's script adds
    the signed-in learner's name to it (progress.js, `storageKey`)."""
    return f"{course.id}:progress"


class ProgressStore(anywidget.AnyWidget):
    """A page's writer to the browser's storage.

    Saves made before the browser side is set up (it says "ready") are held and
    sent then: a message sent earlier would find no listener and be lost. Each
    save sends only the items it changes, which the browser merges into what it
    has stored.
    """

    _esm = module_source("progress.js")

    storage_key = traitlets.Unicode(help="localStorage key of this course's progress").tag(
        sync=True
    )
    course_id = traitlets.Unicode(help="Course id written into exported files").tag(sync=True)
    course_version = traitlets.Int(help="Course version written into exported files").tag(sync=True)
    max_bytes = traitlets.Int(MAX_BYTES, help="Largest progress file accepted").tag(sync=True)
    loaded = traitlets.Unicode("", help="What the browser had stored when the page opened").tag(
        sync=True
    )
    status = traitlets.Unicode("", help="Message to the learner about saving or importing").tag(
        sync=True
    )
    can_undo = traitlets.Bool(False, help="A file was loaded and can be taken back").tag(sync=True)

    def __init__(self, course: Course, **kwargs: Any):
        super().__init__(
            storage_key=storage_key(course),
            course_id=course.id,
            course_version=course.version,
            **kwargs,
        )
        self.course = course
        self.browser_ready = False
        self.document = empty_progress(course)
        self.today = date.today()  # the browser's date once it is ready (the learner's day)
        self.page_url = ""  # the page's address in the browser, once it is ready
        self._unsent_top: dict[str, Any] = {}
        self._before_import: dict[str, Any] | None = None
        # Its own layout, not the shared one: it is hidden once the tools have loaded.
        self.notice = text(f'<p class="kc-status">{LOADING_NOTE}</p>', layout=widgets.Layout())
        self._unsent: dict[str, dict[str, Any]] = {}
        self._listeners: list[Listener] = []
        self._update_listeners: list[Listener] = []
        self.observe(self._on_loaded, names="loaded")
        self.on_msg(lambda _widget, content, _buffers: self.receive(content))

    def __repr__(self) -> str:
        return f"ProgressStore(storage_key={self.storage_key!r})"

    def on_document(self, listener: Listener) -> None:
        """Call listener with the whole document whenever it is loaded or imported."""
        self._listeners.append(listener)

    def on_update(self, listener: Listener) -> None:
        """Call listener with the document after every load, import or save."""
        self._update_listeners.append(listener)

    def tools(self) -> list[widgets.Widget]:
        """Its loading notice and itself (the download and load buttons), for the one
        part of the page that shows them."""
        return [self.notice, self]

    def save_parts(self, section_id: str, parts: dict[str, Any]) -> None:
        """Keep these parts of the section's entry (a quiz's questions and reflections,
        say) beside its others (its exercises), and send the changed items."""
        self._keep_parts(section_id, parts)
        self._tell(self._update_listeners)

    def save_top(self, key: str, data: dict[str, Any]) -> None:
        """Keep a part of the document beside the sections ("review": the deck's
        reviews, "prepost": the before-and-after answers) in the browser."""
        self._keep_top(key, data)
        self._tell(self._update_listeners)

    def _keep_parts(self, section_id: str, parts: dict[str, Any]) -> None:
        sections = self.document["sections"]
        changed = changed_items(sections.get(section_id), parts, SECTION_DEPTH)
        if changed:
            sections[section_id] = merge_items(sections.get(section_id), changed, SECTION_DEPTH)
            if self.browser_ready:
                self._send_save(section_id, changed)
            else:
                unsent = self._unsent.get(section_id)
                self._unsent[section_id] = merge_items(unsent, changed, SECTION_DEPTH)

    def _keep_top(self, key: str, data: dict[str, Any]) -> None:
        depth = TOP_DEPTH[key]
        changed = changed_items(self.document.get(key), data, depth)
        if changed:
            self.document[key] = merge_items(self.document.get(key), changed, depth)
            if self.browser_ready:
                self._send_save_top(key, changed)
            else:
                self._unsent_top[key] = merge_items(self._unsent_top.get(key), changed, depth)

    def _every_listener(self) -> list[Listener]:
        """Those told of a whole new document as well as those told of every save."""
        return [*self._listeners, *self._update_listeners]

    def _tell(self, listeners: list[Listener]) -> None:
        for listener in listeners:
            listener(self.document)

    def _send_save(self, section_id: str, changed: dict[str, Any]) -> None:
        self.send({"kind": "save", "section": section_id, "data": changed, "depth": SECTION_DEPTH})

    def _send_save_top(self, key: str, changed: dict[str, Any]) -> None:
        self.send({"kind": "save-top", "key": key, "data": changed, "depth": TOP_DEPTH[key]})

    def download(self, filename: str, text: str) -> None:
        """Have the browser save a file the kernel wrote (nothing is kept on the server)."""
        self.send({"kind": "download", "filename": filename, "text": text})

    def _publish(self) -> None:
        """Hand a loaded or imported document to every part of the page, dated first."""
        if self.browser_ready:
            self._give_days()
        self._tell(self._every_listener())

    def _give_days(self) -> bool:
        """Give what was saved before days were kept its day, once, before any part of
        the page sees it: a quiz's next save carries the day on (core/progress_doc.py's
        undated_days). Needs the learner's day, so the browser must be ready."""
        given = undated_days(self.document, self.course, self.today)
        for section_id, parts in given.sections.items():
            self._keep_parts(section_id, parts)
        if given.prepost:
            self._keep_top("prepost", given.prepost)
        return bool(given)

    def _on_loaded(self, change: dict[str, Any]) -> None:
        if not change["new"]:
            return
        try:
            document = parse_progress(change["new"], self.course, strict=False)
        except ProgressError as error:
            self.status = (
                f"Your saved progress could not be read ({error}). Starting fresh; "
                "the unreadable copy is kept in this browser."
            )
            return
        # Answers given before it arrived join the stored ones item by item; once the
        # browser listens they are sent, and it merges them the same way.
        merge_unsent(document, self._unsent, self._unsent_top)
        self.document = document
        self._publish()

    def _on_ready(self, today: Any) -> None:
        """The browser side listens now: send what was saved before, drop the notice.

        It also says what day it is where the learner is, for the review deck.
        """
        self.browser_ready = True
        with contextlib.suppress(TypeError, ValueError):
            self.today = date.fromisoformat(today)
        self.notice.value = ""
        self.notice.layout.display = "none"
        for section_id, changed in self._unsent.items():
            self._send_save(section_id, changed)
        self._unsent.clear()
        for key, changed in self._unsent_top.items():
            self._send_save_top(key, changed)
        self._unsent_top.clear()
        # The day may have changed, and days given change what each part shows.
        self._tell(self._every_listener() if self._give_days() else self._update_listeners)

    def receive(self, content: Any) -> None:
        """A message from the browser side: it is ready, the learner loaded a file, or
        they took the loading back."""
        kind = content.get("kind") if isinstance(content, dict) else None
        if kind == "ready":
            page = content.get("page")
            if isinstance(page, str) and page.startswith(("http://", "https://")):
                self.page_url = page[:2000]
            self._on_ready(content.get("today"))
        elif kind == "import":
            self._import(content.get("text"))
        elif kind == "undo" and self._before_import is not None:
            self._replace(self._before_import)
            self._before_import, self.can_undo = None, False
            self.status = "Loading undone: this browser's progress is back as it was."

    def _import(self, text: Any) -> None:
        """Join a loaded file with this browser's progress; nothing here is lost."""
        try:
            if not isinstance(text, str):
                raise ProgressError("the file could not be read as text")
            incoming = parse_progress(text, self.course, strict=True)
        except ProgressError as error:
            self.status = f"Could not load that file: {error}. Your progress is unchanged."
            return
        merged, counts = merge_import(self.document, incoming)
        self._before_import, self.can_undo = self.document, True
        self._replace(merged)
        self.status = (
            f"Progress loaded from the file and joined with this browser's: {counts.added} "
            f"answer(s) added, {counts.replaced} replaced by the file's copy, {counts.kept} "
            "kept that only this browser had. Nothing was removed. To go back, choose Undo."
        )

    def _replace(self, document: dict[str, Any]) -> None:
        self.document = document
        self.send({"kind": "replace", "text": json.dumps(document)})
        self._publish()


def progress_bar(label: str) -> tuple[widgets.FloatProgress, widgets.HTML]:
    """A labelled bar and the words beside it (the numbers are never colour-only)."""
    bar = widgets.FloatProgress(
        value=0,
        min=0,
        max=1,
        description=label,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="min(100%, 28em)"),
    )
    return bar, text()
