"""A widget whose browser module loads late (a busy machine, a class opening pages at once).

anywidget 0.11 gives up on a model whose module takes over 2 s to load and then
drops every kernel message to it. Here one module is made to load 3 s late on
purpose; the learner's answers must still be saved and restored, with no error.
"""

from __future__ import annotations

import pytest

from tests.learner import check, wait_saved
from widgets.core.loader import course

pytestmark = pytest.mark.browser
TIMEOUT_MS = 120_000
SECTION = course().sections[1]
QUESTION = course().quizzes[SECTION.id].questions[0]
RIGHT_LABEL = next(o["text"] for o in QUESTION["options"] if o["id"] == QUESTION["answer"])
PROGRESS_MODULE = "kc-progress-tools"
CHOICE_MODULE = "kc-choices"


def load_late(marker: str, delay_ms: int = 3000) -> str:
    """A page script that holds back the widget module containing `marker` by `delay_ms`.

    anywidget imports a module given as text from a Blob; a top-level await put
    in front of that text delays the import as a slow machine would.
    """
    return f"""
    (() => {{
      const Native = window.Blob;
      function Slow(parts, options) {{
        const late = options && options.type === "text/javascript" &&
          parts.some((part) => typeof part === "string" && part.includes({marker!r}));
        const pause = "await new Promise((done) => setTimeout(done, {delay_ms}));\\n";
        return new Native(late ? [pause, ...parts] : parts, options);
      }}
      Slow.prototype = Native.prototype;
      window.Blob = Slow;
    }})();
    """


def open_section(context, voila_url: str):
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{voila_url}/voila/render/{SECTION.notebook}")
    page.locator(".kc-progress-tools").wait_for()
    return page, errors


@pytest.fixture
def context(chromium):
    made = chromium.new_context()
    yield made
    made.close()


def test_an_answer_is_saved_when_the_progress_tools_load_late(context, voila_url):
    context.add_init_script(load_late(PROGRESS_MODULE))
    page, errors = open_section(context, voila_url)
    check(page.locator(".kc-quiz .kc-question").first, QUESTION, right=True)
    wait_saved(page, [QUESTION["id"]])
    assert errors == []


def test_a_saved_answer_is_restored_when_the_choice_groups_load_late(context, voila_url):
    page, errors = open_section(context, voila_url)
    check(page.locator(".kc-quiz .kc-question").first, QUESTION, right=True)
    wait_saved(page, [QUESTION["id"]])
    page.close()
    context.add_init_script(load_late(CHOICE_MODULE))
    again, errors = open_section(context, voila_url)
    view = again.locator(".kc-quiz .kc-question").first
    view.locator(".kc-message.kc-ok").wait_for()
    assert view.get_by_label(RIGHT_LABEL, exact=True).is_checked()
    assert errors == []
