"""JupyterHub for a class on one machine: `make hub` (docs/deploy.md, "JupyterHub").

- Sign-in: FirstUseAuthenticator. The instructor lists the class (a file named by
  KCOURSE_CLASS_LIST, one name per line, or "Add users" on /hub/admin); each learner
  signs in with their name and sets their own password the first time. No e-mail,
  no outside identity service. A school with its own sign-in (LTI from the learning
  platform, or OAuth) swaps these lines.
- The course is one Voilà for the whole class, a service the hub starts and signs
  learners in to (widgets/server/hub.py): the course pages only, no JupyterLab, no
  terminals, and kernels that run no code sent from the browser, each one reachable
  by its own learner only. Learners have no servers of their own. After sign-in a
  learner is on the course home.
- The hub, its proxy and the course listen on 127.0.0.1 only. Put a TLS proxy
  (nginx, Caddy) in front to open it to a class.

Settings that change per run come from the environment: KCOURSE_HUB_STATE (the
folder for the hub's database, cookie secret and passwords; default
.hub/ in the course folder), KCOURSE_HUB_PORT (default 8000), KCOURSE_INSTRUCTOR
(the admin's user name; default "instructor"), KCOURSE_CLASS_LIST and KCOURSE_HUB_CULL_AFTER
(seconds without activity before an open page's kernel is stopped; default 3600).
The hub also uses the three ports after KCOURSE_HUB_PORT.
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub defines get_config when it loads this file)

COURSE = Path(__file__).resolve().parent.parent
STATE = Path(os.environ.get("KCOURSE_HUB_STATE", COURSE / ".hub")).resolve()
STATE.mkdir(parents=True, exist_ok=True)
CULL_AFTER = int(os.environ.get("KCOURSE_HUB_CULL_AFTER", "3600"))

# Where the hub listens, and what it keeps.
c.JupyterHub.ip = "127.0.0.1"
PORT = int(os.environ.get("KCOURSE_HUB_PORT", "8000"))
c.JupyterHub.port = PORT
# The hub's own API, the proxy's API and the course on the next three ports, so that
# two hubs (a developer's and the tests') can run side by side.
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
# The proxy from deploy/hub/package.json, installed by `make hub` (npm ci).
c.ConfigurableHTTPProxy.command = [
    str(COURSE / "deploy" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy")
]

# Sign-in: the class list, and a password each learner sets at first sign-in.
c.JupyterHub.authenticator_class = "firstuseauthenticator.FirstUseAuthenticator"
c.FirstUseAuthenticator.dbm_path = str(STATE / "passwords.dbm")
c.FirstUseAuthenticator.create_users = False  # only names the instructor added
c.FirstUseAuthenticator.min_password_length = 10
c.Authenticator.admin_users = {os.environ.get("KCOURSE_INSTRUCTOR", "instructor")}
# Shown above the sign-in form: how the first sign-in works, and where to get help now
# (the course's crisis panel is only on the course pages, after sign-in).
c.JupyterHub.template_vars = {
    "announcement_login": (
        "First time here? Type the name your instructor gave you and choose a password "
        "(at least 10 characters). Need help now? In the US, call or text 988; in an "
        "emergency, call 911; outside the US, call your local emergency number."
    )
}
if os.environ.get("KCOURSE_CLASS_LIST"):
    names = Path(os.environ["KCOURSE_CLASS_LIST"]).read_text(encoding="utf-8").split()
    c.Authenticator.allowed_users = set(names)

# The course: one Voilà for the whole class, which the hub starts as its service
# "course" and signs learners in to (widgets/server/hub.py). Every page visit gets a
# kernel of its own, which no other learner can reach; there are no servers per
# learner. A kernel whose page shows no activity for CULL_AFTER seconds is stopped
# (as a learner's server was), and a closed page's kernel at once.
SERVICE = "/services/course/"
CULL_EVERY = max(10, min(30, CULL_AFTER // 4))  # seconds between looks (voila.json: 30)
c.JupyterHub.services = [
    {
        "name": "course",
        "url": f"http://127.0.0.1:{PORT + 3}",
        "command": [
            sys.executable,
            "-m",
            "widgets.server.hub",
            str(COURSE / "notebooks"),
            f"--Voila.config_file_paths={COURSE}",
            f"--MappingKernelManager.cull_idle_timeout={CULL_AFTER}",
            "--MappingKernelManager.cull_connected=True",
            f"--MappingKernelManager.cull_interval={CULL_EVERY}",
        ],
        "cwd": str(COURSE),
        "oauth_no_confirm": True,  # the course is the hub's own; no "authorize" page
    }
]
# A learner may use the course service and nothing else of the hub: no server of
# their own, no API tokens (the default "user" role, "self", would let them start a
# server). Their name and groups are what the course's sign-in reads about them.
LEARNER_SCOPES = ["read:users:name!user", "read:users:groups!user"]
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": [*LEARNER_SCOPES, "access:services!service=course"]}
]
c.JupyterHub.default_url = SERVICE + "voila/render/index.ipynb"  # widgets.server.app.HOME
