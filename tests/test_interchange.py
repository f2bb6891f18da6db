"""jupyterquiz import/export: real-format banks in, valid gradable questions out, and back.

The JSON below copies the shapes of jupyterquiz's own examples/questions.json and
README (many_choice, multiple_choice with a code block and code-only answers,
numeric with value/range/default answers and "precision").
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from widgets.authoring.cli import main
from widgets.authoring.jupyterquiz.common import InterchangeError
from widgets.authoring.jupyterquiz.exporter import export_jupyterquiz
from widgets.authoring.jupyterquiz.importer import check_against_course, import_jupyterquiz
from widgets.core.loader import DATA_DIR, course, load_course
from widgets.core.question_types import grade

SOURCE = "ch3-review.json"
REFS = ["spravato-label"]

BANK: list[dict[str, Any]] = [
    {
        "question": "Choose all of the following that can be included in Jupyter notebooks?",
        "type": "many_choice",
        "answer_cols": 2,
        "answers": [
            {"answer": "Text and graphics output from Python", "correct": True, "feedback": "Yes."},
            {"answer": "Typeset mathematics", "correct": True, "feedback": "Yes, via MathJax."},
            {"answer": "Live snakes via Python", "correct": False, "feedback": "I hope not."},
        ],
    },
    {
        "question": "Which of these are used to create formatted text in Jupyter notebooks?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "Wiki markup", "correct": False, "feedback": "False."},
            {"answer": "Markdown", "correct": True, "feedback": "Markdown cells format text."},
            {"answer": "Rich Text", "correct": False, "feedback": "False."},
        ],
    },
    {
        "question": "Enter the value of $\\pi$ (checked to 3 significant digits):",
        "type": "numeric",
        "precision": 3,
        "answers": [
            {"type": "value", "value": 3.14, "correct": True, "feedback": "Correct."},
            {
                "type": "range",
                "range": [-100000000, 0],
                "correct": False,
                "feedback": "$\\pi$ is the AREA of a circle of radius 1. Try again.",
            },
            {"type": "default", "feedback": "$\\pi$ is the area of a circle of radius 1."},
        ],
    },
    {
        "question": "Determine the output of the following Python code:",
        "code": 'a="1"\nb="2"\nprint(a+b)',
        "type": "multiple_choice",
        "answers": [
            {"answer": "3", "correct": False, "feedback": "No. Strings are concatenated."},
            {"answer": "12", "correct": True, "feedback": 'Yes. + joins "1" and "2".'},
        ],
    },
    {
        "question": "The variable mylist is a Python list. Which code appends the item 3 to it?",
        "type": "multiple_choice",
        "answers": [
            {"code": "mylist+=3", "correct": False},
            {"code": "mylist+=[3]", "correct": True},
        ],
    },
    {
        "question": "Ketamine is a Schedule III controlled substance in the US.",
        "type": "multiple_choice",
        "answers": [
            {"answer": "True", "correct": True, "feedback": "Right: Schedule III since 1999."},
            {"answer": "False", "correct": False, "feedback": "It is controlled, in Schedule III."},
        ],
    },
    {
        "question": "What percentage of people responded in the trial? (between 26 and 29)",
        "type": "numeric",
        "answers": [
            {"type": "range", "range": [26, 29], "correct": True, "feedback": "Right."},
            {"type": "range", "range": [-1e308, 26], "correct": False, "feedback": "Too low."},
            {"type": "range", "range": [29, 1e308], "correct": False, "feedback": "Too high."},
        ],
    },
    {
        "question": "Who was the 35th president (1961-63) of the US?",
        "type": "string",
        "answers": [{"answer": "John F. Kennedy", "correct": True, "fuzzy_threshold": 0.8}],
    },
]

QUESTION_SCHEMA = json.loads((DATA_DIR / "schema" / "quiz.schema.json").read_text("utf-8"))
QUESTION_VALIDATOR = jsonschema.Draft202012Validator(
    {"$defs": QUESTION_SCHEMA["$defs"], "$ref": "#/$defs/question"}
)


def imported(data: Any = None, **overrides: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Import a copy of BANK (or `data`) with the usual arguments."""
    arguments = {"id_prefix": "jq", "references": REFS, "source": SOURCE, **overrides}
    return import_jupyterquiz(copy.deepcopy(BANK if data is None else data), "welcome", **arguments)


