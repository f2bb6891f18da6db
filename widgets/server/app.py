"""The course's Voilà server: `make app`, Docker, and each learner's server on a hub.

It is Voilà with two changes that Voilà's own settings cannot make, because
Voilà applies `Voila.tornado_settings` only after the web application is built:
responses are gzip-compressed (a first visit is mostly JavaScript and CSS; static
files are compressed once, widgets/server/static.py), and the server's root opens
the course home instead of a list of notebook files.
A third lets XSRF checks stay on: the kernel shutdown a closing page sends is
accepted on the page's own origin in place of the token it cannot send.
`voila notebooks` typed by hand serves the same pages without those three (and
there a closed page's kernel waits for the idle cull).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler

from widgets.server.static import with_precompressed

HOME = "voila/render/index.ipynb"


class BeaconShutdownHandler(VoilaShutdownKernelHandler):
    """Voilà's kernel shutdown, which its page sends as a beacon when it closes.

    A beacon cannot set the XSRF header, and the `_xsrf` field it sends instead copies a
    cookie Voilà's page never sets (Voilà issue 1458). A browser names the page's origin
    on every POST, so a beacon from one of this server's pages passes on that; any other
    request (another origin, or none named) still needs the token.
    """

    def check_xsrf_cookie(self) -> None:
        if not self.sent_by_a_course_page():
            super().check_xsrf_cookie()

    def sent_by_a_course_page(self) -> bool:
        """Origin against Host, as Jupyter's check_origin compares them, but without asking
        who the user is: a hub checks the token while it is still finding that out."""
        origin = self.request.headers.get("Origin")
        host = self.request.headers.get("Host")
        return bool(origin and host) and urlparse(origin.lower()).netloc == host


def with_beacon_shutdown(route: tuple[Any, ...]) -> tuple[Any, ...]:
    """The route, served by BeaconShutdownHandler if Voilà serves it by its shutdown."""
    pattern, handler, *rest = route
    if handler is VoilaShutdownKernelHandler:
        handler = BeaconShutdownHandler
    return (pattern, handler, *rest)


class CourseVoila(Voila):
    """Voilà with compressed responses, the course home at its root, and XSRF checks."""

    def init_settings(self) -> dict[str, Any]:
        settings: dict[str, Any] = super().init_settings()
        settings["compress_response"] = True
        return settings

    def init_handlers(self) -> list[tuple[Any, ...]]:
        home = url_path_join(self.base_url, HOME)
        root = (url_path_join(self.server_url, "/?"), RedirectHandler, {"url": home})
        routes = (with_precompressed(with_beacon_shutdown(r)) for r in super().init_handlers())
        return [root, *routes]


main = CourseVoila.launch_instance
