"""Learner-safety and accuracy rules from the fact brief (FACTS.md) that a machine can check.

Each rule is a small pure checker run over everything a learner can read, plus a
test that feeds the checker a bad example, so every rule is known to be able to fail.
"""

from __future__ import annotations

import ast
import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
import yaml

from tests.browser import NOTEBOOK_DIR
from tests.test_bank import problems_of
from widgets.authoring.safety import learner_text
from widgets.core.loader import DATA_DIR, course
from widgets.core.triage import triage
from widgets.views.kit import citations_html

POISON_HELP = "1-800-222-1222"
LOCAL_NUMBER = re.compile(r"outside the US,? call your local emergency number\.$", re.IGNORECASE)

LEARNER_YAML = [
    DATA_DIR / name
    for name in ("course.yaml", "glossary.yaml", "worry-check.yaml", "references.yaml")
]
Unit = tuple[str, str, str]
"""(where, text, context): a string a learner reads and the item text around it."""


def _strings(node: Any, where: str, context: str = "") -> Iterator[Unit]:
    """Every string in parsed YAML, with the strings of the nearest item (a mapping with an
    id) as its context; the worry check's advice, outside any item, stands alone."""
    if isinstance(node, str):
        yield where, node, context
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _strings(child, f"{where}[{index}]", context)
    elif isinstance(node, dict):
        name = node.get("id") or node.get("term")
        own = " ".join(v for v in node.values() if isinstance(v, str)) if name else context
        for key, child in node.items():
            yield from _strings(child, f"{where}/{name or key}", own)


def _notebook_units(path: Path) -> Iterator[Unit]:
    """Paragraphs and list items of a notebook's markdown, each on its own."""
    for cell_number, cell in enumerate(learner_text(path).split("\f"), 1):
        for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)", cell):
            yield f"{path.name} markdown cell {cell_number}", block, ""


def _table_units(path: Path) -> Iterator[Unit]:
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.reader(handle), 1):
            yield f"{path.name} row {line}", " | ".join(row), ""