def by_id(questions: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {q["id"]: q for q in questions}


def problems_for(data: Any) -> list[str]:
    with pytest.raises(InterchangeError) as caught:
        imported(data)
    return [str(p) for p in caught.value.problems]


def mc(answers: list[Any], kind: str = "multiple_choice") -> dict[str, Any]:
    return {"question": "Which one?", "type": kind, "answers": answers}


GOOD = mc([{"answer": "yes", "correct": True}, {"answer": "no", "correct": False}])


# --- import ------------------------------------------------------------------


def test_real_format_bank_imports_to_questions_valid_against_our_schema():
    questions, _ = imported()
    for question in questions:
        errors = [e.message for e in QUESTION_VALIDATOR.iter_errors(question)]
        assert errors == [], question["id"]
    assert [q["type"] for q in questions] == [
        "multiple",
        "single",
        "numeric",
        "single",
        "single",
        "truefalse",
        "numeric",
    ]


def test_imported_questions_load_into_the_course_without_problems(course_copy, edit_yaml):
    questions, _ = imported(id_prefix="wel-jq")
    edit_yaml(course_copy / "quizzes/welcome.yaml", lambda d: d["questions"].extend(questions))
    loaded = load_course(course_copy)
    assert loaded.quizzes["welcome"].question("wel-jq-1")["type"] == "multiple"


def test_ids_follow_the_prefix_and_the_place_in_the_file_and_skipped_types_are_warned():
    questions, warnings = imported()
    assert [q["id"] for q in questions] == [f"jq-{n}" for n in range(1, 8)]
    assert f"{SOURCE}: question 8: skipped: type 'string'" in "\n".join(warnings)


def test_options_get_letter_ids_and_references_come_from_the_argument():
    question = by_id(imported()[0])["jq-2"]
    assert [o["id"] for o in question["options"]] == ["a", "b", "c"]
    assert question["answer"] == "b"
    assert question["references"] == REFS


def test_many_choice_becomes_multiple_with_partial_credit():
    question = by_id(imported()[0])["jq-1"]
    assert question["answer"] == ["a", "b"]
    assert grade(question, ["a", "b"]).correct
    assert grade(question, ["a"]).score == 0.5
    assert grade(question, ["a", "b", "c"]).misconceptions == ("imported-jq-1-c",)


def test_true_false_multiple_choice_becomes_truefalse():
    question = by_id(imported()[0])["jq-6"]
    assert question["type"] == "truefalse" and question["answer"] is True
    assert question["misconception"] == "imported-jq-6-b"
    assert grade(question, True).correct
    wrong = grade(question, False)
    assert not wrong.correct
    assert wrong.feedback[0].text == "It is controlled, in Schedule III."


def test_wrong_options_get_generated_misconception_tags_counted_in_one_warning():
    questions, warnings = imported()
    tags = [
        part["misconception"]
        for q in questions
        for part in [q, *q.get("options", [])]
        if "misconception" in part
    ]
    assert "imported-jq-2-a" in tags and "imported-jq-2-c" in tags
    [warning] = [w for w in warnings if "misconception" in w]
    assert f"generated {len(tags)} misconception tag(s)" in warning


def test_explanation_is_the_correct_answers_feedback_or_a_fallback():
    questions = by_id(imported()[0])
    assert questions["jq-1"]["explanation"] == "Yes. Yes, via MathJax."
    assert questions["jq-5"]["explanation"] == "See the correct answer."


def test_numeric_range_becomes_midpoint_and_half_width_with_low_and_high_feedback():
    question = by_id(imported()[0])["jq-7"]
    assert (question["answer"], question["tolerance"]) == (27.5, 1.5)
    assert grade(question, 26).correct and grade(question, 29).correct
    assert grade(question, 25.9).feedback[0].text == "Too low."
    assert grade(question, 29.1).feedback[0].text == "Too high."


def test_numeric_value_with_precision_accepts_what_rounds_to_it_in_significant_digits():
    questions, warnings = imported()
    question = by_id(questions)["jq-3"]
    assert (question["answer"], question["tolerance"]) == (3.14, 0.005)
    assert grade(question, 3.136).correct and not grade(question, 3.134).correct
    assert any("question 3: 'precision': 3 read as significant digits" in w for w in warnings)


def test_numeric_value_with_more_digits_than_precision_is_rounded_as_jupyterquiz_does():
    data = [
        {
            "question": "Enter the value of pi to 2 decimal places.",
            "type": "numeric",
            "precision": 2,
            "answers": [{"type": "value", "value": 3.14, "correct": True}],
        }
    ]
    [question], _ = imported(data)
    assert (question["answer"], question["tolerance"]) == (3.1, 0.05)


def test_numeric_value_without_precision_is_exact():
    data = [
        {
            "question": "How many years from 1970 to 2019?",
            "type": "numeric",
            "answers": [{"type": "value", "value": 49, "correct": True, "feedback": "49."}],
        }
    ]
    [question], _ = imported(data)
    assert (question["answer"], question["tolerance"]) == (49, 0)
    assert question["feedback"]["low"] == "Incorrect. Try again."


def test_numeric_default_feedback_is_used_and_unmatched_wrong_answers_are_warned():
    questions, warnings = imported()
    question = by_id(questions)["jq-3"]
    expected = "$\\pi$ is the area of a circle of radius 1."
    assert question["feedback"]["low"] == question["feedback"]["high"] == expected
    assert any("question 3: wrong answer(s) 2 dropped" in w for w in warnings)


def test_extra_correct_numeric_answers_are_dropped_with_a_warning():
    data = [
        {
            "question": "pi?",
            "type": "numeric",
            "answers": [
                {"type": "value", "value": 3.14, "correct": True},
                {"type": "range", "range": [3.142857, 3.142858], "correct": True},
            ],
        }
    ]
    [question], warnings = imported(data)
    assert question["answer"] == 3.14
    assert any("answer(s) 2 also correct, dropped" in w for w in warnings)


def test_code_latex_and_layout_options_are_kept_or_ignored_with_warnings():
    questions, warnings = imported()
    code_question = by_id(questions)["jq-4"]
    assert code_question["prompt"].endswith("print(a+b)")
    assert [o["text"] for o in by_id(questions)["jq-5"]["options"]] == ["mylist+=3", "mylist+=[3]"]
    text = "\n".join(warnings)
    assert "question 1: ignored field(s) 'answer_cols'" in text
    assert "question 3: LaTeX in the question will show as plain text" in text
    assert "question 4: code in the question will show as plain text" in text
    assert "question 5: answer(s) 1, 2 had no feedback" in text


def test_html_entities_become_plain_text():
    data = [mc([{"answer": "Suicide &amp; Crisis Lifeline", "correct": True}, GOOD["answers"][1]])]
    [question], _ = imported(data)
    assert question["options"][0]["text"] == "Suicide & Crisis Lifeline"


def test_multiple_choice_with_two_correct_answers_imports_as_multiple():
    data = [mc([{"answer": "a", "correct": True}, {"answer": "b", "correct": True}])]
    [question], warnings = imported(data)
    assert question["type"] == "multiple" and question["answer"] == ["a", "b"]
    assert any("shows as many-choice in jupyterquiz" in w for w in warnings)


BAD_QUESTIONS = [
    pytest.param("not a question", "expected an object, got text", id="not-an-object"),
    pytest.param({"type": "many_choice", "answers": GOOD["answers"]}, "missing 'question'", id="q"),
    pytest.param({"question": "Q?", "answers": GOOD["answers"]}, "missing 'type'", id="type"),
    pytest.param({"question": "Q?", "type": "many_choice"}, "missing 'answers'", id="answers"),
    pytest.param({**GOOD, "type": "essay"}, "unknown type 'essay'", id="unknown-type"),
    pytest.param({**GOOD, "type": ["many_choice"]}, "unknown type ['many_choice']", id="type-list"),
    pytest.param({**GOOD, "answers": []}, "'answers' must be a non-empty list", id="no-answers"),
    pytest.param({**GOOD, "question": ""}, "the question text is empty", id="empty-question"),
    pytest.param(
        mc([{"answer": "a", "correct": False}, {"answer": "b", "correct": False}]),
        "no answer is marked correct",
        id="no-correct-choice",
    ),
    pytest.param(
        mc([{"answer": "a", "correct": "yes"}, {"answer": "b", "correct": False}]),
        "answer 1: 'correct' must be true or false, got 'yes'",
        id="correct-not-boolean",
    ),
    pytest.param(
        mc([{"answer": "a"}, {"answer": "b", "correct": True}]),
        "answer 1 has no 'correct'",
        id="correct-missing",
    ),
    pytest.param(
        mc([{"correct": True, "feedback": "ok"}, {"answer": "b", "correct": False}]),
        "answer 1 has no text: give 'answer' or 'code'",
        id="answer-without-text",
    ),
    pytest.param(
        mc([{"answer": "a", "correct": True, "feedback": 3}, {"answer": "b", "correct": False}]),
        "answer 1: 'feedback' must be text, got a number",
        id="feedback-not-text",
    ),
    pytest.param(
        {"question": "n?", "type": "numeric", "answers": [{"type": "default", "feedback": "No."}]},
        "a numeric question needs a 'value' or 'range' answer",
        id="numeric-without-value-or-range",
    ),
    pytest.param(
        {"question": "n?", "type": "numeric", "answers": [{"value": 3, "correct": False}]},
        "no answer is marked correct",
        id="numeric-no-correct",
    ),
    pytest.param(
        {"question": "n?", "type": "numeric", "answers": [{"value": "3", "correct": True}]},
        "answer 1: 'value' must be a number, got '3'",
        id="value-not-number",
    ),
    pytest.param(
        {"question": "n?", "type": "numeric", "answers": [{"range": [5], "correct": True}]},
        "answer 1: 'range' must be [low, high] numbers",
        id="range-malformed",
    ),
    pytest.param(
        {"question": "n?", "type": "numeric", "answers": [{"range": [5, 5], "correct": True}]},
        "answer 1: 'range' [5, 5] is empty",
        id="range-empty",
    ),
    pytest.param(
        {
            "question": "n?",
            "type": "numeric",
            "precision": 0,
            "answers": [{"value": 3, "correct": True}],
        },
        "'precision' must be a whole number from 1 to 100",
        id="precision-invalid",
    ),
    pytest.param(
        {"question": "n?", "type": "numeric", "answers": [{"type": "exact", "correct": True}]},
        "answer 1 has no 'value' or 'range' and is not of type 'default'",
        id="numeric-answer-kind-unknown",
    ),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_QUESTIONS)
def test_bad_question_is_reported_with_file_question_number_and_reason(bad, reason):
    [problem] = problems_for([GOOD, bad])
    assert problem.startswith(f"{SOURCE}: question 2: ")
    assert reason in problem


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"question": "Q?", "type": "many_choice", "answers": []}, "expected a list of questions"),
        ([], "the list of questions is empty"),
    ],
)
def test_file_that_is_not_a_list_of_questions_is_reported(data, reason):
    [problem] = problems_for(data)
    assert problem.startswith(f"{SOURCE}: file: {reason}")


