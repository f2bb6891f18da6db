"""The Voilà app in headless Chromium: private, accessible, complete, robust to bad files."""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import NOTEBOOK_DIR, STORAGE_KEY, voila_server
from tests.learner import check, wait_saved, write_reflection
from widgets.core.loader import course
from widgets.server.app import HOME

pytestmark = pytest.mark.browser
TIMEOUT_MS = 120_000
THE_COURSE = course()
SECTIONS = THE_COURSE.sections
PAGES = ["index.ipynb", *(s.notebook for s in SECTIONS)]


class Watch:
    """What a page did: console errors, requests leaving 127.0.0.1, frames received."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.external: list[str] = []
        self.frames: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _request(self, request) -> None:
        if not request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            self.external.append(request.url)

    def _frame(self, payload) -> None:
        self.frames.append(payload if isinstance(payload, str) else payload.decode("latin-1"))


def open_page(context, voila_url: str, notebook: str):
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    watch = Watch(page)
    page.goto(f"{voila_url}/voila/render/{notebook}")
    page.locator(".kc-progress-tools").wait_for()
    return page, watch


@pytest.fixture
def context(chromium):
    made = chromium.new_context(accept_downloads=True)
    yield made
    made.close()


def secrets_of(notebook: str) -> list[str]:
    """Texts that would give answers away before the learner checks.

    Very short feedback ("1970.") also occurs in the open text, so it is left out.
    """
    sections = [s for s in SECTIONS if notebook in ("index.ipynb", s.notebook)]
    found = []
    for section in sections:
        quiz = THE_COURSE.quizzes[section.id]
        for q in (*quiz.questions, *quiz.exercises):
            found.append(q["explanation"])
            found += [o["feedback"] for o in q.get("options", [])]
            found += [p["feedback"] for p in q.get("pairs", [])]
            found += [i["feedback"] for i in q.get("items", [])]
            if isinstance(q.get("feedback"), dict):
                found += list(q["feedback"].values())
        found += [r["model_answer"] for r in quiz.reflections]
    return [text for text in found if len(text) >= 30]


def json_text(text: str) -> str:
    """A string as it appears inside JSON (widget state, stored outputs)."""
    return json.dumps(text)[1:-1]


@pytest.mark.parametrize("notebook", PAGES)
def test_page_is_private_clean_and_keeps_the_answer_key_in_the_kernel(context, voila_url, notebook):
    with urllib.request.urlopen(f"{voila_url}/voila/render/{notebook}", timeout=120) as reply:
        body = reply.read().decode("utf-8")
    # The server runs without JUPYTER_PATH (tests/browser.py): the install put the template.
    assert "voila/templates/kcourse/static/theme-dark.css" in body, "not the course's template"
    page, watch = open_page(context, voila_url, notebook)
    assert watch.external == [], "requests left 127.0.0.1"
    assert watch.errors == []
    text = page.locator("body").inner_text()
    for code in ("from widgets", 'section("', "page.quiz(", "page.footer(", "Traceback"):
        assert code not in text, f"source code or a traceback is visible: {code}"
    received = "\n".join(watch.frames)
    for secret in secrets_of(notebook):
        for text in (secret, json_text(secret)):
            assert text not in body, f"answer key in the HTML: {secret[:60]}"
            assert text not in received, f"answer key in widget state: {secret[:60]}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("notebook", PAGES)
def test_no_serious_or_critical_accessibility_violations(chromium, voila_url, notebook, scheme):
    context = chromium.new_context(color_scheme=scheme)
    page, _ = open_page(context, voila_url, notebook)
    if scheme == "dark":
        page.locator("#kc-dark-theme").wait_for(state="attached")
        page.wait_for_function(
            "getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'"
        )
    violations = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    context.close()
    assert serious == []


@pytest.mark.parametrize("width", [375, 640], ids=["phone", "zoom-200"])
@pytest.mark.parametrize(
    "notebook",
    ["index.ipynb", "04-microdosing.ipynb", "05-evidence-by-condition.ipynb", "06-caution.ipynb"],
)
def test_pages_reflow_without_sideways_scrolling(chromium, voila_url, notebook, width):
    """640 CSS px is a 1280 px window at 200% zoom (WCAG reflow)."""
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page, _ = open_page(context, voila_url, notebook)
    overflow = page.evaluate(
        "() => [document.documentElement, document.body, document.querySelector('#rendered_cells')]"
        ".filter(Boolean).map((e) => e.scrollWidth - e.clientWidth)"
    )
    context.close()
    assert max(overflow) <= 1, overflow


def test_whole_course_start_to_finish_with_reload_export_and_import(
    chromium, context, voila_url, tmp_path
):
    page, watch = open_page(context, voila_url, "index.ipynb")
    page.locator(".kc-section-link").get_by_role(
        "link", name=f"Section 0: {SECTIONS[0].title}"
    ).click()
    page.wait_for_url(f"**/{SECTIONS[0].notebook}")
    for section in SECTIONS:
        page.locator(".kc-progress-tools").wait_for()
        assert page.url.endswith(section.notebook)
        quiz = THE_COURSE.quizzes[section.id]
        views = page.locator(".kc-quiz .kc-question")
        assert views.count() == len(quiz.questions)
        for view, question in zip(views.all(), quiz.questions, strict=True):
            wrong = check(view, question, right=False)
            assert "Not right" in wrong or "Partly right" in wrong
            assert "Right" in check(view, question, right=True)
        exercises = page.locator(".kc-exercises .kc-question")
        for view, question in zip(exercises.all(), quiz.exercises, strict=True):
            check(view, question, right=False)
            check(view, question, right=True)
        assert "model answer" in write_reflection(page.locator(".kc-reflection").first).lower()
        wait_saved(page, [q["id"] for q in (*quiz.questions, *quiz.exercises)])

        page.reload()
        page.locator(".kc-progress-tools").wait_for()
        restored = page.locator(".kc-quiz .kc-question .kc-message.kc-ok")
        restored.nth(len(quiz.questions) - 1).wait_for()
        assert restored.count() == len(quiz.questions)
        total = len(quiz.questions)
        page.locator(".kc-score", has_text=f"{total} of {total} points").wait_for()
        solved_exercises = page.locator(".kc-exercises .kc-question .kc-message.kc-ok")
        if quiz.exercises:
            solved_exercises.nth(len(quiz.exercises) - 1).wait_for()
        assert solved_exercises.count() == len(quiz.exercises)

        _, after = THE_COURSE.neighbours(section.id)
        if after:
            page.get_by_role("link", name=f"Next: {after.title}").first.click()
            page.wait_for_url(f"**/{after.notebook}")

    summary = page.locator(".kc-explorer", has_text="Your progress by section")
    summary.get_by_text(
        f"You have completed {len(SECTIONS)} of {len(SECTIONS)} sections"
    ).wait_for()
    with page.expect_download() as summary_file:
        summary.get_by_role("button", name="Download my summary").click()
    written = json.loads(Path(summary_file.value.path()).read_text())
    assert all(row["complete"] for row in written["sections"])
    assert watch.errors == []

    with page.expect_download() as progress_file:
        page.get_by_role("button", name="Download my progress (JSON file)").click()
    saved = tmp_path / "progress.json"
    progress_file.value.save_as(saved)

    fresh = chromium.new_context()
    other, _ = open_page(fresh, voila_url, "index.ipynb")
    # A new browser starts its own document (an anonymous id, no answers).
    other.wait_for_function(f"localStorage.getItem({STORAGE_KEY!r}) !== null")
    started = json.loads(other.evaluate(f"localStorage.getItem({STORAGE_KEY!r})"))
    exported = json.loads(saved.read_text())
    assert started["sections"] == {} and started["learner"] != exported["learner"]
    other.locator("input[type=file]").set_input_files(saved)
    other.get_by_text("Progress loaded from the file").wait_for()
    questions = sum(len(q.questions) for q in THE_COURSE.quizzes.values())
    other.get_by_text(f"{questions} of {questions} questions tried").wait_for()
    other.goto(f"{voila_url}/voila/render/{SECTIONS[1].notebook}")
    other.locator(".kc-quiz .kc-message.kc-ok").first.wait_for()
    fresh.close()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.json", "{not json"),
        (
            "other-version.json",
            json.dumps({"course": THE_COURSE.id, "version": 99, "sections": {}}),
        ),
        ("other-course.json", json.dumps({"course": "x", "version": 1, "sections": {}})),
        (
            "malicious.json",
            json.dumps(
                {
                    "course": THE_COURSE.id,
                    "version": THE_COURSE.version,
                    "sections": {
                        "what-is-ketamine": {"questions": {"<img src=x onerror=alert(1)>": {}}}
                    },
                }
            ),
        ),
        ("empty.json", ""),
    ],
)
def test_a_bad_progress_file_is_refused_and_earlier_progress_kept(
    context, voila_url, tmp_path, name, content
):
    section = SECTIONS[1]
    question = THE_COURSE.quizzes[section.id].questions[0]
    page, watch = open_page(context, voila_url, section.notebook)
    check(page.locator(".kc-quiz .kc-question").first, question, right=True)
    wait_saved(page, [question["id"]])
    before = page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})")
    bad = tmp_path / name
    bad.write_text(content)
    page.locator("input[type=file]").set_input_files(bad)
    page.get_by_text("Could not load that file").wait_for()
    assert "Your progress is unchanged" in page.locator(".kc-status").inner_text()
    assert page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})") == before
    assert page.locator(".kc-quiz .kc-question").first.locator(".kc-message.kc-ok").count() == 1
    assert watch.errors == []


@pytest.mark.parametrize(
    "path",
    [
        "/voila/files/index.ipynb",
        "/voila/files/../course_data/course.yaml",
        "/voila/files/%2e%2e/course_data/quizzes/what-is-ketamine.yaml",
        "/voila/render/../course_data/course.yaml",
        "/voila/render/no-such-section.ipynb",
        "/voila/static/../../../../etc/passwd",
        "/tree",
        "/lab",
        "/api/contents",
        "/api/contents/index.ipynb",
        "/files/index.ipynb",
        "/voila/api/shutdown/not-a-kernel",
    ],
)
def test_server_refuses_data_sources_and_odd_paths_without_a_traceback(voila_url, path):
    request = urllib.request.Request(voila_url + path)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=60)
    assert refused.value.code in (403, 404, 405)
    body = refused.value.read().decode("utf-8", "replace")
    assert "Traceback" not in body and "course_data" not in body


def test_the_course_server_compresses_pages_and_opens_the_course_home_at_its_root(voila_url):
    request = urllib.request.Request(f"{voila_url}/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=120) as reply:
        assert reply.url == f"{voila_url}/{HOME}"
        assert reply.headers["Content-Encoding"] == "gzip"
        assert "voila/templates/kcourse/static" in gzip.decompress(reply.read()).decode()


def test_voila_typed_by_hand_serves_every_page_with_the_course_template(tmp_path):
    """`voila notebooks` from the project's venv, without JUPYTER_PATH: the install alone
    lets Voilà find the course's page template (no gzip or home redirect: those are
    the course server's, widgets/server/app.py)."""
    cold = "--VoilaConfiguration.preheat_kernel=False"
    with voila_server(NOTEBOOK_DIR, tmp_path / "voila.log", cold, module="voila") as server:
        for notebook in PAGES:
            with urllib.request.urlopen(
                f"{server.url}/voila/render/{notebook}", timeout=120
            ) as reply:
                assert reply.status == 200
                assert "voila/templates/kcourse/static" in reply.read().decode(), notebook
