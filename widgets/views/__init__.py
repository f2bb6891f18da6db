"""What a learner's kernel runs: the widgets and pages of the course.

A notebook needs one line, `from widgets.views import section` (or `home` on the
course home). This layer may import `widgets.core`, ipywidgets, anywidget and
IPython; never `widgets.authoring` or a test-only package (tests/test_layers.py).
"""

from widgets.views.section import SectionPage, home, section

__all__ = ["SectionPage", "home", "section"]