def test_every_problem_in_the_file_is_reported_at_once():
    data = [
        {"question": "Q?", "type": "essay", "answers": GOOD["answers"]},
        GOOD,
        mc([{"answer": "a", "correct": 1}, {"correct": False}]),
        {"question": "n?", "type": "numeric", "answers": [{"value": 1, "correct": False}]},
    ]
    problems = problems_for(data)
    assert len(problems) == 4
    assert [p.split(": ")[1] for p in problems] == [
        "question 1",
        "question 3",
        "question 3",
        "question 4",
    ]
    with pytest.raises(InterchangeError, match=r"4 problem\(s\)"):
        imported(data)


def test_bad_prefix_and_missing_references_are_reported_with_the_questions():
    with pytest.raises(InterchangeError) as caught:
        imported([GOOD, {"question": "Q?"}], id_prefix="Bad Prefix", references=[])
    reasons = [str(p) for p in caught.value.problems]
    assert any("prefix: 'Bad Prefix' is not an id" in r for r in reasons)
    assert any("reference: give at least one reference id" in r for r in reasons)
    assert any("question 2: missing 'type', 'answers'" in r for r in reasons)


def test_interchange_error_is_a_value_error():
    assert issubclass(InterchangeError, ValueError)


# --- export ------------------------------------------------------------------


