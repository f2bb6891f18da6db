"""Hard safety rules (FACTS.md): no doses, no medication advice, whom to call everywhere."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from widgets.authoring.rules.breaking import add_markdown, edit_yaml
from widgets.authoring.rules.corpus import Corpus, Text
from widgets.authoring.rules.rule import Rule, problem_at
from widgets.authoring.safety import dose_wording
from widgets.core.model import Problem
from widgets.core.triage import triage
from widgets.core.types import WorryCheck

POISON_HELP = "1-800-222-1222"
LOCAL_NUMBER = re.compile(r"outside the US,? call your local emergency number\.$", re.IGNORECASE)


def sentence_around(text: str, position: int, before: int = 1) -> str:
    """The sentence holding `position`, with `before` sentences ahead of it."""
    ends = [m.end() for m in re.finditer(r"[.!?][\"')*]*\s+", text)]
    starts = [0, *ends]
    index = max(i for i, start in enumerate(starts) if start <= position)
    stop = starts[index + 1] if index + 1 < len(starts) else len(text)
    return text[starts[max(0, index - before)] : stop]


def _readable(corpus: Corpus) -> list[Text]:
    """What a learner reads as written: data, tables, notebook text and code literals."""
    return corpus.of("yaml", "table", "markdown", "code")


# --- No doses ---------------------------------------------------------------------------


def dose_problems(corpus: Corpus) -> list[Problem]:
    return [
        problem_at(t, f"{found!r} reads like a dose or schedule (hard rule: no doses)")
        for t in _readable(corpus)
        for found in dose_wording(t.text)
    ]


def _add_a_dose(root: Path) -> None:
    # The amount is put together here so that no dose stands written in the package.
    amount = "10 " + "mg"
    add_markdown(root, "04-microdosing.ipynb", f"People often start with {amount}, twice a week.")


# --- No placeholders left in the data ---------------------------------------------------

# The scaffolds' placeholders: TODO text, and the misconception tag they leave
# (authoring/scaffolds.py TODO_MISCONCEPTION) that reads fine until a report shows it.
_PLACEHOLDER = re.compile(r"\bTODO\b|\btodo-[a-z0-9-]+")


def placeholder_problems(corpus: Corpus) -> list[Problem]:
    return [
        problem_at(t, f"{found!r}: placeholder text left in (replace every TODO)")
        for t in corpus.of("yaml", "table")
        for found in _PLACEHOLDER.findall(t.text)
    ]


def _leave_a_todo(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["questions"][0]["options"][1]["misconception"] = "todo-name-the-misconception"

    edit_yaml(root, "quizzes/caution.yaml", change)


# --- "Stop using ketamine" only for bladder signs or ketamine not prescribed ------------

STOP_ADVICE = re.compile(
    r"\b(?:stop(?:ping)?|quit|discontinue)\s+"
    r"(?:using|taking|ketamine|esketamine|it\b|your\b|the\s+(?:drug|medicine))"
    r"|\bstop\s+and\s+(?:get|seek|see)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"(?:\bnot|\bnever|n't)\s+$", re.IGNORECASE)
_ALLOWED_REASON = re.compile(
    r"bladder|urin|\bpee(?:ing)?\b|uropathy|not\s+(?:been\s+)?prescribed|without\s+a\s+(?:valid\s+)?"
    r"prescription",
    re.IGNORECASE,
)


def stop_advice_problems(corpus: Corpus) -> list[Problem]:
    """'Stop using ketamine' where neither bladder signs nor unprescribed ketamine are the
    reason (in the sentence, the one before, or the item it is in) is medication advice."""
    found = []
    for block in corpus.blocks("yaml", "table", "markdown", "code"):
        # A YAML item's other strings give its reason (a symptom's text for its advice);
        # in running text only the sentence and the one before it count.
        context = " ".join(t.text for t in block) if block[0].kind == "yaml" else ""
        for t in block:
            for match in STOP_ADVICE.finditer(t.text):
                if _NEGATED.search(t.text[max(0, match.start() - 12) : match.start()]):
                    continue
                reason = f"{sentence_around(t.text, match.start())} {context}"
                if not _ALLOWED_REASON.search(reason):
                    said = " ".join(sentence_around(t.text, match.start(), 0).split())
                    found.append(problem_at(t, f"{said!r} is medication advice"))
    return found


def _advise_stopping(root: Path) -> None:
    add_markdown(
        root, "06-caution.ipynb", "Very high blood pressure? Stop using ketamine and rest."
    )


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
# In a quiz, what tells the learner something: feedback, explanations, model answers.
# Prompts, options and hints pose the question.
_QUIZ_ADVICE = re.compile(r"/feedback(?:/|$)|/explanation$|/model_answer$")


def _call_blocks(corpus: Corpus) -> list[list[Text]]:
    """Blocks that can tell someone whom to call. A source's title in references.yaml
    names the Lifeline but tells no one to call it; a quiz's advice texts stand alone."""
    blocks = []
    for block in corpus.blocks("yaml", "table", "markdown", "code"):
        first = Path(block[0].file)
        if first.name == "references.yaml":
            continue
        if first.parent.name == "quizzes":
            blocks += [[t] for t in block if _QUIZ_ADVICE.search(t.path)]
        else:
            blocks.append(block)
    return blocks


