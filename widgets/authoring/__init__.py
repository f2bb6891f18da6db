"""Instructor tooling: the `python -m widgets` commands, reports, scaffolds, checks
and the jupyterquiz converters.

Runs on an author's machine or at deploy time, never in a learner's kernel. It may
import `widgets.core`, never `widgets.views` (tests/test_layers.py).
"""
