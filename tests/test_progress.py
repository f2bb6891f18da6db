"""The progress document and its browser bridge: import, export, bad files."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.doubles import RecordingStore
from tests.fake_browser import FakeBrowser
from widgets.core.confidence import LEVELS
from widgets.core.later_check import LATER_CHECKS
from widgets.core.loader import DATA_DIR
from widgets.core.prepost import STAGES
from widgets.core.progress_doc import (
    MAX_BYTES,
    MAX_REFLECTION_CHARS,
    SCHEMA,
    ProgressError,
    empty_progress,
    parse_progress,
    section_summary,
)
from widgets.views.progress import LOADING_NOTE
from widgets.views.quiz import ExerciseSet, SectionQuiz

SECTION = "what-is-ketamine"
STATE = {"tries": 1, "score": 1.0, "solved": True, "revealed": False, "answer": "dissociative"}
ENTRY = {"questions": {"wik-drug-class": STATE}, "reflections": {}}


def document(the_course, **sections):
    return {"course": the_course.id, "version": the_course.version, "sections": sections}


def test_a_valid_document_round_trips(the_course):
    doc = document(the_course, **{SECTION: ENTRY})
    assert parse_progress(json.dumps(doc), the_course, strict=True)["sections"] == doc["sections"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not valid JSON"),
        ("{not json", "not valid JSON"),
        ("[]", "not a progress file"),
        ('{"course": "x"}', "not a progress file"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
        ("x" * (MAX_BYTES + 1), "larger than"),
    ],
)
def test_corrupt_files_are_refused_with_a_reason(the_course, text, reason):
    with pytest.raises(ProgressError, match=reason):
        parse_progress(text, the_course, strict=True)


def test_a_file_from_another_course_or_version_is_refused(the_course):
    other = {**document(the_course), "course": "another-course"}
    with pytest.raises(ProgressError, match="for course 'another-course'"):
        parse_progress(json.dumps(other), the_course, strict=True)
    newer = {**document(the_course), "version": the_course.version + 1}
    with pytest.raises(ProgressError, match="from course version"):
        parse_progress(json.dumps(newer), the_course, strict=True)


@pytest.mark.parametrize(
    "state",
    [
        {**STATE, "score": 7},
        {**STATE, "tries": -1},
        {**STATE, "tries": "1"},
        {**STATE, "extra": "<script>"},
        {"tries": 1},
    ],
)
def test_malicious_or_malformed_answer_state_is_refused(the_course, state):
    doc = document(the_course, **{SECTION: {"questions": {"wik-drug-class": state}}})
    with pytest.raises(ProgressError, match="not a progress file"):
        parse_progress(json.dumps(doc), the_course, strict=True)


def test_unknown_sections_are_refused_on_import_but_dropped_from_browser_copy(the_course):
    doc = document(the_course, **{"old-section": {"questions": {}}})
    with pytest.raises(ProgressError, match="unknown section 'old-section'"):
        parse_progress(json.dumps(doc), the_course, strict=True)
    assert parse_progress(json.dumps(doc), the_course, strict=False)["sections"] == {}


def test_section_summary_counts_tries_and_score(the_course):
    doc = document(the_course, **{SECTION: ENTRY})
    tried, total, score = section_summary(doc, the_course, SECTION)
    assert (tried, score) == (1, 1.0) and total == len(the_course.quizzes[SECTION].questions)
    assert section_summary(empty_progress(the_course), the_course, SECTION)[0] == 0


@pytest.fixture
def store(the_course):
    return RecordingStore(the_course)


def test_browser_copy_is_restored_into_the_quiz(the_course, store):
    quiz = SectionQuiz(the_course, SECTION, store=store)
    doc = document(the_course, **{SECTION: ENTRY})
    store.loaded = json.dumps(doc)
    restored = quiz.questions[0]
    assert restored.question["id"] == "wik-drug-class"
    assert restored.solved and restored.input.value == "dissociative"
    assert store.sent == [], "restoring must not write back to the browser"


def test_saves_before_the_browser_listens_are_held_and_sent_when_it_is_ready(the_course, store):
    quiz = SectionQuiz(the_course, SECTION, store=store)
    quiz.questions[0].input.value = "dissociative"
    quiz.questions[0].controls.press("check")
    assert store.sent == [] and LOADING_NOTE in store.notice.value
    store.receive({"kind": "ready"})
    [message] = store.sent
    assert message["kind"] == "save" and message["section"] == SECTION
    assert message["data"]["questions"]["wik-drug-class"]["solved"]
    assert store.notice.value == ""


def test_an_answer_given_before_the_browser_copy_arrives_is_kept(the_course, store):
    quiz = SectionQuiz(the_course, SECTION, store=store)
    quiz.questions[0].input.value = "dissociative"
    quiz.questions[0].controls.press("check")
    earlier = document(the_course, **{"how-it-acts": {"questions": {}, "reflections": {}}})
    store.loaded = json.dumps(earlier)
    assert set(store.document["sections"]) == {SECTION, "how-it-acts"}
    assert quiz.questions[0].solved


def test_unreadable_browser_copy_starts_fresh_and_says_so(the_course, store):
    store.loaded = "{broken"
    assert "could not be read" in store.status and store.document["sections"] == {}


def test_import_of_a_good_file_loads_it_and_tells_the_learner(the_course, store):
    quiz = SectionQuiz(the_course, SECTION, store=store)
    doc = document(the_course, **{SECTION: ENTRY})
    store.receive({"kind": "import", "text": json.dumps(doc)})
    assert store.sent[0]["kind"] == "replace"
    assert json.loads(store.sent[0]["text"])["sections"] == doc["sections"]
    assert "Progress loaded" in store.status and quiz.questions[0].solved


OTHER = {"questions": {"wel-poison-help": {**STATE, "answer": "poison-help"}}, "reflections": {}}


def test_loading_a_file_keeps_what_only_this_browser_held_and_says_what_changed(the_course, store):
    """Section 1 work in the browser, a file from another device with sections 0 and 7:
    loading used to leave only 0 and 7."""
    acts = {"questions": {"hia-main-action": {**STATE, "answer": "x"}}, "reflections": {}}
    store.loaded = json.dumps(document(the_course, **{SECTION: ENTRY, "how-it-acts": acts}))
    wrong = {**STATE, "solved": False, "score": 0.0, "answer": "hallucinogen"}
    file = document(
        the_course,
        welcome=OTHER,
        **{
            "finding-a-practitioner": {
                "questions": {},
                "reflections": {"fap-reflect-questions": {"text": "x", "revealed": False}},
            }
        },
    )
    file["sections"][SECTION] = {"questions": {"wik-drug-class": wrong}}
    store.receive({"kind": "import", "text": json.dumps(file)})
    kept = json.loads(store.sent[-1]["text"])["sections"]
    assert set(kept) == {SECTION, "how-it-acts", "welcome", "finding-a-practitioner"}
    assert kept["how-it-acts"] == acts
    assert kept[SECTION]["questions"]["wik-drug-class"] == wrong, "the loaded file's copy wins"
    assert "2 answer(s) added, 1 replaced by the file's copy, 1 kept" in store.status
    assert store.can_undo


def test_undo_puts_back_what_this_browser_had_before_loading(the_course, store):
    before = document(the_course, **{SECTION: ENTRY})
    store.loaded = json.dumps(before)
    store.receive({"kind": "import", "text": json.dumps(document(the_course, welcome=OTHER))})
    store.receive({"kind": "undo"})
    assert json.loads(store.sent[-1]["text"])["sections"] == before["sections"]
    assert store.document["sections"] == before["sections"]
    assert not store.can_undo and "undone" in store.status
    store.receive({"kind": "undo"})
    assert store.document["sections"] == before["sections"], "a second undo changes nothing"


@pytest.mark.parametrize("text", ["{oops", None, json.dumps({"course": 1})])
def test_import_of_a_bad_file_keeps_earlier_progress(the_course, store, text):
    earlier = document(the_course, **{SECTION: ENTRY})
    store.loaded = json.dumps(earlier)
    store.receive({"kind": "import", "text": text})
    assert store.sent == []
    assert "Your progress is unchanged" in store.status
    assert store.document["sections"] == earlier["sections"]


PRACTICE = "finding-a-practitioner"


def checked_exercise(the_course, store) -> tuple[ExerciseSet, str]:
    exercises = ExerciseSet(the_course, PRACTICE, store=store)
    first = exercises.views[0]
    first.input.value = first.question["answer"]
    first.controls.press("check")
    return exercises, first.item_id


def test_exercises_are_saved_beside_the_quiz_without_either_erasing_the_other(the_course, store):
    browser = FakeBrowser()
    browser.open(store)
    _, exercise_id = checked_exercise(the_course, store)
    quiz = SectionQuiz(the_course, PRACTICE, store=store)
    quiz.questions[0].revealed = True
    assert set(browser.messages[-1]["data"]) == {"questions"}, "a save sends only what changed"
    saved = browser.stored(store)["sections"][PRACTICE]
    assert saved["exercises"][exercise_id]["solved"]
    assert quiz.questions[0].item_id in saved["questions"]


def test_saved_exercises_come_back_after_a_reload_and_an_import(the_course, store):
    checked_exercise(the_course, store)
    text = json.dumps(store.document)
    for arrival in ("loaded", "import"):
        fresh = RecordingStore(the_course)
        again = ExerciseSet(the_course, PRACTICE, store=fresh)
        if arrival == "loaded":
            fresh.loaded = text
        else:
            fresh.receive({"kind": "import", "text": text})
        assert again.views[0].solved, arrival


def test_a_progress_file_from_before_exercises_were_saved_still_imports(the_course):
    older = document(the_course, **{PRACTICE: {"questions": {}, "reflections": {}}})
    parsed = parse_progress(json.dumps(older), the_course, strict=True)
    assert parsed["sections"][PRACTICE] == {"questions": {}, "reflections": {}}


def test_confidence_and_first_try_are_kept_and_older_states_without_them_import(the_course):
    with_confidence = {
        **STATE,
        "confidence": "sure",
        "first_try": {"correct": True, "confidence": "sure"},
    }
    for state in (STATE, with_confidence):
        doc = document(the_course, **{SECTION: {"questions": {"wik-drug-class": state}}})
        parsed = parse_progress(json.dumps(doc), the_course, strict=True)
        assert parsed["sections"][SECTION]["questions"]["wik-drug-class"] == state


@pytest.mark.parametrize(
    "extra", [{"confidence": "certain"}, {"first_try": {"correct": "yes"}}, {"first_try": {}}]
)
def test_a_confidence_outside_the_three_is_refused(the_course, extra):
    doc = document(the_course, **{SECTION: {"questions": {"wik-drug-class": {**STATE, **extra}}}})
    with pytest.raises(ProgressError):
        parse_progress(json.dumps(doc), the_course, strict=True)


def test_answers_given_before_the_stored_copy_arrives_join_it_item_by_item(the_course, store):
    """Section 7's exercises sit above its quiz: an answer there before the stored copy
    arrives must not erase the stored quiz answers or earlier exercises."""
    exercises, exercise_id = checked_exercise(the_course, store)
    quiz = SectionQuiz(the_course, PRACTICE, store=store)
    stored_question = quiz.questions[0].item_id
    idea = the_course.ideas[0]
    store.save_top("prepost", {"after": {idea.id: idea.forms("after")[0].answer}})
    stored = document(
        the_course,
        **{PRACTICE: {"questions": {stored_question: STATE | {"answer": None}}, "exercises": {}}},
    )
    stored["sections"][PRACTICE]["questions"][stored_question].pop("answer")
    stored["prepost"] = {"before": {idea.id: "dont-know"}}
    browser = FakeBrowser()
    browser.storage[store.storage_key] = json.dumps(stored)
    browser.open(store)
    saved = browser.stored(store)
    assert set(saved["sections"][PRACTICE]["questions"]) == {stored_question}
    assert exercise_id in saved["sections"][PRACTICE]["exercises"]
    assert saved["prepost"] == {
        "before": {idea.id: "dont-know"},
        "after": {idea.id: idea.forms("after")[0].answer},
    }
    assert exercises.views[0].solved


PUBLISHED_SCHEMA = DATA_DIR / "schema" / "progress.schema.json"


def test_the_progress_schema_checked_is_the_one_published_beside_the_course_schemas():
    published = json.loads(PUBLISHED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(published)
    assert published == SCHEMA


def test_the_published_schema_names_the_levels_stages_and_limit_the_code_knows():
    defs = SCHEMA["$defs"]
    assert defs["answer-state"]["properties"]["confidence"]["enum"] == list(LEVELS)
    first_try = defs["answer-state"]["properties"]["first_try"]["properties"]
    assert first_try["confidence"]["enum"] == [*LEVELS, None]
    assert list(SCHEMA["properties"]["prepost"]["properties"]) == [
        *STAGES,
        "compared",
        "compared_on",
        "later",
    ]
    assert list(
        SCHEMA["properties"]["prepost"]["properties"]["later"]["additionalProperties"]["properties"]
    ) == list(LATER_CHECKS)
    assert defs["reflection-state"]["properties"]["text"]["maxLength"] == MAX_REFLECTION_CHARS
