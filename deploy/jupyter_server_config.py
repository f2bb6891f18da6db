"""Jupyter Server settings that show the course in Voilà on a JupyterHub user server.

On a hub, Voilà runs inside each user's Jupyter Server (as a server extension),
not as the `voila` command of `make app`, and it does not find the course's
voila.json there. This file applies voila.json's settings to that server.

Installed by deploy/tljh-setup.sh (TLJH) and by the Dockerfile's `singleuser`
target (Zero to JupyterHub).
"""

import importlib.util
import json
import os
from pathlib import Path

c = get_config()  # noqa: F821 (Jupyter defines get_config when it loads this file)


def course_folder() -> Path:
    """KCOURSE_DIR if set, else the folder an editable install of the course points to."""
    if os.environ.get("KCOURSE_DIR"):
        return Path(os.environ["KCOURSE_DIR"])
    spec = importlib.util.find_spec("widgets")
    if spec is None or spec.origin is None:
        raise RuntimeError("the course is not installed here; see docs/deploy.md")
    return Path(spec.origin).resolve().parent.parent


COURSE = course_folder()
SETTINGS = json.loads((COURSE / "voila.json").read_text(encoding="utf-8"))

# The course's page template, no code cells, no tracebacks, the file allowlist.
# (preheat_kernel has no effect in a server extension; Voilà ignores it there.)
for name, value in SETTINGS["VoilaConfiguration"].items():
    setattr(c.VoilaConfiguration, name, value)

# Stop kernels left idle and unconnected for 2 minutes, as `make app` does.
for name, value in SETTINGS["MappingKernelManager"].items():
    setattr(c.MappingKernelManager, name, value)

# The course's notebooks are the server's root, so the course home is
# /voila/render/index.ipynb and section links between notebooks work.
c.ServerApp.root_dir = str(COURSE / "notebooks")

# Open the course home, not JupyterLab. The hub's own setting (TLJH:
# Spawner.default_url; Zero to JupyterHub: singleuser.defaultUrl) says the same.
c.ServerApp.default_url = "/voila/render/index.ipynb"
