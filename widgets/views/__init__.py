"""What a learner's kernel runs: the widgets and pages of the course.

A notebook needs one line, `from widgets.views import section` (or `home` on the
course home). This layer may import `widgets.core`, ipywidgets, anywidget,
traitlets and IPython; never `widgets.authoring`, a test-only package or pandas,
which would cost every kernel about 40 MB and 0.3 CPU-s (tests/test_layers.py).
"""

from widgets.views.section import HomePage, SectionPage, home, section

__all__ = ["HomePage", "SectionPage", "home", "section"]
