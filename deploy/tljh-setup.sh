#!/usr/bin/env bash
# Serve the course on The Littlest JupyterHub (TLJH): everyone who logs in lands
# on the course home in Voilà. See docs/deploy.md.
#
# On the TLJH server, as an admin:
#   1. Put a copy of the course in a folder every user can read, for example
#        sudo git clone <the course repository> /srv/ketamine-course
#   2. Run this script from that copy:
#        sudo bash /srv/ketamine-course/deploy/tljh-setup.sh
#   3. Ask users with a running server to stop and start it (Control Panel).
# Run it again after you update the course files. It only touches the files it names.
set -euo pipefail

COURSE_DIR="$(cd "$(dirname "$0")/.." && pwd)"  # the course copy this script is in
TLJH="${TLJH_INSTALL_PREFIX:-/opt/tljh}"          # where TLJH is installed
USER_ENV="$TLJH/user"                             # TLJH's user environment
HUB_CONFIG="$TLJH/config/jupyterhub_config.d/ketamine-course.py"
TLJH_CONFIG="$TLJH/hub/bin/tljh-config"

fail() { echo "tljh-setup: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run me with sudo."
[ -x "$USER_ENV/bin/python" ] || fail "no TLJH user environment in $USER_ENV."
[ -f "$COURSE_DIR/course_data/course.yaml" ] || fail "$COURSE_DIR is not the course folder."

# The course needs Python 3.11 or newer in the user environment.
"$USER_ENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || fail "the user environment has Python $("$USER_ENV/bin/python" -V 2>&1); the course needs 3.11+.
  Upgrade it first (TLJH docs: 'Upgrade to a newer Python version')."

# 1. Users' servers run as their own accounts: they must be able to read the course.
chmod -R a+rX "$COURSE_DIR"
runuser -u nobody -- test -r "$COURSE_DIR/course_data/course.yaml" \
  || fail "$COURSE_DIR is not readable by other users (is it inside a private home folder?)."

# 2. Install the course into the user environment with the pip steps of `make setup`
#    (editable: after you update the course folder, new kernels use it without a reinstall).
#    The install also puts the course's Voilà page template where Voilà looks.
"$USER_ENV/bin/python" -m pip install --quiet --upgrade pip
"$USER_ENV/bin/python" -m pip install --quiet -e "$COURSE_DIR"

# 3. Hub settings: every user's server is the course's Voilà behind the hub's sign-in
#    (widgets/server/hub.py, as with `make hub`): the course pages only, no JupyterLab,
#    no terminals, no code. It reads the course's voila.json and opens the course home.
#    (Loaded after tljh-config's settings, so this wins.)
mkdir -p "$(dirname "$HUB_CONFIG")"
cat > "$HUB_CONFIG" <<EOF
# Written by $COURSE_DIR/deploy/tljh-setup.sh; run it again rather than editing this.
c.Spawner.cmd = ["$USER_ENV/bin/python", "-m", "widgets.server.hub"]
c.Spawner.args = ["$COURSE_DIR/notebooks", "--Voila.config_file_paths=$COURSE_DIR"]
c.Spawner.default_url = "/voila/render/index.ipynb"
# The hub's pages wait for their scripts however busy the hub is, and a learner goes
# straight to the "server starting" page (deploy/hub/templates/page.html, docs/deploy.md).
c.JupyterHub.template_paths = ["$COURSE_DIR/deploy/hub/templates"]
c.JupyterHub.tornado_settings.update({"slow_spawn_timeout": 0})
EOF
chmod 644 "$HUB_CONFIG"

# 4. The learners' servers need jupyterhub itself (for the sign-in), at the hub's version.
HUB_VERSION="$("$TLJH/hub/bin/python" -c 'import jupyterhub; print(jupyterhub.__version__)')"
"$USER_ENV/bin/python" -m pip install --quiet "jupyterhub==$HUB_VERSION"

# 5. Restart the hub with the new settings (running user servers keep going).
"$TLJH_CONFIG" reload hub

echo "Done. New user servers open the course at /voila/render/index.ipynb."
echo "Suggested memory limit per user:  sudo tljh-config set limits.memory 1G && sudo tljh-config reload"
