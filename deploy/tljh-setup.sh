#!/usr/bin/env bash
# Serve the course on The Littlest JupyterHub (TLJH): everyone who logs in lands
# on the course home, served by one course server for the class. See docs/deploy.md.
#
# On the TLJH server, as an admin:
#   1. Put a copy of the course in a folder every user can read, for example
#        sudo git clone <the course repository> /srv/ketamine-course
#   2. Run this script from that copy:
#        sudo bash /srv/ketamine-course/deploy/tljh-setup.sh
# Run it again after you update the course files. It only touches the files it names
# and the system account the course runs as (kcourse).
set -euo pipefail

COURSE_DIR="$(cd "$(dirname "$0")/.." && pwd)"  # the course copy this script is in
TLJH="${TLJH_INSTALL_PREFIX:-/opt/tljh}"          # where TLJH is installed
USER_ENV="$TLJH/user"                             # TLJH's user environment
HUB_CONFIG="$TLJH/config/jupyterhub_config.d/ketamine-course.py"
COURSE_USER="kcourse"                             # the system account the course runs as
COURSE_PORT="${COURSE_PORT:-10101}"               # where the course listens, on 127.0.0.1
TLJH_CONFIG="$TLJH/hub/bin/tljh-config"

fail() { echo "tljh-setup: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run me with sudo."
[ -x "$USER_ENV/bin/python" ] || fail "no TLJH user environment in $USER_ENV."
[ -f "$COURSE_DIR/course_data/course.yaml" ] || fail "$COURSE_DIR is not the course folder."

# The course needs Python 3.11 or newer in the user environment.
"$USER_ENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || fail "the user environment has Python $("$USER_ENV/bin/python" -V 2>&1); the course needs 3.11+.
  Upgrade it first (TLJH docs: 'Upgrade to a newer Python version')."

# 1. The course runs as its own system account, which must be able to read it.
id -u "$COURSE_USER" >/dev/null 2>&1 \
  || useradd --system --create-home --home-dir "/var/lib/$COURSE_USER" \
       --shell /usr/sbin/nologin "$COURSE_USER"
chmod -R a+rX "$COURSE_DIR"
runuser -u "$COURSE_USER" -- test -r "$COURSE_DIR/course_data/course.yaml" \
  || fail "$COURSE_DIR is not readable by other users (is it inside a private home folder?)."

# 2. Install the course into the user environment with the pip steps of `make setup`
#    (editable: after you update the course folder, new kernels use it without a reinstall).
#    The install also puts the course's Voilà page template where Voilà looks. The
#    course's sign-in needs jupyterhub itself, at the hub's version.
HUB_VERSION="$("$TLJH/hub/bin/python" -c 'import jupyterhub; print(jupyterhub.__version__)')"
"$USER_ENV/bin/python" -m pip install --quiet --upgrade pip
"$USER_ENV/bin/python" -m pip install --quiet -e "$COURSE_DIR" "jupyterhub==$HUB_VERSION"

# 3. Hub settings: the course is one Voilà for the whole class, a service the hub
#    starts and signs learners in to (widgets/server/hub.py, as with `make hub`): the
#    course pages only, no JupyterLab, no terminals, no code, and each page's kernel
#    for its own learner only. Learners land on the course home and get no server of
#    their own. (Loaded after tljh-config's settings, so this wins.)
mkdir -p "$(dirname "$HUB_CONFIG")"
cat > "$HUB_CONFIG" <<EOF
# Written by $COURSE_DIR/deploy/tljh-setup.sh; run it again rather than editing this.
c.JupyterHub.services.append({
    "name": "course",
    "url": "http://127.0.0.1:$COURSE_PORT",
    "command": ["$USER_ENV/bin/python", "-m", "widgets.server.hub",
                "$COURSE_DIR/notebooks", "--Voila.config_file_paths=$COURSE_DIR",
                "--MappingKernelManager.cull_idle_timeout=3600",
                "--MappingKernelManager.cull_connected=True"],
    "user": "$COURSE_USER",
    "cwd": "$COURSE_DIR",
    "oauth_no_confirm": True,
})
c.JupyterHub.load_roles.append({"name": "user", "scopes": [
    "read:users:name!user", "read:users:groups!user", "access:services!service=course"]})
c.JupyterHub.default_url = "/services/course/voila/render/index.ipynb"
EOF
chmod 644 "$HUB_CONFIG"

# 4. Restart the hub with the new settings, which starts the course.
"$TLJH_CONFIG" reload hub

echo "Done. After sign-in, learners are on the course at /services/course/voila/render/index.ipynb."
echo "Memory: about 1 GB for the course, plus about 70 MB per open course page (docs/deploy.md)."
