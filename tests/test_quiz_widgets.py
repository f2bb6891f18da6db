"""Quiz views driven through .value and .click(), with no browser."""

from __future__ import annotations

import html
import itertools
import json

import ipywidgets as widgets
import pytest

from tests.doubles import RecordingStore
from widgets.core.confidence import GUESSING, LEVELS, SURE
from widgets.core.grading import AnswerError
from widgets.core.progress_doc import parse_progress
from widgets.core.question_types import QUESTION_TYPES, grade
from widgets.views.choices import NOTHING
from widgets.views.inputs import make_input, presentation_order
from widgets.views.kit import BUTTON_STYLE, HIDDEN, PLAIN, ROW, TEXT_STYLE, WIDE
from widgets.views.question import QuestionView
from widgets.views.quiz import SectionQuiz
from widgets.views.reflection import ReflectionView

SECTION = "what-is-ketamine"


@pytest.fixture
def quiz(the_course) -> SectionQuiz:
    store = RecordingStore(the_course)
    store.receive({"kind": "ready"})
    return SectionQuiz(the_course, SECTION, store=store)


def view(quiz: SectionQuiz, question_id: str) -> QuestionView:
    return next(v for v in quiz.questions if v.question["id"] == question_id)


def models_of(root: widgets.Widget) -> dict[str, widgets.Widget]:
    """Every widget model the browser would build to show this widget, by model id."""
    found: dict[str, widgets.Widget] = {}
    stack = [root]
    while stack:
        widget = stack.pop()
        if widget.model_id in found:
            continue
        found[widget.model_id] = widget
        for value in widget.get_state().values():
            refs = value if isinstance(value, list | tuple) else [value]
            stack += [
                widgets.widget._instances[r[len("IPY_MODEL_") :]]
                for r in refs
                if isinstance(r, str) and r.startswith("IPY_MODEL_")
            ]
    return found


def synced_state(root: widgets.Widget) -> str:
    """Everything the browser would receive for this widget tree, as text."""
    states = (w.get_state() for w in models_of(root).values())
    return "\n".join(json.dumps(state, default=str, ensure_ascii=False) for state in states)


def test_a_quizs_texts_and_buttons_share_their_layouts_and_styles(quiz):
    """Each would otherwise add two models for the kernel to send and the browser to build
    (a section's quiz had 283 models before)."""
    models = models_of(quiz)
    shown = [w for w in models.values() if isinstance(w, widgets.HTML | widgets.Button)]
    assert len(shown) > 10
    assert {w.style for w in shown} <= {TEXT_STYLE, BUTTON_STYLE}
    in_questions = [w for view in quiz.questions for w in models_of(view).values()]
    layouts = {w.layout for w in in_questions if isinstance(w, widgets.DOMWidget)}
    assert layouts <= {PLAIN, HIDDEN, WIDE, ROW}


def test_a_question_is_five_models_for_the_browser_to_build(the_course):
    """The view, its prompt, the answer's controls, "How sure are you?", and one widget
    for the buttons and messages (as ipywidgets those were eleven: a section's quiz went
    from 148-199 models to 66-91). A typed number brings its own style, so one more."""
    for section in the_course.sections:
        views = SectionQuiz(the_course, section.id, RecordingStore(the_course)).questions
        per_view = [models_of(v) for v in views]
        shared = {k for a, b in itertools.combinations(per_view, 2) for k in a.keys() & b.keys()}
        for question, models in zip(views, per_view, strict=True):
            own = [type(w).__name__ for k, w in models.items() if k not in shared]
            expected = 6 if question.question["type"] == "numeric" else 5
            assert len(own) == expected, (question.item_id, own)


def test_answer_key_is_not_in_synced_state_before_checking(quiz):
    state = synced_state(quiz)
    for question in quiz.questions:
        q = question.question
        assert q["explanation"] not in state, q["id"]
        secrets = [o["feedback"] for o in q.get("options", [])]
        secrets += [p["feedback"] for p in q.get("pairs", [])]
        secrets += [i["feedback"] for i in q.get("items", [])]
        secrets += list(q["feedback"].values()) if isinstance(q.get("feedback"), dict) else []
        for secret in secrets:
            assert secret not in state, (q["id"], secret)
    for reflection in quiz.reflections:
        assert reflection.reflection["model_answer"] not in state


def test_checking_a_right_answer_shows_feedback_in_words_and_alert(quiz):
    question = view(quiz, "wik-drug-class")
    question.input.value = "dissociative"
    question.controls.press("check")
    assert question.solved and question.tries == 1 and question.score == 1.0
    assert 'role="alert"' in question.controls.feedback
    assert "Correct." in question.controls.feedback and "Right:" in question.controls.feedback


