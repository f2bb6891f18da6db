"""The review deck in the browser: a missed idea comes back the next day with another
question, then after longer waits (the browser's clock moved a day, a week, a month);
the course home counts what is due; the reviews survive a reload and travel by file
(a Leitner-era file too); a later check comes in the deck; the calendar downloads."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from tests.browser import STORAGE_KEY
from tests.learner import check, open_section, wait_saved
from tests.test_review_schedule import tried
from widgets.core.later_check import LATER_CHECKS, unseen_form
from widgets.core.loader import course
from widgets.core.prepost import DONT_KNOW, choice_in, form_shown
from widgets.core.progress_doc import parse_progress
from widgets.core.review_schedule import deck

pytestmark = pytest.mark.browser
THE_COURSE = course()
SECTION = THE_COURSE.section("what-is-ketamine")
QUESTION = THE_COURSE.quizzes[SECTION.id].questions[0]
IDEA = THE_COURSE.idea_of(QUESTION["id"])
REVIEW = THE_COURSE.section("review").notebook


def on_day(context, voila_url, notebook, when: date):
    """A tab whose clock reads 10:00 on `when` (then runs on), with the page open."""
    page = context.new_page()
    page.clock.install(time=datetime.combine(when, time(10)))
    page.set_default_timeout(120_000)
    page.goto(f"{voila_url}/voila/render/{notebook}")
    page.locator(".kc-progress-tools").wait_for()
    return page


def stored(context) -> str:
    """The progress document this browser holds (read without opening a page)."""
    [kept] = [
        item["value"]
        for origin in context.storage_state()["origins"]
        for item in origin["localStorage"]
        if item["name"] == STORAGE_KEY
    ]
    return kept


def due_day(context, today: date) -> date:
    """When the idea is due next, as the course's own schedule reads the stored progress."""
    document = parse_progress(stored(context), THE_COURSE, strict=True)
    [card] = [c for c in deck(document, THE_COURSE, today) if c.idea == IDEA]
    return card.due


def review_in_deck(page, right: bool) -> tuple[str, str]:
    """Answer the question the deck shows; its id and the deck's outcome message."""
    shown = page.locator(".kc-deck .kc-question")
    shown.wait_for()
    title = shown.locator(".kc-question-title").inner_text()
    assert IDEA.title in title, title
    prompt = shown.locator(".kc-prompt").inner_text()
    question = next(
        q
        for s in THE_COURSE.sections
        for q in THE_COURSE.quizzes[s.id].questions
        if q["id"] in IDEA.questions and q["prompt"] == prompt
    )
    check(shown, question, right=right)
    outcome = page.locator(".kc-deck .kc-message", has_text="Review:")
    outcome.wait_for()
    return question["id"], outcome.inner_text()


def test_a_missed_idea_comes_back_with_other_questions_after_growing_waits(chromium, voila_url):
    context = chromium.new_context()
    first_day = date(2026, 12, 1)
    page = on_day(context, voila_url, SECTION.notebook, first_day)
    check(page.locator(".kc-quiz .kc-question").first, QUESTION, right=False)
    wait_saved(page, [QUESTION["id"]])  # closing before the save lands would lose it
    page.close()

    same_day = on_day(context, voila_url, REVIEW, first_day)
    same_day.locator(".kc-deck").get_by_text("Nothing is due now.").wait_for()
    same_day.close()

    asked, days = [QUESTION["id"]], [first_day]
    for _ in range(3):  # the next day, then about a week, then about a month on
        today = due_day(context, days[-1])
        home = on_day(context, voila_url, "index.ipynb", today)
        home.get_by_text("1 review due").wait_for()
        home.close()
        review = on_day(context, voila_url, REVIEW, today)
        review.locator(".kc-deck").get_by_text("1 review due now.").wait_for()
        question_id, said = review_in_deck(review, right=True)
        assert question_id != asked[-1], "never the same wording twice in a row"
        assert "comes back on" in said
        review.wait_for_function(
            f"(localStorage.getItem({STORAGE_KEY!r}) || '').includes({question_id!r})"
        )
        review.reload()
        review.locator(".kc-deck").get_by_text("Nothing is due now.").wait_for()
        review.close()
        asked.append(question_id)
        days.append(today)
    waits = [(later - earlier).days for earlier, later in itertools.pairwise(days)]
    assert waits[0] == 1 and waits == sorted(waits) and waits[-1] > waits[0], waits
    assert len(set(asked)) >= min(3, len(IDEA.questions))
    context.close()


