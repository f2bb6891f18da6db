"""A browser tab for widget tests: its localStorage, and what static/progress.js does
with each progress store's messages, so a test can follow a save to the browser."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import ipywidgets as widgets

from widgets.views.progress import ProgressStore


def merge_items(stored: Any, changed: dict[str, Any], depth: int) -> dict[str, Any]:
    """progress.js's mergeItems: the changed items replace stored ones, `depth` levels down
    (a flag beside the items, not an object, is an item). Written again here, not
    imported: the stand-in must not agree with the kernel by sharing its code."""
    merged = dict(stored) if isinstance(stored, dict) else {}
    for name, value in changed.items():
        deeper = depth > 1 and isinstance(value, dict)
        merged[name] = merge_items(merged.get(name), value, depth - 1) if deeper else value
    return merged


class FakeBrowser:
    """One tab. Like the widget manager, it sets up each store model once, whatever shows
    it; `catch_up` does that for the stores made since the last call, as the browser does
    once a cell has run (it reports what is stored, then says it is ready)."""

    def __init__(self) -> None:
        self.storage: dict[str, str] = {}
        self.messages: list[dict[str, Any]] = []  # from the kernel, in order
        self._seen = set(widgets.widget._instances)  # models from before the tab opened

    def catch_up(self) -> list[ProgressStore]:
        opened = []
        for model_id, widget in list(widgets.widget._instances.items()):
            if model_id not in self._seen:
                self._seen.add(model_id)
                if isinstance(widget, ProgressStore):
                    self.open(widget)
                    opened.append(widget)
        return opened

    def stored(self, store: ProgressStore) -> dict[str, Any]:
        """The document in this tab's storage under the store's key."""
        return json.loads(self.storage[store.storage_key])

    def open(self, store: ProgressStore) -> None:
        """Set up the store's browser side: take its messages, report what is stored, say
        ready."""
        store.send = lambda content, buffers=None: self._handle(store, content)
        store.loaded = self.storage.get(store.storage_key, "")
        store.receive({"kind": "ready", "today": date.today().isoformat()})

    def _handle(self, store: ProgressStore, message: dict[str, Any]) -> None:
        self.messages.append(message)
        key = store.storage_key
        if message["kind"] == "replace":
            self.storage[key] = message["text"]
            return
        empty = {"course": store.course_id, "version": store.course_version, "sections": {}}
        doc = json.loads(self.storage[key]) if key in self.storage else empty
        if message["kind"] == "save":
            section = message["section"]
            doc["sections"][section] = merge_items(
                doc["sections"].get(section), message["data"], message["depth"]
            )
        elif message["kind"] == "save-top":
            doc[message["key"]] = merge_items(
                doc.get(message["key"]), message["data"], message["depth"]
            )
        self.storage[key] = json.dumps(doc)