def test_a_wrong_answer_explains_why_and_allows_a_retry(quiz):
    question = view(quiz, "wik-drug-class")
    question.input.value = "psychedelic"
    question.controls.press("check")
    assert not question.solved and "Not right:" in question.controls.feedback
    assert "5-HT2A" in question.controls.feedback
    question.input.value = "dissociative"
    question.controls.press("check")
    assert question.solved and question.tries == 2


@pytest.mark.parametrize(
    ("question_id", "right", "wrong"),
    [("wik-drug-class", "dissociative", "psychedelic"), ("wik-years-approval", "{answer:g}", "1")],
)
def test_right_then_wrong_is_shown_and_stored_as_wrong_with_the_first_try_kept(
    quiz, question_id, right, wrong
):
    """The card said "Answered correctly after 2 tries" above "Not quite", and the
    document stored solved: true with the wrong answer."""
    question = view(quiz, question_id)
    question.input.value = right.format(answer=question.question.get("answer"))
    question.controls.press("check")
    assert question.solved
    question.input.value = wrong
    question.controls.press("check")
    state = question.state()
    assert not question.solved and state["solved"] is False and state["score"] == 0.0
    assert state["first_try"]["correct"] is True
    assert "Answered correctly" not in question.controls.attempts


def test_the_first_try_keeps_the_answer_first_checked_for_the_class_report(quiz, the_course):
    """The class report counts which option each learner chose at the first try (its
    distractor analysis), so the first try keeps that answer apart from the last."""
    question = view(quiz, "wik-drug-class")
    key = question.question["answer"]
    wrong = next(o["id"] for o in question.question["options"] if o["id"] != key)
    question.input.value = wrong
    say_how_sure(question, SURE)
    question.controls.press("check")
    question.input.value = key
    question.controls.press("check")
    state = question.state()
    day = quiz.store.today.isoformat()  # the learner's day: the idea's reviews count from it
    assert state["first_try"] == {"correct": False, "confidence": SURE, "answer": wrong, "day": day}
    assert state["answer"] == key
    document = {
        "course": the_course.id,
        "version": the_course.version,
        "sections": {SECTION: {"questions": {"wik-drug-class": state}}},
    }
    kept = parse_progress(json.dumps(document), the_course, strict=True)
    assert kept["sections"][SECTION]["questions"]["wik-drug-class"] == state
    again = view(
        SectionQuiz(the_course, SECTION, store=RecordingStore(the_course)), "wik-drug-class"
    )
    again.restore(state)
    assert again.state()["first_try"]["answer"] == wrong


def test_an_empty_answer_is_not_counted_as_a_try(quiz):
    question = view(quiz, "wik-drug-class")
    question.controls.press("check")
    assert question.tries == 0
    assert (
        "Not checked yet" in question.controls.feedback
        and "choose an option" in question.controls.feedback
    )


def test_show_answer_unlocks_only_after_the_set_number_of_tries(quiz):
    question = view(quiz, "wik-schedule")
    question.controls.press("answer")
    assert question.controls.answer == "" and not question.revealed
    for _ in range(question.max_tries):
        assert question.controls.answer_disabled
        question.input.value = False
        question.controls.press("check")
    assert not question.controls.answer_disabled
    question.controls.press("answer")
    assert question.revealed and "Schedule III" in question.controls.answer
    assert 'href="#ref-dea-schedule-iii-1999"' in question.controls.answer


def test_a_forged_press_from_the_browser_never_reaches_a_locked_button(quiz):
    """The browser sends presses as messages: one for a locked button, or one that is
    not a press at all, changes nothing, so the answer stays in the kernel."""
    question = view(quiz, "wik-drug-class")
    for forged in ({"press": "answer"}, {"press": ["answer"]}, {"press": "all"}, "answer", None):
        question.controls.receive(forged)
    assert not question.revealed and question.controls.answer == "" and question.tries == 0
    question.input.value = "dissociative"
    question.controls.check_disabled = True  # (as the review deck does after a check)
    question.controls.receive({"press": "check"})
    assert question.tries == 0
    question.controls.check_disabled = False
    question.controls.receive({"press": "check"})
    assert question.solved and "Correct." in question.controls.feedback


def test_hints_are_revealed_one_at_a_time(quiz):
    question = view(quiz, "wik-drug-class")
    assert question.controls.hint == ""
    question.controls.press("hint")
    assert question.question["hints"][0] in question.controls.hint
    assert question.controls.hint_disabled