def test_export_gives_jupyterquiz_shapes_for_each_type(the_course):
    quiz = the_course.quizzes["what-is-ketamine"]
    exported, _ = export_jupyterquiz(
        [quiz.question(q) for q in ("wik-fda-2023", "wik-esketamine-age", "wik-years-approval")]
    )
    single, truefalse, numeric = exported
    assert single["type"] == "multiple_choice"
    assert [a["correct"] for a in single["answers"]] == [True, False, False, False]
    assert truefalse["type"] == "multiple_choice"
    assert [(a["answer"], a["correct"]) for a in truefalse["answers"]] == [
        ("True", False),
        ("False", True),
    ]
    assert numeric["type"] == "numeric"
    assert numeric["answers"][0] == {
        "type": "value",
        "value": 49,
        "correct": True,
        "feedback": quiz.question("wik-years-approval")["feedback"]["correct"],
    }
    assert [a["correct"] for a in numeric["answers"][1:]] == [False, False]


def test_export_turns_a_tolerance_into_a_range(the_course):
    question = the_course.quizzes["evidence-by-condition"].question("ebc-cochrane-response")
    [numeric], _ = export_jupyterquiz([question])
    assert numeric["answers"][0]["type"] == "range"
    assert numeric["answers"][0]["range"] == [25.4, 29.4]