def shown_form(page, number: int, idea, stage: str):
    """The group asking the idea, once it shows the form of it meant for this learner
    (drawn from the anonymous id the browser stored), and that form."""
    saved = page.evaluate(f"JSON.parse(localStorage.getItem({STORAGE_KEY!r}) || '{{}}')")
    choice = choice_in(saved, stage, idea.id)
    form = idea.forms(stage)[form_shown(idea, stage, saved.get("learner"), choice)]
    legend = page.locator("legend", has_text=f"{number}. {form.prompt}")
    group = page.locator(".kc-prepost fieldset.kc-choices").filter(has=legend)
    group.wait_for()
    return group, form


def test_before_and_after_checks_show_what_changed_with_links(chromium, voila_url):
    first, second = THE_COURSE.ideas[0], THE_COURSE.ideas[1]
    context = chromium.new_context()
    start = open_section(context, voila_url, THE_COURSE.sections[0].notebook)
    before = start.locator(".kc-prepost")
    group, _ = shown_form(start, 1, first, "before")
    group.get_by_label("I don't know yet").check()
    group, form = shown_form(start, 2, second, "before")
    wrong = next(t for o, t in form.options if o != form.answer)
    group.get_by_label(wrong, exact=True).check()
    before.get_by_text("2 of").wait_for()
    start.wait_for_function(
        f"(localStorage.getItem({STORAGE_KEY!r}) || '').includes({second.id!r})"
    )
    start.close()

    end = open_section(context, voila_url, REVIEW)
    after = end.locator(".kc-prepost")
    group, form = shown_form(end, 1, first, "after")
    group.get_by_label(dict(form.options)[form.answer], exact=True).check()
    group, form = shown_form(end, 2, second, "after")
    still = next(t for o, t in form.options if o != form.answer)
    group.get_by_label(still, exact=True).check()
    end.get_by_text("nothing is marked").wait_for()  # not until every idea is answered
    for number, idea in enumerate(THE_COURSE.ideas[2:], 3):
        group, form = shown_form(end, number, idea, "after")
        group.get_by_label(dict(form.options)[form.answer], exact=True).check()
    end.get_by_text("After that they cannot be changed").wait_for()
    assert end.get_by_text("nothing is marked").count() == 1, "all answered is not compared"
    after.get_by_role("button", name="Fix my answers and compare").click()
    summary = end.locator(".kc-explorer", has_text="Your answers at the start and at the end")
    summary.get_by_text("Ideas to look at again").wait_for()
    rows = summary.locator("tbody tr")
    assert "Not known yet" in rows.nth(0).inner_text()
    assert "Right" in rows.nth(0).inner_text()
    assert "Not right" in rows.nth(1).inner_text()
    section = THE_COURSE.section(second.section)
    assert summary.locator(f'a[href="{section.notebook}"]').count() == 1
    context.close()


def seeded(chromium, voila_url, document: dict):
    """A browser that already holds this progress document (another day's work)."""
    origin = voila_url.rstrip("/")
    item = {"name": STORAGE_KEY, "value": json.dumps(document)}
    return chromium.new_context(
        storage_state={"origins": [{"origin": origin, "localStorage": [item]}]}
    )


def compared_on(day: date) -> dict:
    """Every idea answered at the start and the end and compared on `day`, with one
    section question of each covering idea answered that day."""
    answered = {}
    for idea in THE_COURSE.ideas:
        question = THE_COURSE.review_idea_covering(idea.id).questions[0]
        section = THE_COURSE.question_ids()[question]
        state = tried(True, "unsure", day)
        answered.setdefault(section, {"questions": {}})["questions"][question] = state
    return {
        "course": THE_COURSE.id,
        "version": THE_COURSE.version,
        "learner": "later-check-learner",
        "sections": answered,
        "prepost": {
            "before": {i.id: {"choice": DONT_KNOW} for i in THE_COURSE.ideas},
            "after": {i.id: {"choice": i.forms("after")[0].answer} for i in THE_COURSE.ideas},
            "compared": True,
            "compared_on": day.isoformat(),
        },
    }


