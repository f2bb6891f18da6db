"""Test doubles for widgets that talk to a browser, for tests that have none."""

from __future__ import annotations

from typing import Any

from widgets.core.model import Course
from widgets.views.progress import ProgressStore


class RecordingStore(ProgressStore):
    """A progress store that keeps its messages to the browser for the test to read."""

    def __init__(self, course: Course):
        super().__init__(course)
        self.sent: list[Any] = []

    def send(self, content: Any, buffers: Any = None) -> None:
        self.sent.append(content)