def local_number_problems(corpus: Corpus) -> list[Problem]:
    """A text naming 911 or 988 also says what to do outside the US, in the same unit
    or elsewhere in its block: a list ending "Outside the US, call your local emergency
    number" (the crisis panel, a "When to call" list, key points) covers each item."""
    found = []
    for block in _call_blocks(corpus):
        if any("local emergency number" in t.flat.lower() for t in block):
            continue
        found += [
            problem_at(t, f"names 911 or 988 but not the local emergency number: {t.flat!r}")
            for t in block
            if US_LINE.search(t.text)
        ]
    return found


def _name_911_alone(root: Path) -> None:
    add_markdown(root, "05-evidence-by-condition.ipynb", "In a crisis, call 911 or 988.")


# A phone number in a crisis line: 911, 988, 838255, 1-800-222-1222.
PHONE = re.compile(r"\b\d(?:-?\d){2,}\b")


def dial_problems(corpus: Corpus) -> list[Problem]:
    """Each number a crisis line names is a link a phone can call or text with one tap
    (its `dial` list), and each link's number is one the line names."""
    found = []
    for index, line in enumerate(corpus.loaded().crisis["lines"]):
        named = set(PHONE.findall(line["contact"]))
        linked = {d["number"] for d in line.get("dial", [])}
        item = f"crisis line {index + 1}"
        found += [
            Problem(corpus.file("course.yaml"), item, f"names {n} with no link to dial it")
            for n in sorted(named - linked)
        ]
        found += [
            Problem(corpus.file("course.yaml"), item, f"dials {n}, which its words do not name")
            for n in sorted(linked - named)
        ]
    return found