def learner_units() -> list[Unit]:
    """Everything a learner can read: data files, tables and notebook text."""
    units: list[Unit] = []
    for path in [*LEARNER_YAML, *sorted((DATA_DIR / "quizzes").glob("*.yaml"))]:
        units += _strings(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    for path in sorted((DATA_DIR / "tables").glob("*.csv")):
        units += _table_units(path)
    for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
        units += _notebook_units(path)
    return units


def _flat(text: str) -> str:
    return " ".join(text.split())


def _sentence_around(text: str, position: int, before: int = 1) -> str:
    """The sentence holding `position`, with `before` sentences ahead of it."""
    ends = [m.end() for m in re.finditer(r"[.!?][\"')*]*\s+", text)]
    starts = [0, *ends]
    index = max(i for i, start in enumerate(starts) if start <= position)
    stop = starts[index + 1] if index + 1 < len(starts) else len(text)
    return text[starts[max(0, index - before)] : stop]


# --- "Stop using ketamine" only for bladder signs or ketamine not prescribed -------------

STOP_ADVICE = re.compile(
    r"\b(?:stop(?:ping)?|quit|discontinue)\s+"
    r"(?:using|taking|ketamine|esketamine|it\b|your\b|the\s+(?:drug|medicine))"
    r"|\bstop\s+and\s+(?:get|seek|see)\b",
    re.IGNORECASE,
)
NEGATED = re.compile(r"(?:\bnot|\bnever|n't)\s+$", re.IGNORECASE)
ALLOWED_REASON = re.compile(
    r"bladder|urin|\bpee(?:ing)?\b|uropathy|not\s+(?:been\s+)?prescribed|without\s+a\s+(?:valid\s+)?"
    r"prescription",
    re.IGNORECASE,
)


def stop_advice_problems(units: Iterable[Unit]) -> list[str]:
    """'Stop using ketamine' said where neither bladder signs nor unprescribed ketamine
    are the reason: for prescribed treatment that is medication advice (FACTS.md)."""
    found = []
    for where, text, context in units:
        for match in STOP_ADVICE.finditer(text):
            if NEGATED.search(text[max(0, match.start() - 12) : match.start()]):
                continue
            if not ALLOWED_REASON.search(_sentence_around(text, match.start()) + " " + context):
                found.append(f"{where}: {_flat(_sentence_around(text, match.start(), 0))}")
    return found


def test_stop_advice_only_for_bladder_signs_or_ketamine_not_prescribed():
    assert stop_advice_problems(learner_units()) == []


def test_stop_advice_check_catches_medication_advice():
    bad = [
        ("x", "Very high blood pressure? Stop using ketamine and get care today.", ""),
        ("y", "Cravings: quit taking it. The bladder is fine.", ""),
    ]
    fine = [
        ("a", "Blood in the urine. Stop using ketamine and get medical care.", ""),
        ("b", "If it was not prescribed to you, stop using it and get care.", ""),
        ("c", "Do not stop taking your medicine on your own.", ""),
        ("d", "Stop using ketamine and get medical care today", "Pain when peeing"),
    ]
    assert stop_advice_problems(bad) == [
        "x: Stop using ketamine and get care today.",
        "y: Cravings: quit taking it.",
    ]
    assert stop_advice_problems(fine) == []


# --- The worry check: Poison Help, the local number, and no expected use ----------------


def worry_check() -> dict[str, Any]:
    return course().worry_check


def test_worry_check_routes_a_symptom_to_poison_help():
    check = worry_check()
    routed = [s["id"] for s in check["symptoms"] if POISON_HELP in triage(check, [s["id"]])[1][0]]
    assert "took-too-much" in routed and "child-swallowed" in routed


def test_911_is_kept_for_someone_unconscious_or_not_breathing():
    check = worry_check()
    for symptom in ("cannot-wake", "trouble-breathing"):
        level, advice = triage(check, [symptom])
        assert level == "emergency" and "Call 911 now" in advice[0]


def advice_texts(check: dict[str, Any]) -> dict[str, str]:
    return {**check["advice"], "always": check["always"]}


def local_number_problems(texts: dict[str, str]) -> list[str]:
    return [name for name, text in texts.items() if not LOCAL_NUMBER.search(_flat(text))]


def test_every_advice_text_ends_with_the_local_emergency_number():
    assert local_number_problems(advice_texts(worry_check())) == []


def test_local_number_check_catches_advice_without_it():
    texts = {
        "ok": "Call 911. Outside the US, call your local emergency number.",
        "bad": "Call 911.",
    }
    assert local_number_problems(texts) == ["bad"]


@pytest.mark.parametrize("ticked", [[], *[[s["id"]] for s in course().worry_check["symptoms"]]])
def test_every_path_offers_poison_help_and_the_local_number(ticked):
    _, advice = triage(worry_check(), ticked)
    assert POISON_HELP in " ".join(advice)
    assert LOCAL_NUMBER.search(_flat(advice[-1]))


def test_nothing_ticked_does_not_read_as_if_use_goes_on():
    text = _flat(worry_check()["advice"]["none"])
    assert not re.search(r"keep (?:watching|using|taking)|next (?:session|dose)", text, re.I)


# --- Wherever 911 or 988 is named, so is the local emergency number ---------------------

# 911 or 988 as a number to call: not inside an id or an address (samhsa-988,
# 988lifeline.org), and not the Lifeline's name ("the 988 Suicide & Crisis Lifeline")
# unless someone is told to call or text it.
US_LINE = re.compile(
    r"(?<![\w-])911(?![\w-])"
    r"|(?<![\w-])988(?![\w-])(?!\s+(?:Suicide|Lifeline))"
    r"|\b(?:call|text)\s+(?:or\s+text\s+)?(?:the\s+)?988\b",
    re.IGNORECASE,
)
Block = list[tuple[str, str]]
"""(where, text) units a page shows together: a paragraph, one whole list, one entry."""


def quiz_advice(item: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, text) for what a quiz item tells the learner: feedback, explanation and
    model answer. Option texts, prompts and hints pose the question, so they are left out."""
    for key in ("explanation", "model_answer"):
        if key in item:
            yield f"{item['id']}/{key}", item[key]
    if isinstance(item.get("feedback"), dict):
        for band, text in item["feedback"].items():
            yield f"{item['id']}/feedback/{band}", text
    for choice in (*item.get("options", []), *item.get("pairs", [])):
        if "feedback" in choice:
            yield f"{item['id']}/{choice['id']}", choice["feedback"]


def _item_name(node: Any) -> str | None:
    return node.get("id") or node.get("term") if isinstance(node, dict) else None


def _keyed(node: Any, where: str, block: str | None) -> Iterator[tuple[str, str, str]]:
    """(block, where, text) for every string in parsed YAML; see `yaml_blocks`."""
    if isinstance(node, str):
        yield block or where, where, node
    elif isinstance(node, list):
        plain = not any(_item_name(child) for child in node)
        for index, child in enumerate(node):
            yield from _keyed(child, f"{where}[{index}]", where if plain else None)
    elif isinstance(node, dict):
        name = _item_name(node)
        for key, child in node.items():
            at = f"{where}/{name}/{key}" if name else f"{where}/{key}"
            yield from _keyed(child, at, f"{where}/{name}" if name else block)


def yaml_blocks(node: Any, where: str) -> list[Block]:
    """The strings of parsed YAML grouped as a page shows them: a list of plain entries
    (key points, objectives, the crisis panel's lines) is one block; an item with an id
    or a term (a glossary entry, a symptom) is one block; any other string stands alone."""
    blocks: dict[str, Block] = {}
    for block, at, text in _keyed(node, where, None):
        blocks.setdefault(block, []).append((at, text))
    return list(blocks.values())


def _is_list_item(text: str) -> bool:
    return bool(re.match(r"\s*(?:[-*]|\d+\.)\s", text))


def notebook_blocks(path: Path) -> list[Block]:
    """A notebook's markdown paragraphs, each a block, except that the items of one list
    (consecutive list items, as `_notebook_units` splits them) make one block; and each
    string literal in its code cells (a caption, say) as a block of its own."""
    blocks: list[Block] = []
    previous = ("", False)
    for where, text, _ in _notebook_units(path):
        item = _is_list_item(text)
        if item and previous == (where, True):
            blocks[-1].append((where, text))
        else:
            blocks.append([(where, text)])
        previous = (where, item)
    for number, cell in enumerate(nbformat.read(path, as_version=4).cells, 1):
        if cell.cell_type == "code":
            blocks += [
                [(f"{path.name} code cell {number}", text)] for text in _literals(cell.source)
            ]
    return blocks


def _literals(source: str) -> list[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a magic or shell line: no Python literals to read
        return []
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


# Where a learner is told whom to call. references.yaml is left out: a source's title
# names the Lifeline, it does not tell anyone to call it.
CALL_YAML = [
    DATA_DIR / name
    for name in ("course.yaml", "glossary.yaml", "worry-check.yaml", "prepost.yaml", "figures.yaml")
]


def learner_blocks() -> list[Block]:
    """Every text a learner reads that can tell them whom to call, in its blocks: course,
    glossary, worry check and other YAML, quiz feedback, table rows, notebook text."""
    blocks: list[Block] = []
    for path in CALL_YAML:
        blocks += yaml_blocks(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    blocks += [
        [advice]
        for quiz in course().quizzes.values()
        for item in (*quiz.questions, *quiz.reflections, *quiz.exercises)
        for advice in quiz_advice(item)
    ]
    for path in sorted((DATA_DIR / "tables").glob("*.csv")):
        blocks += [[(where, text)] for where, text, _ in _table_units(path)]
    for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
        blocks += notebook_blocks(path)
    return blocks


def us_line_without_local_number(blocks: Iterable[Block]) -> list[tuple[str, str]]:
    """Text that names 911 or 988 must also say what to do outside the US, where those
    numbers may not work (FACTS.md additions: wherever a page says whom to call).

    "Local emergency number" must be in the same unit (paragraph, list item, quiz
    feedback, table row, glossary entry), or elsewhere in the block the page shows it
    in: a list ending "Outside the US, call your local emergency number" (the crisis
    panel's lines, a bulleted "When to call for help" list, a section's key points)
    covers every item of that list.
    """
    found = []
    for block in blocks:
        if any("local emergency number" in _flat(text).lower() for _, text in block):
            continue
        found += [(where, _flat(text)) for where, text in block if US_LINE.search(text)]
    return found


def test_every_text_naming_911_or_988_also_names_the_local_emergency_number():
    assert us_line_without_local_number(learner_blocks()) == []


def wheres(found: list[tuple[str, str]]) -> list[str]:
    return [where for where, _ in found]


def test_local_number_check_catches_911_or_988_alone_in_quiz_feedback():
    item = {
        "id": "q",
        "options": [
            {"id": "a", "feedback": "Do not wait: call 911."},
            {
                "id": "b",
                "feedback": "Right. Call 911. Outside the US, call your local emergency number.",
            },
            {"id": "c", "feedback": "Poison Help is for a suspected poisoning."},
        ],
        "feedback": {"true": "No.", "false": "Right. 988 is for thoughts of suicide."},
        "explanation": "911 for breathing problems; 988 for suicidal thoughts.",
    }
    reflection = {"id": "r", "model_answer": "If they are in crisis, they can call or text 988."}
    found = us_line_without_local_number(
        [[advice] for advice in (*quiz_advice(item), *quiz_advice(reflection))]
    )
    assert wheres(found) == ["q/explanation", "q/feedback/false", "q/a", "r/model_answer"]


def test_local_number_check_catches_a_key_point_and_a_glossary_entry_alone():
    manifest = {
        "id": "c",
        "crisis": {
            "lines": [
                {"when": "Someone cannot be woken", "contact": "Call 911 now."},
                {"when": "Outside the US", "contact": "Call your local emergency number."},
            ]
        },
        "sections": [
            {
                "id": "s",
                "objectives": ["Know when to call 988, 911 or a local emergency number."],
                "key_points": ["Rest after a session.", "Call 911 if someone cannot be woken."],
                "references": ["samhsa-988"],
            }
        ],
    }
    glossary = {
        "terms": [
            {"term": "988 Suicide & Crisis Lifeline", "definition": "Call or text 988."},
            {"term": "911", "definition": "Outside the US, call your local emergency number."},
        ]
    }
    found = us_line_without_local_number(
        [*yaml_blocks(manifest, "course.yaml"), *yaml_blocks(glossary, "glossary.yaml")]
    )
    assert wheres(found) == [
        "course.yaml/c/sections[0]/s/key_points[1]",
        "glossary.yaml/terms[0]/988 Suicide & Crisis Lifeline/definition",
    ]


def test_local_number_check_catches_a_notebook_paragraph_or_list_alone(tmp_path):
    cells = [
        "If you are in crisis, call or text **988**.\n\nOutside the US, call your local "
        "emergency number.",
        "**When to call:**\n\n- Call **911** if someone cannot be woken.\n- For thoughts of "
        "suicide, call or text 988.\n- Outside the US, call your local emergency number.",
        "- Call 911 now.\n- Then rest.",
        "- [988 Lifeline](#ref-samhsa-988): the 988 Suicide & Crisis Lifeline, run for SAMHSA.",
        "Call the 988 Suicide & Crisis Lifeline.",
    ]
    notebook = nbformat.v4.new_notebook(
        cells=[
            *map(nbformat.v4.new_markdown_cell, cells),
            nbformat.v4.new_code_cell('page.steps("help", "Who to call: 911")'),
        ]
    )
    nbformat.write(notebook, tmp_path / "x.ipynb")
    found = us_line_without_local_number(notebook_blocks(tmp_path / "x.ipynb"))
    assert found == [
        ("x.ipynb markdown cell 1", "If you are in crisis, call or text **988**."),
        ("x.ipynb markdown cell 3", "- Call 911 now."),
        ("x.ipynb markdown cell 5", "Call the 988 Suicide & Crisis Lifeline."),
        ("x.ipynb code cell 6", "Who to call: 911"),
    ]


# --- Numeric questions: one tolerance per fact, feedback true for the whole band --------


def numeric_questions() -> list[dict[str, Any]]:
    return [
        q
        for quiz in course().quizzes.values()
        for q in (*quiz.questions, *quiz.exercises)
        if q["type"] == "numeric"
    ]


def tolerance_conflicts(questions: Iterable[dict[str, Any]]) -> list[str]:
    """Questions asking the same figure from the same source must grade it the same way."""
    by_fact: dict[tuple[str, float, str], dict[float, list[str]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for q in questions:
        for ref in q["references"]:
            by_fact[ref, q["answer"], q["unit"].strip()][q["tolerance"]].append(q["id"])
    return [
        f"{ref} {answer:g}{unit}: {dict(tolerances)}"
        for (ref, answer, unit), tolerances in by_fact.items()
        if len(tolerances) > 1
    ]


def test_the_same_fact_has_the_same_tolerance_everywhere():
    assert tolerance_conflicts(numeric_questions()) == []


def test_tolerance_check_catches_two_tolerances_for_one_figure():
    first = {"id": "a", "references": ["dean-2021"], "answer": 27.4, "unit": "%", "tolerance": 2}
    second = {**first, "id": "b", "tolerance": 3}
    assert tolerance_conflicts([first, second]) == ["dean-2021 27.4%: {2: ['a'], 3: ['b']}"]


NEAR = re.compile(r"\b(?:a bit|a little|slightly|just|close|nearly|almost|not far)\b", re.I)


def feedback_band_problems(question: dict[str, Any]) -> list[str]:
    """'Too low' covers every answer down to 0 and below, 'too high' every answer above:
    neither may say the answer was close. The 'correct' text states the figure."""
    feedback = question["feedback"]
    found = [f"{band}: {m[0]!r}" for band in ("low", "high") if (m := NEAR.search(feedback[band]))]
    if f"{question['answer']:g}" not in feedback["correct"]:
        found.append("correct: does not state the figure")
    return found


@pytest.mark.parametrize("question", numeric_questions(), ids=lambda q: q["id"])
def test_numeric_feedback_is_true_for_its_whole_band(question):
    assert feedback_band_problems(question) == []


def test_feedback_band_check_catches_a_close_call_for_any_low_answer():
    question = {
        "answer": 20,
        "feedback": {"correct": "Right: 20.", "low": "A bit too low.", "high": "Too high."},
    }
    assert feedback_band_problems(question) == ["low: 'A bit'"]


# --- Evidence wording: no absolute "no trial", ELEKT-D's design, dated telehealth -------

ABSOLUTE_NO_TRIAL = re.compile(
    r"no controlled trial (?:has|have|exists?|supports?|tested|shows?)|there is no controlled "
    r"trial|(?:has|have) not been tested in a controlled trial|search(?:ed)? (?:done )?in 2025"
    r"|searched 2025|2025 search",
    re.IGNORECASE,
)


def no_trial_problems(units: Iterable[Unit]) -> list[str]:
    """'No controlled trial' only as what a dated search found (FACTS.md additions)."""
    found = []
    for where, text, _ in units:
        flat = _flat(text)
        found += [f"{where}: {m[0]!r}" for m in ABSOLUTE_NO_TRIAL.finditer(flat)]
        for match in re.finditer(r"no controlled trial", flat, re.IGNORECASE):
            if "found" not in _sentence_around(flat, match.start(), 0):
                found.append(f"{where}: {_flat(_sentence_around(flat, match.start(), 0))}")
    return found


def test_no_controlled_trial_is_said_only_as_a_search_result():
    assert no_trial_problems(learner_units()) == []


def test_no_trial_check_catches_absolute_wording():
    units = [("x", "No controlled trial exists.", ""), ("y", "No controlled trial was found.", "")]
    assert no_trial_problems(units) == [
        "x: 'No controlled trial exists'",
        "x: No controlled trial exists.",
    ]


def elektd_problems(units: Iterable[Unit]) -> list[str]:
    """Wherever ELEKT-D's result is given, say it was open-label (FACTS.md additions)."""
    return [
        where
        for where, text, context in units
        if re.search(r"ELEKT-D|anand-2023", text)
        and not re.fullmatch(r"[a-z0-9-]+", text)
        and "open-label" not in f"{text} {context}"
    ]


def test_elektd_is_called_open_label_wherever_it_is_given():
    units = [u for u in learner_units() if not u[0].startswith("references.yaml")]
    quizzes = [
        (q["id"], q["explanation"], "")
        for quiz in course().quizzes.values()
        for q in quiz.questions
        if "anand-2023" in q["references"]
    ]
    assert elektd_problems(units + quizzes) == []


def test_elektd_check_catches_a_missing_design():
    assert elektd_problems([("x", "ELEKT-D: ketamine was non-inferior to ECT.", "")]) == ["x"]


CERTAINTY = {"very low": 0, "low": 1, "moderate": 2, "high": 3}


def open_label_rated_above_blinded(rows: list[dict[str, str]]) -> list[str]:
    """No open-label study is rated more certain than any blinded trial."""

    def rank(row: dict[str, str]) -> int | None:
        words = row["Certainty"].lower()
        return next((v for k, v in CERTAINTY.items() if words.startswith(k)), None)

    def blinded(row: dict[str, str]) -> bool:
        design = row["Design"].lower()
        return "double-blind" in design or (
            "placebo-controlled" in design and "open-label" not in design
        )

    rated = [r for r in rows if rank(r) is not None]
    floor = min(rank(r) for r in rated if blinded(r))
    return [
        r["Study"]
        for r in rated
        if "open-label" in r["Design"].lower() and not blinded(r) and rank(r) > floor
    ]


def evidence_rows() -> list[dict[str, str]]:
    with (DATA_DIR / "tables" / "evidence.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_no_open_label_study_is_rated_above_a_blinded_trial():
    assert open_label_rated_above_blinded(evidence_rows()) == []


def test_certainty_check_catches_an_open_label_trial_rated_too_high():
    rows = [
        {"Study": "blinded", "Design": "Double-blind trial", "Certainty": "Low: small"},
        {"Study": "open", "Design": "Open-label trial", "Certainty": "Moderate: large"},
    ]
    assert open_label_rated_above_blinded(rows) == ["open"]


DATE_2026 = re.compile(r"\b\d{1,2} [A-Z][a-z]+ 2026\b")
UNTIL_DATE = re.compile(
    r"\b(?:run|runs|allow|allows|last|lasts|are|is)\b[^.]{0,80}\b(?:until|through)\s+"
    r"\d{1,2} [A-Z][a-z]+ 2026\b"
)


def correct_answer_texts(question: dict[str, Any]) -> list[str]:
    kind = question["type"]
    if kind in ("single", "multiple"):
        keys = question["answer"] if kind == "multiple" else [question["answer"]]
        return [o["text"] for o in question["options"] if o["id"] in keys]
    if kind == "matching":
        return [p["match"] for p in question["pairs"]]
    if kind == "truefalse" and question["answer"]:
        return [question["prompt"]]
    return []


def date_bound_problems(questions: Iterable[dict[str, Any]], units: Iterable[Unit]) -> list[str]:
    """No quiz answer that is right only before a 2026 date, and no text saying a rule
    lasts until such a date: the telehealth date is about to pass (FACTS.md additions)."""
    found = [
        f"{q['id']}: {m[0]}"
        for q in questions
        for text in correct_answer_texts(q)
        for m in DATE_2026.finditer(text)
    ]
    return found + [
        f"{where}: {m[0]}" for where, text, _ in units for m in UNTIL_DATE.finditer(_flat(text))
    ]


def test_no_answer_or_text_depends_on_the_telehealth_date_being_ahead():
    questions = [q for quiz in course().quizzes.values() for q in quiz.questions]
    assert date_bound_problems(questions, learner_units()) == []


def test_date_check_catches_a_dated_answer_and_present_tense_wording():
    question = {
        "id": "q",
        "type": "single",
        "answer": "a",
        "options": [{"id": "a", "text": "Extended through 31 December 2026"}],
    }
    units = [("x", "Temporary rules allow more of it until 31 December 2026.", "")]
    assert date_bound_problems([question], units) == [
        "q: 31 December 2026",
        "x: allow more of it until 31 December 2026",
    ]


# --- Section 6 names the heart, and the course cites itself, not the magazine ----------


def test_caution_section_covers_heart_and_blood_vessels():
    text = _flat(learner_text(NOTEBOOK_DIR / course().section("caution").notebook))
    for words in ("heart rate", "high blood pressure", "past stroke", "careful medical check"):
        assert words in text, words


def test_questions_about_the_course_cite_the_course_not_the_magazine():
    welcome = course().quizzes["welcome"].questions
    assert [q["id"] for q in welcome if "seed-article" in q["references"]] == []
    assert any("course" in q["references"] for q in welcome)


def test_the_course_as_a_source_is_named_not_linked():
    html = citations_html(["course", "dean-2021"])
    assert "this course" in html and "#ref-course" not in html and "#ref-dean-2021" in html


def test_a_reference_may_not_take_the_course_id(course_copy, edit_yaml):
    def add(data):
        data["references"].append({**data["references"][0], "id": "course"})

    edit_yaml(course_copy / "references.yaml", add)
    [problem] = problems_of(course_copy)
    assert "reference course" in problem and "kept for questions about the course" in problem


def uncited_figures(cells: Iterable[tuple[str, str]]) -> list[str]:
    """A markdown cell that gives a percentage must cite where it comes from.

    A percentage is a number before "%" (a link's %22 is not one).
    """
    return [where for where, text in cells if re.search(r"\d\s*%", text) and "(#ref-" not in text]


def test_every_notebook_cell_giving_a_percentage_cites_a_source():
    cells = [
        (f"{path.name} markdown cell {n}", text)
        for path in sorted(NOTEBOOK_DIR.glob("*.ipynb"))
        for n, text in enumerate(learner_text(path).split("\f"), 1)
    ]
    assert uncited_figures(cells) == []


def test_figure_check_catches_an_uncited_percentage():
    cells = [
        ("a", "27.4% responded ([Dean](#ref-dean-2021))."),
        ("b", "About 20% reach the blood."),
        ("c", '[Why "low dose"](#Why-%22low-dose%22)'),
    ]
    assert uncited_figures(cells) == ["b"]