def test_multiple_choice_partial_credit_is_shown(quiz):
    question = view(quiz, "wik-approved-uses")
    question.input.value = ["ketamine-anaesthesia"]
    question.controls.press("check")
    assert question.score == 0.5 and not question.solved
    assert "Credit: 50%" in question.controls.feedback


def test_numeric_input_reports_unreadable_text(quiz):
    question = view(quiz, "wik-years-approval")
    question.input.widget.value = "forty-nine"
    question.controls.press("check")
    assert question.tries == 0 and "is not a number" in question.controls.feedback
    question.input.widget.value = "49"
    question.controls.press("check")
    assert question.solved


def test_matching_and_ordering_dropdowns_start_unset_and_grade(quiz):
    matching = view(quiz, "wik-esketamine-match")
    assert all(v is None for v in matching.input.value.values())
    matching.input.value = {p["id"]: p["match"] for p in matching.question["pairs"]}
    matching.controls.press("check")
    assert matching.solved
    ordering = view(quiz, "wik-timeline")
    ordering.input.value = list(reversed(ordering.question["answer"]))
    ordering.controls.press("check")
    assert not ordering.solved and "in the right place" in ordering.controls.feedback


def test_options_are_shuffled_by_seed_and_can_be_kept_in_order(the_course):
    question = the_course.quizzes[SECTION].question("wik-drug-class")
    first = make_input(question, seed=1).widget.labels
    assert make_input(question, seed=1).widget.labels == first
    orders = {tuple(make_input(question, seed=s).widget.labels) for s in range(20)}
    assert len(orders) > 1
    fixed = make_input({**question, "shuffle": False}, seed=1).widget.labels
    assert fixed == [o["text"] for o in question["options"]]
    assert presentation_order([1, 2, 3], 5, "q", shuffle=False) == [1, 2, 3]


def test_section_score_and_progress_bar_follow_answers(quiz):
    question = view(quiz, "wik-drug-class")
    question.input.value = "dissociative"
    question.controls.press("check")
    assert quiz.bar.value == 1.0 and quiz.bar.max == len(quiz.questions)
    assert f"1 of {len(quiz.questions)} points" in quiz.score_text.value
    assert f"1 of {len(quiz.questions)} questions tried" in quiz.score_text.value


def test_each_check_saves_the_section_to_the_browser(quiz):
    question = view(quiz, "wik-drug-class")
    question.input.value = "ssri"
    question.controls.press("check")
    [message] = quiz.store.sent
    assert message["kind"] == "save" and message["section"] == SECTION
    saved = message["data"]["questions"]["wik-drug-class"]
    assert saved == {
        "tries": 1,
        "score": 0.0,
        "solved": False,
        "revealed": False,
        "answer": "ssri",
        "first_try": {
            "correct": False,
            "confidence": None,
            "answer": "ssri",
            "day": quiz.store.today.isoformat(),
        },
    }


def test_saved_answers_are_restored_with_their_feedback(quiz, the_course):
    question = view(quiz, "wik-drug-class")
    question.input.value = "ssri"
    question.controls.press("check")
    document = {"sections": {SECTION: quiz.snapshot()}}
    fresh = SectionQuiz(the_course, SECTION, store=RecordingStore(the_course))
    fresh.restore(document)
    again = view(fresh, "wik-drug-class")
    assert again.input.value == "ssri" and again.tries == 1
    assert "Not right:" in again.controls.feedback


def test_a_malformed_saved_answer_is_dropped_not_raised(the_course):
    fresh = SectionQuiz(the_course, SECTION, store=RecordingStore(the_course))
    state = {"tries": 2, "score": 0.0, "solved": False, "revealed": False, "answer": ["x"]}
    fresh.restore({"sections": {SECTION: {"questions": {"wik-drug-class": state}}}})
    question = view(fresh, "wik-drug-class")
    assert question.input.value is None and question.tries == 2


@pytest.mark.parametrize("kind", list(QUESTION_TYPES))
def test_a_malformed_saved_answer_of_any_type_leaves_the_question_unanswered(the_course, kind):
    question = next(
        q for quiz in the_course.quizzes.values() for q in quiz.questions if q["type"] == kind
    )
    restored = QuestionView(question, "Question", the_course.shuffle_seed)
    state = {"tries": 1, "score": 0.0, "solved": False, "revealed": False, "answer": ["x"]}
    restored.restore(state)
    assert restored.last_answer is None and restored.tries == 1
    with pytest.raises(AnswerError):
        grade(question, restored.input.value)


