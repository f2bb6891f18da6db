"""`python -m widgets.server notebooks`: the course's Voilà server (see app.py)."""

from widgets.server.app import main

main()
