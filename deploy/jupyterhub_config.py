"""JupyterHub for a class on one machine: `make hub` (docs/deploy.md, "JupyterHub").

- Sign-in: FirstUseAuthenticator. The instructor lists the class (a file named by
  KCOURSE_CLASS_LIST, one name per line, or "Add users" on /hub/admin); each learner
  signs in with their name and sets their own password the first time. No e-mail,
  no outside identity service. A school with its own sign-in (LTI from the learning
  platform, or OAuth) swaps these lines.
- Each learner's server is the course's Voilà behind the hub's sign-in
  (widgets/server/hub.py): the course pages only, no JupyterLab, no terminals, and
  kernels that run no code sent from the browser. It opens on the course home.
- Idle servers are stopped by jupyterhub-idle-culler, run by the hub as a service.
- The hub, its proxy and every learner's server listen on 127.0.0.1 only. Put a TLS
  proxy (nginx, Caddy) in front to open it to a class.

Settings that change per run come from the environment: KCOURSE_HUB_STATE (the
folder for the hub's database, cookie secret and learners' home folders; default
.hub/ in the course folder), KCOURSE_HUB_PORT (default 8000), KCOURSE_INSTRUCTOR
(the admin's user name; default "instructor"), KCOURSE_CLASS_LIST and KCOURSE_HUB_CULL_AFTER
(seconds without activity before a learner's server is stopped; default 3600).
The hub also uses the two ports after KCOURSE_HUB_PORT.
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
# The hub's own API and the proxy's API on the next two ports, so that two hubs
# (a developer's and the tests') can run side by side.
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
# The hub's pages, with the one change in deploy/hub/templates/page.html: they wait for
# their scripts however busy the hub is, instead of giving up after 7 s.
c.JupyterHub.template_paths = [str(COURSE / "deploy" / "hub" / "templates")]
# Straight to the "server starting" page, which shows progress, rather than holding the
# sign-in request for up to 10 s first.
c.JupyterHub.tornado_settings.update({"slow_spawn_timeout": 0})
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

# Each learner's server: the course in Voilà, started as the hub's own account.
# (SimpleLocalProcessSpawner: one machine, no system account per learner. Learners
# cannot run code, so they cannot reach each other's files through their server.)
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.cmd = [sys.executable, "-m", "widgets.server.hub"]
# The course's notebooks, with its settings (voila.json: template, allowlist, kernel
# culling); the learner's server turns the warm kernel pool off (widgets/server/hub.py).
c.Spawner.args = [str(COURSE / "notebooks"), f"--Voila.config_file_paths={COURSE}"]
c.Spawner.default_url = "/voila/render/index.ipynb"  # widgets.server.app.HOME
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60

# Stop learners' servers after CULL_AFTER seconds without activity; the next visit
# starts a new one (progress is kept in the learner's browser, not on the server).
# The hub reads activity from the proxy, and the culler checks, a few times per period.
CHECK_EVERY = max(10, min(300, CULL_AFTER // 4))
c.JupyterHub.last_activity_interval = CHECK_EVERY
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={CULL_AFTER}",
            f"--cull-every={CHECK_EVERY}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