def test_export_skips_matching_and_ordering_naming_them(the_course):
    questions = the_course.quizzes["what-is-ketamine"].questions
    exported, warnings = export_jupyterquiz(questions)
    skipped = [q["id"] for q in questions if q["type"] in ("matching", "ordering")]
    assert skipped and len(exported) == len(questions) - len(skipped)
    for question_id in skipped:
        assert any(w.startswith(f"question {question_id}: skipped") for w in warnings)


def test_export_escapes_html_because_jupyterquiz_renders_texts_as_html(the_course):
    exported, _ = export_jupyterquiz(the_course.quizzes["welcome"].questions)
    texts = [a["answer"] for q in exported for a in q["answers"]]
    assert "Call or text 988, the Suicide &amp; Crisis Lifeline" in texts


def test_export_warns_once_about_fields_jupyterquiz_cannot_hold(the_course):
    _, warnings = export_jupyterquiz(the_course.quizzes["what-is-ketamine"].questions)
    [summary] = [w for w in warnings if w.startswith("jupyterquiz has no place for")]
    assert "explanation" in summary and "references" in summary


# --- round trips -------------------------------------------------------------


def numeric_probes(question: dict[str, Any]) -> list[float]:
    target, tolerance = question["answer"], question["tolerance"]
    step = tolerance or 1
    return [target, target - tolerance, target + tolerance, target - 2 * step, target + 2 * step]


def outcome(question: dict[str, Any], answer: Any) -> tuple[bool, float, list[tuple[bool, str]]]:
    """What the learner is told; labels are left out since units do not survive export."""
    result = grade(question, answer)
    return result.correct, result.score, [(f.ok, f.text) for f in result.feedback]


def same_grading(ours: dict[str, Any], back: dict[str, Any]) -> None:
    """Every answer a learner can give is graded the same, with the same feedback."""
    assert (back["type"], back["prompt"]) == (ours["type"], ours["prompt"])
    if ours["type"] == "numeric":
        tries = [(x, x) for x in numeric_probes(ours)]
    elif ours["type"] == "truefalse":
        tries = [(True, True), (False, False)]
    else:
        assert [(o["text"], o["feedback"]) for o in back["options"]] == [
            (o["text"], o["feedback"]) for o in ours["options"]
        ]
        pairs = [(a["id"], b["id"]) for a, b in zip(ours["options"], back["options"], strict=True)]
        if ours["type"] == "single":
            tries = pairs
        else:
            tries = [([a], [b]) for a, b in pairs] + [
                ([a for a, _ in pairs], [b for _, b in pairs])
            ]
    for mine, theirs in tries:
        assert outcome(ours, mine) == outcome(back, theirs), (ours["id"], mine)


@pytest.mark.parametrize("section", [s.id for s in course().sections])
def test_round_trip_through_jupyterquiz_keeps_every_course_question_gradable(section):
    quiz = course().quizzes[section]
    ours = [q for q in quiz.questions if q["type"] not in ("matching", "ordering")]
    exported, _ = export_jupyterquiz(ours)
    back, _ = import_jupyterquiz(
        json.loads(json.dumps(exported)), section, id_prefix="rt", references=REFS, source="rt"
    )
    assert len(back) == len(ours)
    for mine, theirs in zip(ours, back, strict=True):
        assert list(QUESTION_VALIDATOR.iter_errors(theirs)) == []
        same_grading(mine, theirs)


