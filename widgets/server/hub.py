"""The course on a JupyterHub: one Voilà for the whole class, run by the hub as a service.

The hub starts it (deploy/jupyterhub_config.py, the service "course") and signs
learners in to it by OAuth. Learners get no server of their own: a class costs the
hub, this one server and a kernel per open page, and a learner's first page needs
no server start. It serves Voilà's pages and nothing else (no JupyterLab, no
terminals, no contents API), and its kernels accept widget messages, never code.

Every page visit gets its own kernel, as with `make app`. A kernel is the learner's
whose page was given it: no other learner may connect to it, shut it down or ask
about it. The answer key in course_data/ stays on the server.
"""

from __future__ import annotations

import os
from typing import Any, Protocol
from urllib.parse import quote, urlparse

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.handlers import KernelHandler
from jupyter_server.utils import url_path_join
from jupyterhub.singleuser.extension import JupyterHubAuthorizer, JupyterHubIdentityProvider
from tornado.web import HTTPError
from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from widgets.server.app import BeaconShutdownHandler, CourseVoila

# The cookie that names the signed-in learner to the page's scripts: a classroom
# computer's browser has one localStorage for every learner's pages, so progress.js
# keeps each learner's progress under their own key.
LEARNER_COOKIE = "kcourse-learner"


class HubIdentityProvider(JupyterHubIdentityProvider):
    """The hub's OAuth sign-in, with its handlers under the service's URL prefix.

    Jupyter Server adds its base URL to an identity provider's handlers; Voilà does not.
    """

    def get_handlers(self) -> list[tuple[Any, ...]]:
        prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
        return [(url_path_join(prefix, path), *rest) for path, *rest in super().get_handlers()]


def learner_name(handler: JupyterHandler) -> str | None:
    """The hub name of the signed-in learner, or None before sign-in."""
    user = handler.current_user
    return user.username if user else None


class VoilaKernels(Protocol):
    """Voilà's kernel manager made of CourseKernelManager (voila_kernel_manager_factory):
    the two ways it gives a page a kernel, and whose each one is."""

    owners: dict[str, str]

    async def get_rendered_notebook(self, *args: Any, **kwargs: Any) -> tuple[Any, Any, str]: ...

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str: ...


class HandingOut:
    """The kernel manager as one page request sees it: the kernel it hands out, warm
    from the pool or newly started, is recorded as this learner's before the page
    that names it is sent. (The pool's refill is started by the manager itself, so
    kernels waiting in the pool belong to no one.)"""

    def __init__(self, manager: VoilaKernels, learner: str):
        self.manager = manager
        self.learner = learner

    async def get_rendered_notebook(self, *args: Any, **kwargs: Any) -> Any:
        render_task, rendered, kernel_id = await self.manager.get_rendered_notebook(*args, **kwargs)
        self.manager.owners[kernel_id] = self.learner
        return render_task, rendered, kernel_id

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        kernel_id: str = await self.manager.start_kernel(*args, **kwargs)
        self.manager.owners[kernel_id] = self.learner
        return kernel_id

    def __getattr__(self, name: str) -> Any:
        return getattr(self.manager, name)


class LearnerPageHandler(TornadoVoilaHandler):
    """A course page: its kernel is the signed-in learner's, and the learner's name
    goes to the page's scripts in LEARNER_COOKIE."""

    async def prepare(self, **kwargs: Any) -> None:
        await super().prepare(**kwargs)
        name = learner_name(self)
        if name and not self._finished:
            secure = self.request.protocol == "https"
            self.set_cookie(LEARNER_COOKIE, quote(name, safe=""), path=self.base_url, secure=secure)

    @property
    def kernel_manager(self) -> Any:
        name = learner_name(self)
        manager = self.settings["kernel_manager"]
        return HandingOut(manager, name) if name else manager


class OwnKernelOnly(JupyterHandler):
    """Refuses a kernel's route to anyone but the learner it was handed to.

    404, as for a kernel that does not exist, so another learner's kernel id is not
    even confirmed. Mixed in before the route's own handler.
    """

    async def prepare(self, **kwargs: Any) -> None:
        await super().prepare(**kwargs)
        if self._finished:  # sent to sign in
            return
        kernel_id = self.path_kwargs.get("kernel_id") or self.path_args[0]
        owner = self.settings["kernel_manager"].owners.get(kernel_id)
        if owner is None or owner != learner_name(self):
            raise HTTPError(404)


class OwnKernelHandler(OwnKernelOnly, KernelHandler):
    """A kernel's model and shutdown (`/api/kernels/<id>`), for its learner only."""


class OwnKernelChannels(OwnKernelOnly, VoilaKernelWebsocketHandler):
    """A kernel's messages (`/api/kernels/<id>/channels`), for its learner only."""


class OwnKernelShutdown(OwnKernelOnly, BeaconShutdownHandler):
    """The beacon a closing page sends to shut its kernel down, for its learner only."""


# Voilà's handlers, and what serves their routes on the shared server.
SHARED_HANDLERS: dict[type, type] = {
    TornadoVoilaHandler: LearnerPageHandler,
    KernelHandler: OwnKernelHandler,
    VoilaKernelWebsocketHandler: OwnKernelChannels,
    BeaconShutdownHandler: OwnKernelShutdown,
}
# Voilà's request-info socket answers any caller, signed in or not, with a page's
# address; the course's kernels never ask it, so the shared server does not serve it.
NOT_SERVED = {RequestInfoSocketHandler}


class HubCourseVoila(CourseVoila):
    """The course's Voilà where the hub says: its address, its prefix and its sign-in."""

    def initialize(self, argv: list[str] | None = None) -> None:
        super().initialize(argv)
        here = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
        self.ip, self.port = here.hostname, here.port
        self.base_url = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
        self.auto_token = True  # the hub's token, not one of Voilà's
        self.identity_provider_class = HubIdentityProvider
        self.authorizer_class = JupyterHubAuthorizer
        # The service's token is for the sign-in only: out of the environment, so the
        # kernels, which start with a copy of it, never hold it.
        self.config.HubOAuth.api_token = os.environ.pop("JUPYTERHUB_API_TOKEN")

    def init_handlers(self) -> list[tuple[Any, ...]]:
        routes = []
        for pattern, handler, *rest in super().init_handlers():
            if handler not in NOT_SERVED:
                routes.append((pattern, SHARED_HANDLERS.get(handler, handler), *rest))
        return routes

    def init_settings(self) -> dict[str, Any]:
        """No other site may show the course in a frame."""
        settings = super().init_settings()
        headers = settings.setdefault("headers", {})
        headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        return settings


main = HubCourseVoila.launch_instance

if __name__ == "__main__":
    main()
