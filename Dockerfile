# The course as a web app, for one server and a whole class (see docs/deploy.md).
#
#   docker build -t ketamine-course .
#   docker run --rm -p 8866:8866 ketamine-course
#   open http://127.0.0.1:8866/voila/render/index.ipynb
#
# It installs the course with the same pip steps as `make setup` and serves it
# with the same Voilà command as `make app` (tests/test_deploy.py checks both).

FROM python:3.11-slim AS base

# PATH: the virtual environment's programs first (its python, voila).
# The install puts the course's page template where Voilà looks (pyproject.toml).
ENV PATH=/app/.venv/bin:$PATH \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

WORKDIR /app
COPY . .

# The pip steps of `make setup`, without the [test] extra (pytest, ruff and
# Playwright are not needed to serve the course) and not editable: the package
# carries its own copy of course_data/ (tests/test_install.py runs these steps).
# The files stay owned by root, so the learner account cannot change them.
# `widgets validate` fails the build on broken course data, as `make app` refuses to serve it.
RUN python3 -m venv .venv \
 && .venv/bin/python -m pip install --quiet --upgrade pip \
 && .venv/bin/python -m pip install --quiet . \
 && .venv/bin/python -m widgets validate \
 && useradd --create-home --uid 1000 learner

# The course server for Zero to JupyterHub (deploy/z2jh-course.yaml); built only with
#   docker build --target hub-course --build-arg JUPYTERHUB_VERSION=<the hub's version> .
# One Voilà for the whole class, the hub's service, started in /app where voila.json
# is (widgets/server/hub.py; the same as `make hub`).
FROM base AS hub-course
ARG JUPYTERHUB_VERSION
RUN test -n "$JUPYTERHUB_VERSION" \
 && .venv/bin/python -m pip install --quiet "jupyterhub==$JUPYTERHUB_VERSION"
USER learner
CMD ["python", "-m", "widgets.server.hub", "notebooks", "--MappingKernelManager.cull_idle_timeout=3600", "--MappingKernelManager.cull_connected=True"]

# The default image: Voilà alone, exactly as `make app` serves it.
FROM base AS app
USER learner
EXPOSE 8866
# The same command as `make app` (the course's Voilà, widgets/server/app.py), run
# from /app so that Voilà reads voila.json here.
# voila.json binds to 127.0.0.1, which inside a container is reachable only from
# the container itself; 0.0.0.0 lets `docker run -p` forward the port. Who can
# reach it is then decided by -p (e.g. -p 127.0.0.1:8866:8866) or a proxy in front.
CMD [".venv/bin/python", "-m", "widgets.server", "notebooks", "--port=8866", "--Voila.ip=0.0.0.0"]