def test_reflection_needs_text_before_the_model_answer(the_course):
    reflection = ReflectionView(the_course.quizzes[SECTION].reflections[0])
    reflection.reveal_button.click()
    assert not reflection.revealed and "Write something first" in reflection.message.value
    reflection.text.value = "It is approved as an anaesthetic, not for microdosing."
    reflection.reveal_button.click()
    assert reflection.revealed and "esketamine" in reflection.model.value


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "x" * 20_000, "ü 😀 \u202e"])
def test_reflection_handles_odd_and_huge_text(the_course, text):
    reflection = ReflectionView(the_course.quizzes[SECTION].reflections[0])
    reflection.text.value = text
    reflection.reveal_button.click()
    assert reflection.revealed
    assert len(reflection.state()["text"]) <= 5_000
    assert "<script>" not in reflection.message.value + reflection.model.value


def test_choice_group_takes_the_browser_choice_by_message_and_ignores_junk():
    from widgets.views.choices import ChoiceGroup

    group = ChoiceGroup(legend="Pick", labels=["a", "b", "c"])
    group.receive({"selected": [2]})
    assert group.selected == [2]
    for junk in ({"selected": [9]}, {"selected": [0, 1]}, {"selected": "1"}, ["x"], None):
        group.receive(junk)
        assert group.selected == [2]


def test_menu_group_takes_each_menus_choice_by_message_and_ignores_junk():
    from widgets.views.choices import MenuGroup

    group = MenuGroup(legend="Match", slots=["x", "y"], options=["a", "b", "c"], selected=[-1, -1])
    group.receive({"selected": [2, NOTHING]})
    assert group.selected == [2, NOTHING]
    for junk in ({"selected": [9, 0]}, {"selected": [0]}, {"selected": [0, -2]}, None):
        group.receive(junk)
        assert group.selected == [2, NOTHING]


def test_a_matching_answer_reads_back_what_the_menus_show(the_course):
    question = next(q for q in the_course.quizzes["caution"].questions if q["type"] == "matching")
    view = QuestionView(question, "Q", the_course.shuffle_seed)
    right = {p["id"]: p["match"] for p in question["pairs"]}
    view.input.value = right
    assert view.input.value == right
    view.input.widget.receive({"selected": [NOTHING] * len(right)})
    assert view.input.value == dict.fromkeys(right)
    assert view.check() is None  # an empty answer is not graded


def say_how_sure(question: QuestionView, level: str) -> None:
    question.confidence.receive({"selected": [list(LEVELS).index(level)]})


def test_sure_but_wrong_shows_the_correction_of_the_misconception(quiz):
    question = view(quiz, "wik-drug-class")
    question.input.value = "ssri"
    say_how_sure(question, SURE)
    question.controls.press("check")
    wrong = next(o for o in question.question["options"] if o["id"] == "ssri")
    assert "You were sure, but this is not right." in question.controls.confidence_note
    assert html.escape(wrong["feedback"]) in question.controls.confidence_note
    first = {"correct": False, "confidence": SURE, "answer": "ssri"}
    assert question.state()["first_try"] == first | {"day": quiz.store.today.isoformat()}
    assert question.state()["confidence"] == SURE


def test_right_but_unsure_shows_why_it_is_right(quiz):
    question = view(quiz, "wik-drug-class")
    question.input.value = "dissociative"
    say_how_sure(question, GUESSING)
    question.controls.press("check")
    assert "Right, but you were not sure." in question.controls.confidence_note
    assert html.escape(question.question["explanation"]) in question.controls.confidence_note


def test_without_a_confidence_or_when_sure_and_right_nothing_more_is_said(quiz):
    question = view(quiz, "wik-drug-class")
    question.input.value = "ssri"
    question.controls.press("check")
    assert question.controls.confidence_note == ""
    question.input.value = "dissociative"
    say_how_sure(question, SURE)
    question.controls.press("check")
    assert question.controls.confidence_note == ""
    first = {"correct": False, "confidence": None, "answer": "ssri"}
    assert question.state()["first_try"] == first | {"day": quiz.store.today.isoformat()}


def test_confidence_comes_back_with_the_saved_answer(quiz, the_course):
    question = view(quiz, "wik-drug-class")
    question.input.value = "ssri"
    say_how_sure(question, SURE)
    question.controls.press("check")
    again = QuestionView(question.question, "Q", the_course.shuffle_seed)
    again.restore(question.state())
    assert again.confidence.selected == [list(LEVELS).index(SURE)]
    assert "You were sure" in again.controls.confidence_note
    assert again.state() == question.state()