def test_round_trip_of_a_jupyterquiz_bank_imports_the_same_questions():
    first, _ = imported()
    exported, _ = export_jupyterquiz(first)
    again, _ = imported(exported)

    def without_explanation(questions):
        return [{k: v for k, v in q.items() if k != "explanation"} for q in questions]

    assert without_explanation(again) == without_explanation(first)


# --- course checks and command line -----------------------------------------


def test_course_check_reports_unknown_section_reference_and_taken_ids(the_course):
    problems = check_against_course(
        the_course, "nowhere", ["no-such-source"], ["wik-drug-class", "jq-1"], SOURCE
    )
    text = [str(p) for p in problems]
    assert any("section: unknown section 'nowhere'" in p for p in text)
    assert any("reference: unknown reference id 'no-such-source'" in p for p in text)
    assert any(
        "question wik-drug-class: id already used in section what-is-ketamine" in p for p in text
    )
    assert len(problems) == 3


def write_bank(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / SOURCE
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def import_args(path: Path, *extra: str) -> list[str]:
    return [
        "import-jupyterquiz",
        str(path),
        "--section",
        "welcome",
        "--prefix",
        "wel-jq",
        "--reference",
        "spravato-label",
        *extra,
    ]


def test_cli_import_writes_yaml_questions_and_warnings_to_stderr(tmp_path, capsys):
    out = tmp_path / "questions.yaml"
    assert main(import_args(write_bank(tmp_path, BANK), "--out", str(out))) == 0
    questions = yaml.safe_load(out.read_text("utf-8"))
    assert [q["id"] for q in questions][:2] == ["wel-jq-1", "wel-jq-2"]
    assert all(not list(QUESTION_VALIDATOR.iter_errors(q)) for q in questions)
    assert f"warning: {SOURCE}: question 8: skipped" in capsys.readouterr().err


def test_cli_import_prints_yaml_to_stdout_without_out(tmp_path, capsys):
    assert main(import_args(write_bank(tmp_path, [GOOD]))) == 0
    [question] = yaml.safe_load(capsys.readouterr().out)
    assert question["id"] == "wel-jq-1"


def test_cli_import_exits_1_listing_every_problem(tmp_path, capsys):
    bad = [GOOD, {"question": "Q?", "type": "essay", "answers": []}, mc([{"answer": "x"}])]
    path = write_bank(tmp_path, bad)
    assert main([*import_args(path), "--reference", "no-such-source"]) == 1
    err = capsys.readouterr().err
    assert f"{SOURCE}: question 2: unknown type 'essay'" in err
    assert f"{SOURCE}: question 3: answer 1 has no 'correct'" in err
    assert "unknown reference id 'no-such-source'" in err


def test_cli_import_exits_1_on_invalid_json_naming_the_line(tmp_path, capsys):
    path = tmp_path / SOURCE
    path.write_text('[\n  {"question": "Q?",\n  oops}\n]', encoding="utf-8")
    assert main(import_args(path)) == 1
    assert f"{SOURCE}:3: not valid JSON" in capsys.readouterr().err


def test_cli_import_exits_1_on_a_missing_file(tmp_path, capsys):
    assert main(import_args(tmp_path / "absent.json")) == 1
    assert "cannot read" in capsys.readouterr().err


def test_cli_export_writes_json_that_imports_back(tmp_path, capsys):
    out = tmp_path / "wik.json"
    assert main(["export-jupyterquiz", "what-is-ketamine", "--out", str(out)]) == 0
    assert "skipped: jupyterquiz has no ordering questions" in capsys.readouterr().err
    exported = json.loads(out.read_text("utf-8"))
    assert {q["type"] for q in exported} <= {"multiple_choice", "many_choice", "numeric"}
    assert main(import_args(out, "--out", str(tmp_path / "back.yaml"))) == 0


def test_cli_export_exits_1_on_unknown_section(capsys):
    assert main(["export-jupyterquiz", "nowhere"]) == 1
    assert "unknown section 'nowhere'" in capsys.readouterr().err
