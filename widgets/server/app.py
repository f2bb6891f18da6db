"""The course's Voilà server: `make app`, Docker, and each learner's server on a hub.

It is Voilà with two changes that Voilà's own settings cannot make, because
Voilà applies `Voila.tornado_settings` only after the web application is built:
responses are gzip-compressed (a first visit is mostly JavaScript and CSS), and
the server's root opens the course home instead of a list of notebook files.
`voila notebooks` typed by hand serves the same pages without those.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from voila.app import Voila

HOME = "voila/render/index.ipynb"


class CourseVoila(Voila):
    """Voilà with compressed responses and the course home at its root."""

    def init_settings(self) -> dict[str, Any]:
        settings: dict[str, Any] = super().init_settings()
        settings["compress_response"] = True
        return settings

    def init_handlers(self) -> list[tuple[Any, ...]]:
        home = url_path_join(self.base_url, HOME)
        root = (url_path_join(self.server_url, "/?"), RedirectHandler, {"url": home})
        return [root, *super().init_handlers()]


main = CourseVoila.launch_instance
