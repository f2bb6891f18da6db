"""Each learner's server on a JupyterHub: the course's Voilà behind the hub's sign-in.

The hub starts this instead of `jupyterhub-singleuser` (deploy/jupyterhub_config.py),
so a learner's server has Voilà's pages and nothing else: no JupyterLab, no
terminals, no file or contents API outside the course notebooks, and kernels
that accept widget messages only, never code. The answer key in course_data/
stays on the server.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlparse

from jupyter_server.base.handlers import APIVersionHandler
from jupyter_server.utils import url_path_join
from jupyterhub import __version__ as jupyterhub_version
from jupyterhub.singleuser.extension import JupyterHubAuthorizer, JupyterHubIdentityProvider

from widgets.server.app import CourseVoila


class HubIdentityProvider(JupyterHubIdentityProvider):
    """The hub's OAuth sign-in, with its handlers under the learner's URL prefix.

    Jupyter Server adds its base URL to an identity provider's handlers; Voilà does not.
    """

    def get_handlers(self) -> list[tuple[Any, ...]]:
        prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
        return [(url_path_join(prefix, path), *rest) for path, *rest in super().get_handlers()]


class HubLearnerVoila(CourseVoila):
    """The course's Voilà where the hub says: its address, its prefix and its sign-in."""

    def initialize(self, argv: list[str] | None = None) -> None:
        super().initialize(argv)
        here = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
        self.ip, self.port = here.hostname, here.port
        self.base_url = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
        self.auto_token = True  # the hub's token, not one of Voilà's
        # No warm kernels: voila.json's pool keeps one per page ready, which for
        # every learner of a class is ten idle kernels each (docs/deploy.md).
        self.voila_configuration.preheat_kernel = False
        self.identity_provider_class = HubIdentityProvider
        self.authorizer_class = JupyterHubAuthorizer

    def init_handlers(self) -> list[tuple[Any, ...]]:
        """Also `<prefix>/api`, the server's version and nothing else, as
        `jupyterhub-singleuser` answers it: the hub asks it whether the server is up."""
        version = (url_path_join(self.base_url, "api"), APIVersionHandler)
        return [version, *super().init_handlers()]

    def init_settings(self) -> dict[str, Any]:
        """The headers `jupyterhub-singleuser` sends: the hub checks the version (and warns
        without it), and no other site may show the course in a frame."""
        settings = super().init_settings()
        headers = settings.setdefault("headers", {})
        headers["X-JupyterHub-Version"] = jupyterhub_version
        headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        return settings


main = HubLearnerVoila.launch_instance

if __name__ == "__main__":
    main()