def _drop_a_dial(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        del data["crisis"]["lines"][1]["dial"]

    edit_yaml(root, "course.yaml", change)


# --- The worry check: every path ends with whom to call ---------------------------------


def _worry(corpus: Corpus) -> WorryCheck:
    return corpus.loaded().worry_check


def _worry_problem(corpus: Corpus, item: str, reason: str) -> Problem:
    return Problem(corpus.file("worry-check.yaml"), item, reason)


def worry_ending_problems(corpus: Corpus) -> list[Problem]:
    """Every advice text of the worry check ends with the local emergency number."""
    check = _worry(corpus)
    texts = {**check["advice"], "always": check["always"]}
    return [
        _worry_problem(corpus, f"advice {name}", "does not end with the local emergency number")
        for name, text in texts.items()  # (each a str: mypy sees a TypedDict's values as objects)
        if not LOCAL_NUMBER.search(" ".join(str(text).split()))
    ]


def _drop_the_local_number(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["advice"]["urgent"] = "Contact your prescriber today."

    edit_yaml(root, "worry-check.yaml", change)


def worry_path_problems(corpus: Corpus) -> list[Problem]:
    """Every answer ends with the 'always' text, which offers Poison Help; a possible
    poisoning in someone awake goes to Poison Help first; someone who cannot be woken or
    breathe well gets 911 first. (Each advice text ending with the local number is
    worry-advice-ends-with-local-number.)"""
    check = _worry(corpus)
    found = []
    if POISON_HELP not in check["always"]:
        found.append(_worry_problem(corpus, "always", "does not offer Poison Help"))
    for symptom in check["symptoms"]:
        level, advice = triage(check, [symptom["id"]])
        name, text = f"symptom {symptom['id']}", symptom["text"]
        if re.search(r"took more|swallowed|mixed it", text, re.I) and level != "poison":
            reason = "a possible poisoning in someone awake and breathing goes to Poison Help"
            found.append(_worry_problem(corpus, name, reason))
        if re.search(r"unconscious|cannot be woken|trouble breathing", text, re.I) and (
            level != "emergency" or not advice[0].startswith("Call 911")
        ):
            reason = "someone who cannot be woken or breathe well needs 911 first"
            found.append(_worry_problem(corpus, name, reason))
    return found


def _send_unconscious_to_a_clinician(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["symptoms"][0]["level"] = "clinician"

    edit_yaml(root, "worry-check.yaml", change)


# What makes a very high reading an emergency (FACTS.md additions), as the words the
# worry check uses for them ("confusion" or "feel confused", "weakness" or "feel weak").
EMERGENCY_SIGNS = (
    "chest pain",
    "severe headache",
    "vision changes",
    "confus",
    "seizure",
    "weak",
    "trouble speaking",
)


def missing_emergency_signs(text: str) -> list[str]:
    """The blood-pressure emergency signs a text does not name."""
    return [sign for sign in EMERGENCY_SIGNS if sign not in text.lower()]


def care_today_problems(corpus: Corpus) -> list[Problem]:
    """Advice to get care today, and a very high blood pressure reading below the
    emergency level, name every sign that makes it a 911 emergency instead."""
    check = _worry(corpus)
    texts = {f"advice {level}": check["advice"][level] for level in ("stop", "urgent")}
    texts |= {
        f"symptom {s['id']}": s["text"]
        for s in check["symptoms"]
        if "blood pressure" in s["text"].lower() and s["level"] != "emergency"
    }
    return [
        _worry_problem(corpus, name, f"does not name these emergency signs: {', '.join(missing)}")
        for name, text in texts.items()
        if (missing := missing_emergency_signs(text))
    ]


def _forget_the_stroke_signs(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["advice"]["urgent"] = (
            "Get care today. If you also have chest pain, call 911. Outside the US, call your "
            "local emergency number."
        )

    edit_yaml(root, "worry-check.yaml", change)


def none_advice_problems(corpus: Corpus) -> list[Problem]:
    """With nothing ticked, the advice does not read as if use goes on."""
    check = _worry(corpus)
    text = " ".join(check["advice"]["none"].split())
    found = re.search(r"keep (?:watching|using|taking)|next (?:session|dose)", text, re.I)
    return (
        [_worry_problem(corpus, "advice none", f"{found[0]!r} expects use to go on")]
        if found
        else []
    )


def _expect_a_next_dose(root: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["advice"]["none"] += " Keep watching how you feel after your next dose."

    edit_yaml(root, "worry-check.yaml", change)


RULES = (
    Rule(
        "no-doses",
        "No dose, amount or schedule anywhere a learner reads.",
        dose_problems,
        _add_a_dose,
    ),
    Rule(
        "no-placeholders", "No TODO left in the course data.", placeholder_problems, _leave_a_todo
    ),
    Rule(
        "stop-only-for-bladder-or-unprescribed",
        "'Stop using ketamine' only for bladder signs or ketamine not prescribed to them.",
        stop_advice_problems,
        _advise_stopping,
    ),
    Rule(
        "local-emergency-number",
        "A text naming 911 or 988 (or its list) also names the local emergency number.",
        local_number_problems,
        _name_911_alone,
    ),
    Rule(
        "crisis-numbers-can-be-tapped",
        "Each number in the crisis panel is a link a phone calls or texts with one tap.",
        dial_problems,
        _drop_a_dial,
    ),
    Rule(
        "worry-advice-ends-with-local-number",
        "Every worry-check advice text ends with the local emergency number.",
        worry_ending_problems,
        _drop_the_local_number,
    ),
    Rule(
        "worry-every-path-says-whom-to-call",
        "Every worry-check answer offers Poison Help; cannot wake or breathe is 911 first.",
        worry_path_problems,
        _send_unconscious_to_a_clinician,
    ),
    Rule(
        "care-today-names-emergency-signs",
        "Care-today advice names every sign that makes a very high reading a 911 call.",
        care_today_problems,
        _forget_the_stroke_signs,
    ),
    Rule(
        "nothing-ticked-expects-no-use",
        "With nothing ticked, the worry check does not read as if use goes on.",
        none_advice_problems,
        _expect_a_next_dose,
    ),
)