def test_a_later_check_comes_in_the_deck_and_the_summary_gains_a_later_column(chromium, voila_url):
    start = date(2026, 12, 1)
    context = seeded(chromium, voila_url, compared_on(start))
    page = on_day(context, voila_url, REVIEW, start + timedelta(days=10))
    later = page.locator(".kc-deck .kc-later-check")
    later.get_by_text("A later check (after a week).").wait_for()
    document = parse_progress(stored(context), THE_COURSE, strict=True)
    idea = THE_COURSE.ideas[0]
    form = idea.forms("after")[later_asks_form(document, idea)]
    group = later.locator("fieldset", has=page.locator("legend", has_text=form.prompt)).first
    group.get_by_label(dict(form.options)[form.answer], exact=True).check()
    later.get_by_role("button", name="Save my answer").click()
    later.get_by_text("You still hold this idea.").wait_for()
    summary = page.locator(".kc-explorer", has_text="Your answers at the start and at the end")
    summary.locator("th", has_text="Later").wait_for()
    assert "After a week:" in summary.locator("tbody tr").nth(0).inner_text()
    assert "Right" in summary.locator("tbody tr").nth(0).inner_text()
    page.reload()
    page.locator(".kc-explorer th", has_text="Later").wait_for()
    context.close()


def later_asks_form(document: dict, idea) -> int:
    """The form the week check asks this learner (one they were not shown)."""
    return unseen_form(idea, LATER_CHECKS["week"], document)


def test_the_calendar_file_downloads_and_parses_with_a_link_back(chromium, voila_url):
    import icalendar

    start = date(2026, 12, 1)
    context = seeded(chromium, voila_url, compared_on(start))
    page = on_day(context, voila_url, REVIEW, start)
    with page.expect_download() as download:
        page.get_by_role("button", name="Add my next reviews to my calendar").click()
    assert download.value.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events and all(e.decoded("dtstart") > start for e in events)
    assert any("later check" in str(e.get("description")) for e in events)
    assert all(str(e.get("url")).endswith(f"{REVIEW}#Your-reviews") for e in events)
    page.get_by_text("sent nowhere").wait_for()
    context.close()


def test_reviews_travel_by_file_and_a_leitner_era_file_imports(chromium, voila_url, tmp_path):
    first_day = date(2026, 12, 1)
    old = {
        "course": THE_COURSE.id,
        "version": THE_COURSE.version,
        "sections": {
            SECTION.id: {
                "questions": {
                    QUESTION["id"]: {"tries": 1, "score": 0.0, "solved": False, "revealed": False}
                }
            }
        },
        "deck": {QUESTION["id"]: {"box": 0, "due": first_day.isoformat(), "right_days": []}},
    }
    leitner = tmp_path / "leitner-era.json"
    leitner.write_text(json.dumps(old))
    context = chromium.new_context()
    page = on_day(context, voila_url, REVIEW, first_day + timedelta(days=1))
    page.locator("input[type=file]").set_input_files(leitner)
    page.get_by_text("joined with this browser's").wait_for()
    page.locator(".kc-deck").get_by_text("1 review due now.").wait_for()
    question_id, _said = review_in_deck(page, right=True)
    page.wait_for_function(
        f"(localStorage.getItem({STORAGE_KEY!r}) || '').includes({question_id!r})"
    )
    with page.expect_download() as progress_file:
        page.get_by_role("button", name="Download my progress (JSON file)").click()
    exported = json.loads(Path(progress_file.value.path()).read_text())
    assert "deck" not in exported
    first_try = exported["sections"][SECTION.id]["questions"][QUESTION["id"]]["first_try"]
    assert first_try["day"] == first_day.isoformat(), "dated as of the idea's first review"
    assert [e["rating"] for e in exported["review"][IDEA.id]] == [1, 3], "the miss, then right"
    context.close()

    elsewhere = chromium.new_context()
    other = on_day(elsewhere, voila_url, REVIEW, first_day + timedelta(days=1))
    file = tmp_path / "progress.json"
    file.write_text(json.dumps(exported))
    other.locator("input[type=file]").set_input_files(file)
    other.get_by_text("joined with this browser's").wait_for()
    other.locator(".kc-deck").get_by_text("Nothing is due now.").wait_for()
    assert json.loads(stored(elsewhere))["review"] == exported["review"]
    elsewhere.close()
